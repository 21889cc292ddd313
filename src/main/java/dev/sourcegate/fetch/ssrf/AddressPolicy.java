package dev.sourcegate.fetch.ssrf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses a look-up driven by profile data may reach: public unicast only.
 *
 * <p>IPv4: everything IANA's special-purpose registry marks as not globally reachable, plus
 * documentation, benchmarking, multicast, reserved and broadcast. IPv6: only global unicast
 * (2000::/3), minus its special blocks (IETF assignments incl. Teredo, documentation); every other
 * IPv6 block (loopback, unspecified, unique-local, link-local, site-local, multicast, discard ...) is
 * refused. IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96,
 * 6to4 2002::/16) are judged by the IPv4 address they carry, so ::ffff:127.0.0.1 is loopback.
 */
public final class AddressPolicy {
  private AddressPolicy() {}

  private record Block(byte[] prefix, int bits, String reason) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private static Block block(String cidr, String reason) {
    int slash = cidr.indexOf('/');
    // Literals only (no name is ever looked up here): InetAddress parses them without DNS.
    byte[] prefix = literal(cidr.substring(0, slash));
    return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), reason);
  }

  private static byte[] literal(String text) {
    try {
      byte[] bytes = InetAddress.getByName(text).getAddress();
      if (text.contains(":") && bytes.length == 4) {
        // InetAddress turns ::ffff:a.b.c.d into a.b.c.d; the block is the IPv6 form.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
      }
      return bytes;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** First match wins, so the more specific blocks come first. */
  private static final List<Block> V4 = List.of(
      block("0.0.0.0/32", "unspecified address"),
      block("0.0.0.0/8", "'this network' (0/8)"),
      block("10.0.0.0/8", "private (10/8)"),
      block("100.64.0.0/10", "carrier-grade NAT (100.64/10)"),
      block("127.0.0.0/8", "loopback"),
      block("169.254.169.254/32", "link-local (cloud metadata endpoint)"),
      block("169.254.0.0/16", "link-local (169.254/16)"),
      block("172.16.0.0/12", "private (172.16/12)"),
      block("192.0.0.0/24", "IETF protocol assignments (192.0.0/24)"),
      block("192.0.2.0/24", "documentation (TEST-NET-1)"),
      block("192.88.99.0/24", "6to4 relay anycast (192.88.99/24)"),
      block("192.168.0.0/16", "private (192.168/16)"),
      block("198.18.0.0/15", "benchmarking (198.18/15)"),
      block("198.51.100.0/24", "documentation (TEST-NET-2)"),
      block("203.0.113.0/24", "documentation (TEST-NET-3)"),
      block("224.0.0.0/4", "multicast (224/4)"),
      block("255.255.255.255/32", "broadcast"),
      block("240.0.0.0/4", "reserved (240/4)"));

  private static final List<Block> V6 = List.of(
      block("::/128", "unspecified address"),
      block("::1/128", "loopback"),
      block("::/96", "IPv4-compatible (deprecated, ::/96)"),
      block("64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)"),
      block("100::/64", "discard-only (100::/64)"),
      block("2001::/23", "IETF protocol assignments incl. Teredo (2001::/23)"),
      block("2001:db8::/32", "documentation (2001:db8::/32)"),
      block("3fff::/20", "documentation (3fff::/20)"),
      block("fc00::/7", "unique-local (fc00::/7)"),
      block("fe80::/10", "link-local (fe80::/10)"),
      block("fec0::/10", "site-local (fec0::/10)"),
      block("ff00::/8", "multicast (ff00::/8)"));

  private static final Block GLOBAL_UNICAST = block("2000::/3", "");
  private static final Block V4_MAPPED = block("::ffff:0:0/96", "");
  private static final Block NAT64 = block("64:ff9b::/96", "");
  private static final Block SIX_TO_FOUR = block("2002::/16", "");

  /** Whether a look-up may connect to this address. */
  public static boolean isPublic(InetAddress address) {
    return refusal(address).isEmpty();
  }

  /** Why this address may not be reached (for logs), or empty when it is public. */
  public static Optional<String> refusal(InetAddress address) {
    byte[] a = address.getAddress();
    if (address instanceof Inet4Address) {
      return v4(a);
    }
    if (address instanceof Inet6Address) {
      return v6(a);
    }
    return Optional.of("unknown address family");
  }

  private static Optional<String> v4(byte[] a) {
    for (Block b : V4) {
      if (b.contains(a)) {
        return Optional.of(b.reason());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> v6(byte[] a) {
    if (V4_MAPPED.contains(a)) {
      return embedded(a, 12, "IPv4-mapped");
    }
    if (NAT64.contains(a)) {
      return embedded(a, 12, "NAT64");
    }
    if (SIX_TO_FOUR.contains(a)) {
      return embedded(a, 2, "6to4");
    }
    for (Block b : V6) {
      if (b.contains(a)) {
        return Optional.of(b.reason());
      }
    }
    if (!GLOBAL_UNICAST.contains(a)) {
      return Optional.of("not IPv6 global unicast (2000::/3)");
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] a, int from, String form) {
    byte[] v4 = new byte[4];
    System.arraycopy(a, from, v4, 0, 4);
    return v4(v4).map(reason -> form + " " + reason);
  }
}
