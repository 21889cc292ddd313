package dev.sourcegate.fetch.ssrf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNamesTest {

  @ParameterizedTest(name = "''{0}'' refused: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.1          | IP-address literal
      169.254.169.254    | IP-address literal
      10.1.2.3           | IP-address literal
      127.1              | IP-address literal
      0x7f.1             | IP-address literal
      0177.0.0.1         | IP-address literal
      0x7f.0x0.0x0.0x1   | IP-address literal
      2130706433         | not a fully qualified host name
      0x7f000001         | not a fully qualified host name
      [::1]              | IP-address literal or port
      ::1                | IP-address literal or port
      [::ffff:127.0.0.1] | IP-address literal or port
      example.com:8080   | IP-address literal or port
      user@example.com   | user-info
      localhost          | not a fully qualified host name
      foo.localhost      | localhost
      example.com.       | malformed DNS label
      .example.com       | malformed DNS label
      a..example.com     | malformed DNS label
      -a.example.com     | malformed DNS label
      a-.example.com     | malformed DNS label
      exa_mple.com       | character not allowed
      exa%2emple.com     | character not allowed
      """)
  void refused(String host, String reason) {
    Optional<String> why = HostNames.refusal(host.trim());
    assertTrue(why.isPresent(), host);
    assertTrue(why.get().contains(reason.trim()), host + ": " + why.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.com", "go.uber.org", "golang.org", "gopkg.in", "k8s.io", "sigs.k8s.io",
      "go.opentelemetry.io", "a-b.c-d.example", "xn--bcher-kva.example", "1password.com", "123.example.org"})
  void allowed(String host) {
    assertEquals(Optional.empty(), HostNames.refusal(host));
  }

  @org.junit.jupiter.api.Test
  void tooLong() {
    assertTrue(HostNames.refusal("a".repeat(64) + ".com").isPresent());
    assertTrue(HostNames.refusal(("a".repeat(60) + ".").repeat(5) + "com").isPresent());
  }
}
