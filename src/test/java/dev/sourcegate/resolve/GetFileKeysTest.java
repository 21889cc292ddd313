package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.SettingsLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checking a GetFile and naming its cache key: the same for equal requests, refused every time when bad. */
class GetFileKeysTest {
  private final GetFileKeys keys = new GetFileKeys(SettingsLoader.load(Map.of(), null));

  private static GetFileRequest request(String repo, String ref, String path) {
    return GetFileRequest.newBuilder().setRepositoryURL(repo).setRef(ref).setLocalPath(path).build();
  }

  @Test
  void theKeyNamesTheRepositoryInLowerCaseAndAnEmptyRefAsHead() {
    GetFileKeys.Checked c = keys.check(GetFileRequest.newBuilder().setRepositoryURL("https://github.com/Acme/App")
        .setLocalPath("a/b.go").setRootPath("/sub/").setFunctionName("main.main").build());
    assertEquals(new ResolutionCache.Key("acme/app", "HEAD", "a/b.go", "sub", "main.main"), c.key());
    assertEquals("Acme", c.repo().owner());
  }

  @Test
  void theSameMessageGetsTheSameCheckedAnswerAndAnEqualOneAnEqualKey() {
    GetFileRequest r = request("https://github.com/acme/app", "main", "x.go");
    GetFileKeys.Checked a = keys.check(r);
    assertSame(a, keys.check(r), "kept, found by identity");
    GetFileKeys.Checked b = keys.check(request("https://github.com/acme/app", "main", "x.go"));
    assertEquals(a.key(), b.key(), "an equal message (another instance) gets an equal key");
    GetFileKeys.Checked other = keys.check(request("https://github.com/acme/app", "main", "y.go"));
    assertEquals("y.go", other.key().localPath());
  }

  @Test
  void twoEventLoopsCheckingEqualRequestsGetTheSameKeyInstance() {
    // the resolver's loop puts the answer under its key, the HTTP verticle's loop looks it up with its own:
    // one instance, so the cache compares references
    GetFileKeys otherLoop = new GetFileKeys(SettingsLoader.load(Map.of(), null));
    assertSame(keys.check(request("https://github.com/acme/app", "main", "z.go")).key(),
        otherLoop.check(request("https://github.com/acme/app", "main", "z.go")).key());
  }

  @Test
  void aBadRequestIsRefusedEveryTime() {
    for (int i = 0; i < 3; i++) {
      assertThrows(RpcException.class, () -> keys.check(request("https://github.com/acme/app", "main", "../x")));
      assertThrows(RpcException.class, () -> keys.check(request("https://example.com/acme/app", "main", "x.go")));
      assertThrows(RpcException.class, () -> keys.check(request("https://github.com/acme/app", "main", "")));
    }
  }

  @Test
  void aLargeRequestIsCheckedEveryTimeAndManyRequestsStayWithinTheBound() {
    GetFileRequest big = GetFileRequest.newBuilder().setRepositoryURL("https://github.com/acme/app")
        .setFunctionName("f".repeat(GetFileKeys.MAX_CHECKED_REQUEST_BYTES)).build();
    assertEquals(keys.check(big).key(), keys.check(big).key());
    assertNotSame(keys.check(big), keys.check(big));
    for (int i = 0; i < 20_000; i++) {
      assertEquals("p" + i + ".go", keys.check(request("https://github.com/acme/app", "main", "p" + i + ".go")).localPath());
      assertTrue(keys.checkedBytes() <= GetFileKeys.MAX_CHECKED_BYTES, "kept " + keys.checkedBytes());
    }
  }
}
