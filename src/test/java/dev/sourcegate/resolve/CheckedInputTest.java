package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoUrl;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The source package's refusals reach the client as invalid_argument with the very same message. */
class CheckedInputTest {
  private static final Set<String> HOSTS = Set.of("github.com");

  private static void assertInvalidArgument(String message, Runnable check) {
    RpcException e = assertThrows(RpcException.class, check::run);
    assertEquals(Code.INVALID_ARGUMENT, e.code());
    assertEquals(message, e.getMessage());
  }

  @Test
  void refusedValuesAreInvalidArgumentsWithTheSourceMessage() {
    assertInvalidArgument("localPath must not climb out of its root (\"..\")",
        () -> CheckedInput.path("localPath", "../etc/passwd"));
    assertInvalidArgument("functionName contains a control character",
        () -> CheckedInput.control("functionName", "main\u0000"));
    assertInvalidArgument("ref contains \"..\"", () -> CheckedInput.ref("a..b"));
    assertInvalidArgument("only GitHub repositories are supported",
        () -> CheckedInput.repoUrl("https://gitlab.com/a/b", HOSTS));
    assertInvalidArgument("invalid repository URL: not a URL", () -> CheckedInput.repoUrl("owner/repo", HOSTS));
  }

  @Test
  void acceptedValuesPassThroughUnchanged() {
    String path = "src/../main.go";
    assertSame(path, CheckedInput.path("localPath", path));
    assertSame(path, CheckedInput.control("functionName", path));
    assertEquals("", CheckedInput.ref(""));
    assertEquals(new RepoUrl("a", "b"), CheckedInput.repoUrl("https://github.com/a/b", HOSTS));
  }
}
