package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.SimulatedPyPi;
import dev.sourcegate.demo.registries.WheelBuilder;
import dev.sourcegate.fetch.archive.ArchiveLimits;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import dev.sourcegate.testkit.FakeGitHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PyPI provider against the simulated registry on loopback: the exact bytes of a wheel's member read
 * by range requests, a mirror's credentials, a server that ignores Range, a registry that is down, and
 * hostile archives, each answered with a clean Connect code and message.
 */
@ExtendWith(VertxExtension.class)
class PyPiProviderTest {
  private static final String APP_PY = "from werkzeug import Response\n\nclass Flask:\n    pass\n";
  private FakeGitHub fake;
  private SimulatedPyPi pypi;
  private UpstreamClient http;
  private Vertx vertx;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    this.vertx = vertx;
    fake = new FakeGitHub(vertx);
    pypi = fake.pypi();
    pypi.wheel("flask", "3.0.3", new WheelBuilder().member("flask/__init__.py", "from .app import Flask\n")
        .member("flask/app.py", APP_PY).storedMember("flask/py.typed", "typed".getBytes(StandardCharsets.UTF_8))
        .build("flask", "3.0.3"));
    GatewayConfig config = SettingsLoader.load(Map.of("SOURCEGATE_UPSTREAM_RETRIES", "0"), null);
    http = new UpstreamClient(vertx, config.upstreams(), config.resilience(), new GatewayMetrics());
    fake.start().onComplete(tc.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    http.close();
    fake.stop().onComplete(tc.succeedingThenComplete());
  }

  private PyPiProvider provider(String base, String token, ArchiveLimits limits) {
    return new PyPiProvider(vertx, http, URI.create(base), token, limits);
  }

  private PyPiProvider provider() {
    return provider(fake.baseUrl() + pypi.prefix(), "", ArchiveLimits.forMemberCap(1024 * 1024));
  }

  private static Future<SourceFile> read(PyPiProvider p, String name, String version, String member) {
    RepoRef where = RepoRef.pypi(name);
    return p.file(new ProviderCall(null, System.currentTimeMillis() + 10_000, p.scope(where)), where, version, member);
  }

  private static void expectFailure(VertxTestContext tc, Future<SourceFile> read, Code code, String inMessage) {
    read.onComplete(tc.failing(e -> tc.verify(() -> {
      assertTrue(e instanceof RpcException, String.valueOf(e));
      assertEquals(code, ((RpcException) e).code(), e.getMessage());
      assertTrue(e.getMessage().contains(inMessage), e.getMessage());
      tc.completeNow();
    })));
  }

