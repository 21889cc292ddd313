package dev.sourcegate.fetch.ssrf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

  /**
   * An address literal as a resolver could hand it over. IPv6 text always becomes an Inet6Address,
   * even ::ffff:a.b.c.d (which InetAddress.getByName would turn into an Inet4Address), so the
   * IPv4-mapped and NAT64 rules are exercised on the IPv6 form too.
   */
  static InetAddress parse(String host, String literal) throws UnknownHostException {
    byte[] bytes = InetAddress.getByName(literal).getAddress();
    if (literal.contains(":") && bytes.length == 4) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, mapped, 12, 4);
      return Inet6Address.getByAddress(host, mapped, -1);
    }
    return literal.contains(":") ? Inet6Address.getByAddress(host, bytes, -1) : InetAddress.getByAddress(host, bytes);
  }

  @ParameterizedTest(name = "{0} refused: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0.0.0.0             | unspecified
      0.1.2.3             | this network
      10.0.0.1            | private
      10.255.255.255      | private
      100.64.0.1          | carrier-grade NAT
      100.127.255.254     | carrier-grade NAT
      100.100.100.200     | carrier-grade NAT
      127.0.0.1           | loopback
      127.255.255.254     | loopback
      169.254.0.1         | link-local
      169.254.169.254     | cloud metadata
      172.16.0.1          | private
      172.31.255.255      | private
      192.0.0.8           | IETF protocol assignments
      192.0.2.10          | documentation
      192.88.99.1         | 6to4 relay
      192.168.1.1         | private
      198.18.0.1          | benchmarking
      198.19.255.255      | benchmarking
      198.51.100.7        | documentation
      203.0.113.9         | documentation
      224.0.0.1           | multicast
      239.255.255.250     | multicast
      240.0.0.1           | reserved
      255.255.255.255     | broadcast
      ::                  | unspecified
      ::1                 | loopback
      ::127.0.0.1         | IPv4-compatible
      ::ffff:127.0.0.1    | IPv4-mapped loopback
      ::ffff:10.1.2.3     | IPv4-mapped private
      ::ffff:169.254.169.254 | IPv4-mapped link-local (cloud metadata
      ::ffff:0.0.0.0      | IPv4-mapped unspecified
      64:ff9b::7f00:1     | NAT64 loopback
      64:ff9b::a9fe:a9fe  | NAT64 link-local
      64:ff9b::c0a8:101   | NAT64 private
      64:ff9b:1::a00:1    | local-use NAT64
      2002:7f00:1::1      | 6to4 loopback
      2002:c0a8:101::1    | 6to4 private
      2002:a9fe:a9fe::    | 6to4 link-local
      100::1              | discard-only
      2001::1             | Teredo
      2001:2::1           | IETF protocol assignments
      2001:db8::1         | documentation
      3fff::1             | documentation
      fc00::1             | unique-local
      fd00:ec2::254       | unique-local
      fe80::1             | link-local
      febf:ffff::1        | link-local
      fec0::1             | site-local
      ff02::1             | multicast
      ff05::fb            | multicast
      5f00::1             | not IPv6 global unicast
      4000::1             | not IPv6 global unicast
      ::ffff:0:7f00:1     | not IPv6 global unicast
      """)
  void refused(String literal, String reason) throws UnknownHostException {
    InetAddress address = parse(null, literal.trim());
    Optional<String> why = AddressPolicy.refusal(address);
    assertTrue(why.isPresent(), literal + " must be refused");
    assertTrue(why.get().contains(reason.trim()), literal + ": " + why.get());
    assertTrue(!AddressPolicy.isPublic(address));
  }

  @ParameterizedTest(name = "{0} allowed")
  @CsvSource({
      "8.8.8.8", "1.1.1.1", "140.82.112.3", "142.250.74.46", "151.101.1.69", "9.255.255.255", "11.0.0.1",
      "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.1", "169.253.255.255", "169.255.0.0",
      "172.15.255.255", "172.32.0.0", "192.0.1.1", "192.167.255.255", "192.169.0.0", "198.17.255.255",
      "198.20.0.0", "223.255.255.255",
      "2606:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:80b::200e", "2620:fe::fe",
      "2001:200::1", "2002:808:808::1", "64:ff9b::808:808", "::ffff:8.8.8.8", "3fff:1000::1"})
  void allowed(String literal) throws UnknownHostException {
    InetAddress address = parse(null, literal);
    assertEquals(Optional.empty(), AddressPolicy.refusal(address), literal);
    assertTrue(AddressPolicy.isPublic(address));
  }

  @Test
  void theMappedFormAsTheJdkHandsItOverIsJudgedAsIpv4() throws UnknownHostException {
    InetAddress jdk = InetAddress.getByName("::ffff:127.0.0.1");
    assertInstanceOf(java.net.Inet4Address.class, jdk);
    assertEquals(Optional.of("loopback"), AddressPolicy.refusal(jdk));
  }
}
