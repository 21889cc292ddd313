package dev.sourcegate.source;

import java.util.regex.Pattern;

/**
 * npm package names ({@code name}, {@code @scope/name}) and exact versions as they may appear in a
 * registry URL. Anything else is refused before a request is built, so a name read from a lock file or a
 * frame cannot steer the request elsewhere.
 */
public final class NpmNames {
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,213}");
  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,255}");

  private NpmNames() {}

  public static boolean valid(String name) {
    if (name.startsWith("@")) {
      int slash = name.indexOf('/');
      return slash > 1 && PART.matcher(name.substring(1, slash)).matches()
          && PART.matcher(name.substring(slash + 1)).matches();
    }
    return PART.matcher(name).matches();
  }

  public static boolean validVersion(String version) {
    return VERSION.matcher(version).matches();
  }
}