  @Test
  void readsTheExactBytesOfOneMemberWithRanges(VertxTestContext tc) {
    read(provider(), "Flask", "3.0.3", "flask/app.py").onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertArrayEquals(APP_PY.getBytes(StandardCharsets.UTF_8), f.content());
      assertTrue(f.url().startsWith("https://inspector.pypi.io/project/flask/3.0.3/packages/"), f.url());
      assertTrue(f.url().endsWith("/flask-3.0.3-py3-none-any.whl/flask/app.py"), f.url());
      tc.completeNow();
    })));
  }

  @Test
  void readsAStoredMember(VertxTestContext tc) {
    read(provider(), "flask", "3.0.3", "flask/py.typed").onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals("typed", new String(f.content(), StandardCharsets.UTF_8));
      tc.completeNow();
    })));
  }

  @Test
  void readsALargeMemberInflatedOffTheEventLoop(VertxTestContext tc) {
    byte[] big = new byte[600 * 1024];
    new Random(7).nextBytes(big);
    byte[] text = Base64.getEncoder().encode(big);
    pypi.wheel("big", "1.0", new WheelBuilder().member("big/data.py", text).build("big", "1.0"));
    read(provider(fake.baseUrl() + pypi.prefix(), "", ArchiveLimits.forMemberCap(4 * 1024 * 1024)), "big", "1.0", "big/data.py")
        .onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertArrayEquals(text, f.content());
          tc.completeNow();
        })));
  }

  @Test
  void aServerThatIgnoresRangeIsReadWhole(VertxTestContext tc) {
    pypi.ignoreRange(true);
    read(provider(), "flask", "3.0.3", "flask/app.py").onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertArrayEquals(APP_PY.getBytes(StandardCharsets.UTF_8), f.content());
      assertEquals(1, pypi.fileRequests(), "the whole archive came with the first answer");
      tc.completeNow();
    })));
  }

  @Test
  void aMirrorGetsItsCredentialsFromTheUrlOrTheToken(VertxTestContext tc) {
    pypi.requireAuthorization("Basic " + Base64.getEncoder().encodeToString("ci:s3cr:et".getBytes(StandardCharsets.UTF_8)));
    String withUser = fake.baseUrl().replace("http://", "http://ci:s3cr%3Aet@") + pypi.prefix();
    read(provider(withUser, "", ArchiveLimits.forMemberCap(1 << 20)), "flask", "3.0.3", "flask/app.py")
        .compose(f -> {
          assertArrayEquals(APP_PY.getBytes(StandardCharsets.UTF_8), f.content());
          return read(provider(fake.baseUrl() + pypi.prefix(), "ci:s3cr:et", ArchiveLimits.forMemberCap(1 << 20)),
              "flask", "3.0.3", "flask/app.py");
        })
        .onComplete(tc.succeeding(f -> tc.verify(() -> {
          assertArrayEquals(APP_PY.getBytes(StandardCharsets.UTF_8), f.content());
          tc.completeNow();
        })));
  }

  @Test
  void wrongCredentialsArePermissionDeniedWithoutTheSecret(VertxTestContext tc) {
    pypi.requireAuthorization("Bearer right-token");
    read(provider(fake.baseUrl() + pypi.prefix(), "wrong-token", ArchiveLimits.forMemberCap(1 << 20)), "flask", "3.0.3",
        "flask/app.py").onComplete(tc.failing(e -> tc.verify(() -> {
          assertEquals(Code.PERMISSION_DENIED, ((RpcException) e).code());
          assertTrue(!e.getMessage().contains("wrong-token") && e.getMessage().contains("SOURCEGATE_PYPI_TOKEN"), e.getMessage());
          tc.completeNow();
        })));
  }

  @Test
  void aMissingMemberIsNotFound(VertxTestContext tc) {
    expectFailure(tc, read(provider(), "flask", "3.0.3", "flask/nope.py"), Code.NOT_FOUND,
        "flask/nope.py is not in flask-3.0.3-py3-none-any.whl");
  }

  @Test
  void aMissingReleaseIsNotFound(VertxTestContext tc) {
    expectFailure(tc, read(provider(), "flask", "9.9.9", "flask/app.py"), Code.NOT_FOUND, "no release 9.9.9 of flask");
  }

  @Test
  void anSdistOnlyReleaseIsNotFoundAndSaysWhy(VertxTestContext tc) {
    pypi.file("oldpkg", "0.1", "oldpkg-0.1.tar.gz", "sdist", new byte[] {1, 2, 3});
    expectFailure(tc, read(provider(), "oldpkg", "0.1", "oldpkg/__init__.py"), Code.NOT_FOUND, "source archive (sdist)");
  }

  @Test
  void aRegistryThatIsDownIsUnavailable(VertxTestContext tc) {
    pypi.down(true);
    expectFailure(tc, read(provider(), "flask", "3.0.3", "flask/app.py"), Code.UNAVAILABLE, "answered 503");
  }

  @Test
  void aZipBombIsRefused(VertxTestContext tc) {
    pypi.wheel("bomb", "1.0", new WheelBuilder().member("bomb/__init__.py", new byte[900 * 1024]).build("bomb", "1.0"));
    expectFailure(tc, read(provider(), "bomb", "1.0", "bomb/__init__.py"), Code.RESOURCE_EXHAUSTED, "compression ratio");
  }

  @Test
  void aHugeMemberIsRefused(VertxTestContext tc) {
    byte[] big = new byte[8 * 1024];
    new Random(1).nextBytes(big);
    pypi.wheel("huge", "1.0", new WheelBuilder().member("huge/__init__.py", big).build("huge", "1.0"));
    expectFailure(tc, read(provider(fake.baseUrl() + pypi.prefix(), "", ArchiveLimits.forMemberCap(4096)), "huge", "1.0",
        "huge/__init__.py"), Code.RESOURCE_EXHAUSTED, "larger than the limit of 4096 bytes");
  }

  @Test
  void pathTraversalNamesAreIgnored(VertxTestContext tc) {
    pypi.wheel("evil", "1.0", new WheelBuilder().member("../evil.py", "owned").member("/etc/passwd", "root")
        .member("evil/ok.py", "fine").build("evil", "1.0"));
    PyPiProvider p = provider();
    read(p, "evil", "1.0", "../evil.py").recover(e -> {
      assertEquals(Code.NOT_FOUND, ((RpcException) e).code(), e.getMessage());
      return read(p, "evil", "1.0", "/etc/passwd");
    }).recover(e -> {
      assertEquals(Code.NOT_FOUND, ((RpcException) e).code(), e.getMessage());
      return read(p, "evil", "1.0", "evil/ok.py");
    }).onComplete(tc.succeeding(f -> tc.verify(() -> {
      assertEquals("fine", new String(f.content(), StandardCharsets.UTF_8));
      tc.completeNow();
    })));
  }

  @Test
  void aTruncatedWheelIsNotAReadableZip(VertxTestContext tc) {
    byte[] whole = new WheelBuilder().member("cut/__init__.py", "x = 1\n").build("cut", "1.0");
    pypi.wheel("cut", "1.0", Arrays.copyOf(whole, whole.length / 2));
    expectFailure(tc, read(provider(), "cut", "1.0", "cut/__init__.py"), Code.DATA_LOSS, "not a readable zip");
  }

  @Test
  void corruptDeflateDataIsNotServed(VertxTestContext tc) {
    byte[] zip = new WheelBuilder().member("bad/__init__.py", "print('hello, world ' * 3)\n".repeat(20)).build("bad", "1.0");
    // the first member's data starts after its 30-byte header and name; scramble it
    int data = 30 + "bad/__init__.py".length();
    for (int i = data; i < data + 16; i++) {
      zip[i] ^= 0x5a;
    }
    pypi.wheel("bad", "1.0", zip);
    expectFailure(tc, read(provider(), "bad", "1.0", "bad/__init__.py"), Code.DATA_LOSS, "not a readable zip");
  }

  @Test
  void aDirectoryClaimingTooManyEntriesIsRefused(VertxTestContext tc) {
    byte[] zip = new WheelBuilder().member("many/__init__.py", "").build("many", "1.0");
    int eocd = zip.length - 22;
    zip[eocd + 8] = (byte) 0xfe;
    zip[eocd + 9] = (byte) 0xff;
    zip[eocd + 10] = (byte) 0xfe;
    zip[eocd + 11] = (byte) 0xff;
    pypi.wheel("many", "1.0", zip);
    expectFailure(tc, read(provider(), "many", "1.0", "many/__init__.py"), Code.RESOURCE_EXHAUSTED,
        "lists 65534 entries, more than the limit of 50000");
  }

  @Test
  void aMemberClaimingMoreCompressedBytesThanItCouldHoldIsRefused(VertxTestContext tc) {
    byte[] zip = new WheelBuilder().member("liar/__init__.py", "x = 1\n").zip();
    // the central directory's compressed size of the one entry (offset 20 of its header): 0x7fffff00
    int cd = zip.length - 22 - (46 + "liar/__init__.py".length());
    zip[cd + 20] = 0x00;
    zip[cd + 21] = (byte) 0xff;
    zip[cd + 22] = (byte) 0xff;
    zip[cd + 23] = 0x7f;
    pypi.wheel("liar", "1.0", zip);
    expectFailure(tc, read(provider(), "liar", "1.0", "liar/__init__.py"), Code.RESOURCE_EXHAUSTED, "compressed bytes");
  }

  @Test
  void aNameOrVersionThatIsNoPythonNameNeverReachesAUrl(VertxTestContext tc) {
    expectFailure(tc, read(provider(), "flask", "..", "flask/app.py"), Code.NOT_FOUND, "not a Python distribution");
  }
}
