package dev.sourcegate.settings;

import java.util.List;

/** Rules between settings, each valid alone; a broken rule adds an error naming both settings. */
final class CrossSettingChecks {
  private CrossSettingChecks() {}

  static void resilience(GatewayConfig.Resilience resilience, List<String> errors) {
    if (resilience.hostMinCalls() < 2 * resilience.breakerMinCalls()) {
      // below twice a scope's fault allowance, one failing repository alone could tip the host-wide throttle
      errors.add(Setting.HOST_MIN_CALLS.label() + ": " + resilience.hostMinCalls() + " must be at least twice "
          + Setting.BREAKER_MIN_CALLS.label() + " (" + resilience.breakerMinCalls() + ")");
    }
  }

  static void fleetCacheKey(GatewayConfig.Cache cache, GatewayConfig.GitHubApp app, boolean demo, List<String> errors) {
    if (cache.redisEnabled() && app.sessionSecret().isEmpty() && !demo) {
      // a per-process key would keep each replica from reading what the others wrote (the demo makes
      // up a session secret of its own, so it has a key)
      errors.add(Setting.REDIS_URL.label() + ": the fleet cache encrypts what it stores with a key derived from "
          + Setting.GITHUB_SESSION_SECRET.label() + ", which is not set");
    }
  }

  static void admission(GatewayConfig.Admission a, int port, long requestTimeout, List<String> errors) {
    if (a.managementPort() != 0 && a.managementPort() == port) {
      errors.add(Setting.MANAGEMENT_PORT.label() + ": must differ from " + Setting.PORT.label());
    }
    if (a.idleTimeoutMs() <= a.maxRequestTimeoutMs()) {
      // a connection waiting for its answer has no traffic either way: it must outlive the longest deadline
      errors.add(Setting.IDLE_TIMEOUT_MS.label() + ": " + a.idleTimeoutMs() + " must be over "
          + Setting.MAX_REQUEST_TIMEOUT_MS.label() + " (" + a.maxRequestTimeoutMs() + ")");
    }
    if (requestTimeout > a.maxRequestTimeoutMs()) {
      errors.add(Setting.REQUEST_TIMEOUT_MS.label() + ": " + requestTimeout + " is over "
          + Setting.MAX_REQUEST_TIMEOUT_MS.label() + " (" + a.maxRequestTimeoutMs() + ")");
    }
  }
}
