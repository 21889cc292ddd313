package dev.sourcegate;

import dev.sourcegate.settings.GatewayConfig;

/**
 * The start-up line's note on what a partly configured GitHub App leaves unusable. Without the session
 * secret no cookie can be opened, so the source RPCs are off too, not only the login ones: saying only
 * "login RPCs" sent new users looking for a bug in GetFile.
 */
final class UnconfiguredNotice {
  private UnconfiguredNotice() {}

  static String of(GatewayConfig.GitHubApp app) {
    if (app.configured()) {
      return "";
    }
    if (app.sessionSecret().isEmpty()) {
      return "GITHUB_SESSION_SECRET not set: every RPC answers unimplemented";
    }
    return "GITHUB_CLIENT_ID or GITHUB_CLIENT_SECRET not set: the login RPCs answer unimplemented";
  }
}
