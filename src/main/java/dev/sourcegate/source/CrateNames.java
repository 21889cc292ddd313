package dev.sourcegate.source;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rust crate names and exact versions as they may appear in a registry URL, and the ref a crate is read
 * at: its version, with the SHA-256 its {@code .crate} must have when the repository's Cargo.lock
 * recorded one ({@code 1.0.197#sha256=<64 hex>}; '#' is in no semver version and git allows it in a
 * ref). Anything else is refused before a request is built.
 */
public final class CrateNames {
  /** crates.io's rule: ASCII letters, digits, '-' and '_', at most 64, a letter first. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
  /** Semver: MAJOR.MINOR.PATCH, then an optional pre-release and build part. */
  private static final Pattern VERSION = Pattern.compile(
      "\\d{1,20}\\.\\d{1,20}\\.\\d{1,20}(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String PIN = "#sha256=";

  private CrateNames() {}

  /** A version and, when a lock file recorded it, the SHA-256 of its .crate in lower-case hex (else null). */
  public record Pinned(String version, String sha256) {}

  public static boolean valid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public static boolean validVersion(String version) {
    return version != null && version.length() <= 128 && VERSION.matcher(version).matches();
  }

  /** A lock file's checksum when it is a SHA-256 in hex (lower-cased), else empty. */
  public static Optional<String> sha256(String checksum) {
    String c = checksum == null ? "" : checksum.trim().toLowerCase(Locale.ROOT);
    return SHA256.matcher(c).matches() ? Optional.of(c) : Optional.empty();
  }

  /** The ref a crate is read at: the version, pinned to sha256 when there is one. */
  public static String ref(String version, String sha256) {
    return sha256 == null ? version : version + PIN + sha256;
  }

  /** A ref made by {@link #ref}; empty for anything else. */
  public static Optional<Pinned> parseRef(String ref) {
    if (ref == null) {
      return Optional.empty();
    }
    int pin = ref.indexOf(PIN);
    String version = pin < 0 ? ref : ref.substring(0, pin);
    String sha = pin < 0 ? null : ref.substring(pin + PIN.length());
    if (!validVersion(version) || (sha != null && !SHA256.matcher(sha).matches())) {
      return Optional.empty();
    }
    return Optional.of(new Pinned(version, sha));
  }
}
