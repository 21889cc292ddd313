package dev.sourcegate.fetch.ssrf;

import java.util.Locale;
import java.util.Optional;

/**
 * Which host names a look-up driven by profile data may name: fully qualified DNS names only.
 *
 * <p>IP-address literals are refused outright, in every spelling, rather than parsed and judged: a
 * vanity import path names a host, never an address, and the many legacy IPv4 spellings (127.1,
 * 0x7f.1, 0177.0.0.1, 2130706433) are read differently by different parsers. A DNS name here is
 * letters, digits, hyphens and dots, at least two labels, and its last label (the top-level domain)
 * starts with a letter, which every IPv4 spelling fails (it ends in a number) and every IPv6 literal
 * fails (':' and '[' are not allowed). No user-info, no port, no trailing dot, no "localhost".
 */
public final class HostNames {
  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL = 63;

  private HostNames() {}

  /** Why this host may not be asked (for logs), or empty when it is an acceptable DNS name. */
  public static Optional<String> refusal(String host) {
    if (host == null || host.isEmpty()) {
      return Optional.of("no host");
    }
    if (host.length() > MAX_NAME) {
      return Optional.of("host name too long");
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!ok) {
        return Optional.of(c == ':' || c == '[' ? "IP-address literal or port in the host"
            : c == '@' ? "user-info in the host" : "character not allowed in a host name");
      }
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
        return Optional.of("malformed DNS label");
      }
    }
    if (labels.length < 2) {
      return Optional.of("not a fully qualified host name");
    }
    char tld = labels[labels.length - 1].charAt(0);
    if (!Character.isLetter(tld)) {
      return Optional.of("IP-address literal");
    }
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost") || lower.endsWith(".localhost")) {
      return Optional.of("localhost name");
    }
    return Optional.empty();
  }
}
