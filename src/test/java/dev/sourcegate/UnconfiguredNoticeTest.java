package dev.sourcegate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.settings.GatewayConfig.GitHubApp;
import org.junit.jupiter.api.Test;

class UnconfiguredNoticeTest {
  @Test
  void withoutTheSessionSecretEveryRpcIsOff() {
    assertEquals("GITHUB_SESSION_SECRET not set: every RPC answers unimplemented",
        UnconfiguredNotice.of(new GitHubApp("", "", "", "")));
    assertEquals("GITHUB_SESSION_SECRET not set: every RPC answers unimplemented",
        UnconfiguredNotice.of(new GitHubApp("id", "secret", "", "https://cb")));
  }

  @Test
  void withTheSessionSecretOnlyTheLoginRpcsAreOff() {
    assertEquals("GITHUB_CLIENT_ID or GITHUB_CLIENT_SECRET not set: the login RPCs answer unimplemented",
        UnconfiguredNotice.of(new GitHubApp("", "", "s3cret-s3cret", "")));
  }

  @Test
  void aConfiguredAppNeedsNoNotice() {
    assertEquals("", UnconfiguredNotice.of(new GitHubApp("id", "secret", "s3cret-s3cret", "https://cb")));
  }
}
