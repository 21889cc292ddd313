package dev.sourcegate.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Settings that no longer exist, with what replaced them: left in a deployment's environment they
 * would otherwise be ignored without a word (a file's old key already fails as unknown).
 */
final class RetiredSettings {
  private static final Map<String, String> RETIRED = Map.of(
      "SOURCEGATE_BREAKER_FAILURES", "breakers now open on a failure rate per repository: use "
          + Setting.BREAKER_MIN_CALLS.envName() + " and " + Setting.BREAKER_FAILURE_PERCENT.envName());

  private RetiredSettings() {}

  static void reject(Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    RETIRED.forEach((name, instead) -> {
      if (env.containsKey(name)) {
        errors.add(name + ": no longer a setting; " + instead);
      }
    });
    if (!errors.isEmpty()) {
      throw new ConfigException("invalid configuration: " + String.join("; ", errors));
    }
  }
}
