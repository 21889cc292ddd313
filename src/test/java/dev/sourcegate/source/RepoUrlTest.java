package dev.sourcegate.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.resolve.CheckedInput;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepoUrlTest {
  private static final Set<String> HOSTS = Set.of("github.com", "ghe.example.com");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://github.com/grafana/pyroscope,                       grafana, pyroscope",
    "https://github.com/grafana/pyroscope.git,                   grafana, pyroscope",
    "https://github.com/grafana/pyroscope/,                      grafana, pyroscope",
    "https://github.com/grafana/pyroscope.git/,                  grafana, pyroscope",
    "https://github.com/grafana/pyroscope.GIT,                   grafana, pyroscope",
    "https://www.github.com/grafana/pyroscope,                   grafana, pyroscope",
    "http://github.com/grafana/pyroscope,                        grafana, pyroscope",
    "http://www.github.com/grafana/pyroscope.git,                grafana, pyroscope",
    "github.com/grafana/pyroscope,                               grafana, pyroscope",
    "github.com/grafana/pyroscope.git,                           grafana, pyroscope",
    "www.github.com/grafana/pyroscope/,                          grafana, pyroscope",
    "git@github.com:grafana/pyroscope.git,                       grafana, pyroscope",
    "git@github.com:grafana/pyroscope,                           grafana, pyroscope",
    "git@github.com:/grafana/pyroscope.git,                      grafana, pyroscope",
    "ssh://git@github.com/grafana/pyroscope,                     grafana, pyroscope",
    "ssh://git@github.com/grafana/pyroscope.git,                 grafana, pyroscope",
    "ssh://github.com/grafana/pyroscope,                         grafana, pyroscope",
    "ssh://git@github.com:22/grafana/pyroscope.git,              grafana, pyroscope",
    "https://github.com:443/grafana/pyroscope,                   grafana, pyroscope",
    "http://github.com:80/grafana/pyroscope,                     grafana, pyroscope",
    "github.com:443/grafana/pyroscope,                           grafana, pyroscope",
    "https://github.com/grafana/pyroscope/tree/main/pkg/api,     grafana, pyroscope",
    "https://github.com/grafana/pyroscope/blob/main/go.mod#L10,  grafana, pyroscope",
    "https://github.com/grafana/pyroscope/pull/1,                grafana, pyroscope",
    "https://github.com/grafana/pyroscope?tab=readme-ov-file,    grafana, pyroscope",
    "https://github.com/grafana/pyroscope.git?x=1#frag,          grafana, pyroscope",
    "https://github.com/grafana/pyroscope#readme,                grafana, pyroscope",
    "HTTPS://GitHub.COM/Grafana/Pyroscope,                       Grafana, Pyroscope",
    "Git@GITHUB.com:grafana/pyroscope.git,                       grafana, pyroscope",
    "https://github.com/spring-projects/spring-framework,        spring-projects, spring-framework",
    "https://github.com/prometheus/client_golang,                prometheus, client_golang",
    "https://github.com/o/my.repo_name-2,                        o, my.repo_name-2",
    "https://github.com/grafana/.github,                         grafana, .github",
    "https://github.com/a1/b,                                    a1, b",
    "https://github.com/a--b-/c,                                 a--b-, c",
    "https://ghe.example.com/team/service,                       team, service",
    "https://GHE.example.com:443/team/service.git,               team, service",
    "http://ghe.example.com:80/team/service,                     team, service",
    "ghe.example.com/team/service,                               team, service",
    "ghe.example.com:443/team/service,                           team, service",
    "git@ghe.example.com:team/service.git,                       team, service",
    "ssh://git@ghe.example.com:22/team/service.git,              team, service",
    "ssh://deploy.user@ghe.example.com/team/service,             team, service",
  })
  void acceptedForms(String url, String owner, String repo) {
    assertEquals(new RepoUrl(owner, repo), RepoUrl.parse(url, HOSTS));
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    assertEquals(
        new RepoUrl("grafana", "pyroscope"), RepoUrl.parse("  https://github.com/grafana/pyroscope\n", HOSTS));
  }

  @Test
  void anEnterpriseHostWithoutADotWorksWhenConfigured() {
    assertEquals(new RepoUrl("t", "s"), RepoUrl.parse("ghe/t/s", Set.of("ghe")));
    assertEquals(new RepoUrl("t", "s"), RepoUrl.parse("https://ghe/t/s", Set.of("ghe")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "https://gitlab.com/grafana/pyroscope",
        "https://bitbucket.org/a/b",
        "git@gitlab.com:a/b.git",
        "gitlab.com/a/b",
        "ssh://git@gitlab.com/a/b",
        "https://github.com.evil.example/a/b",
        "https://evilgithub.com/a/b",
        "https://api.github.com/repos/a/b",
        "https://gist.github.com/a/b",
        "https://www.ghe.example.com/a/b",
        "https://[::1]/a/b",
        "https://127.0.0.1/a/b",
      })
  void otherHostsAreNotSupported(String url) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse(url, HOSTS));
    assertEquals(Code.INVALID_ARGUMENT, CheckedInput.asRpc(e).code());
    assertEquals("only GitHub repositories are supported", e.getMessage());
  }

  /** GitHub Enterprise configured at https://ghe.example:8443: the port is part of the host's identity. */
  private static final Set<String> GHES_8443 =
      RepoUrl.githubHosts(URI.create("https://ghe.example:8443/api/v3"), URI.create("https://ghe.example:8443"));

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "https://ghe.example:8443/o/r",
      "HTTPS://GHE.EXAMPLE:8443/o/r.git",
      "ghe.example:8443/o/r",
      "git@ghe.example:o/r.git",
      "ssh://git@ghe.example/o/r",
      "ssh://git@ghe.example:22/o/r",
      "https://github.com/o/r"})
  void anEnterpriseHostOnANonDefaultPortIsThatHostAndPort(String url) {
    assertEquals("r", RepoUrl.parse(url, GHES_8443).repo());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "https://ghe.example/o/r",
      "https://ghe.example:443/o/r",
      "https://ghe.example:9000/o/r",
      "http://ghe.example/o/r",
      "http://ghe.example:80/o/r",
      "ghe.example/o/r",
      "ghe.example:9000/o/r",
      "ssh://git@ghe.example:8443/o/r"})
  void theSameNameOnAnotherPortIsNotTheEnterpriseHost(String url) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse(url, GHES_8443));
    assertEquals(Code.INVALID_ARGUMENT, CheckedInput.asRpc(e).code());
  }

  @Test
  void defaultPortsCompareEqualToExplicitOnes() {
    Set<String> onDefault = RepoUrl.githubHosts(URI.create("https://ghe.example:443/api/v3"), URI.create("https://github.com"));
    assertEquals(onDefault, RepoUrl.githubHosts(URI.create("https://ghe.example/api/v3"), URI.create("https://github.com:443")));
    for (String url : new String[] {"https://ghe.example/o/r", "https://ghe.example:443/o/r", "ghe.example/o/r",
        "http://ghe.example/o/r", "http://ghe.example:80/o/r", "git@ghe.example:o/r"}) {
      assertEquals("r", RepoUrl.parse(url, onDefault).repo(), url);
    }
    for (String url : new String[] {"https://ghe.example:8443/o/r", "https://ghe.example:80/o/r", "http://ghe.example:443/o/r",
        "ssh://git@ghe.example:2222/o/r"}) {
      assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse(url, onDefault), url);
    }
  }

  @Test
  void theEnterpriseHostComesFromTheApiUrlOrTheWebUrl() {
    assertEquals(Set.of("github.com"), RepoUrl.githubHosts(URI.create("https://api.github.com"), URI.create("https://github.com")));
    assertEquals(Set.of("github.com", "ghe.example:8443"),
        RepoUrl.githubHosts(URI.create("https://ghe.example:8443/api/v3"), URI.create("https://github.com")));
    assertEquals(Set.of("github.com", "ghe.example:8443"),
        RepoUrl.githubHosts(URI.create("https://api.github.com"), URI.create("https://GHE.example:8443/")));
    assertEquals(Set.of("github.com", "ghe.example"),
        RepoUrl.githubHosts(URI.create("http://ghe.example:80/api/v3"), URI.create("https://ghe.example")));
    assertEquals(Set.of("github.com", "[::1]:8443"),
        RepoUrl.githubHosts(URI.create("https://[::1]:8443/api/v3"), URI.create("https://github.com")));
    assertEquals("r", RepoUrl.parse("https://[::1]:8443/o/r", Set.of("github.com", "[::1]:8443")).repo());
    assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse("https://[::1]/o/r", Set.of("github.com", "[::1]:8443")));
  }

  @Test
  void hostsAreOnlyTheConfiguredOnes() {
    InvalidSourceInput ghe =
        assertThrows(
            InvalidSourceInput.class, () -> RepoUrl.parse("https://ghe.example.com/a/b", Set.of("github.com")));
    assertEquals("only GitHub repositories are supported", ghe.getMessage());
    InvalidSourceInput com =
        assertThrows(
            InvalidSourceInput.class, () -> RepoUrl.parse("https://www.github.com/a/b", Set.of("ghe.example.com")));
    assertEquals("only GitHub repositories are supported", com.getMessage());
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "grafana",
        "grafana/pyroscope",
        "not a url",
        "https://github.com",
        "https://github.com/",
        "https://github.com/grafana",
        "https://github.com/grafana/",
        "https://github.com//pyroscope",
        "https://github.com/grafana//pyroscope",
        "https:///grafana/pyroscope",
        "git@github.com:grafana",
        "git@github.com:",
        "https://github.com/gra fana/pyroscope",
        "https://github.com/grafana/pyro\tscope",
        "https://github.com/grafana/pyro\u0000scope",
        "https://github.com/grafana/pyro\u007fscope",
        "https://github.com/grafana/pyro\u0085scope",
        "https://github.com/grafana/pyro\u00a0scope",
        "https://github.com/grafana/pyroscope/tree/my branch",
        "https://user:pass@github.com/grafana/pyroscope",
        "https://ghp_token@github.com/grafana/pyroscope",
        "https://github.com@evil.example/a/b",
        "http://user@github.com/grafana/pyroscope",
        "user:pass@github.com/grafana/pyroscope",
        "ssh://git:secret@github.com/grafana/pyroscope",
        "https://github.com/gr_afana/pyroscope",
        "https://github.com/-grafana/pyroscope",
        "https://github.com/gra.fana/pyroscope",
        "https://github.com/grafana/.",
        "https://github.com/grafana/..",
        "https://github.com/grafana/.git",
        "https://github.com/grafana/pyro%20scope",
        "https://github.com/%67rafana/pyroscope",
        "https://github.com/grafana/pyro$cope",
        "https://github.com/grafana/pyr\u00f6scope",
        "https://github.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/b",
        "https://github.com:8443/grafana/pyroscope",
        "https://github.com:80/grafana/pyroscope",
        "http://github.com:443/grafana/pyroscope",
        "ssh://git@github.com:2222/grafana/pyroscope",
        "https://github.com:/grafana/pyroscope",
        "https://github.com:abc/grafana/pyroscope",
        "https://ghe.example.com:0/a/b",
        "https://ghe.example.com:65536/a/b",
        "https://ghe.example.com:123456/a/b",
        "github.com:grafana/pyroscope",
        "ftp://github.com/grafana/pyroscope",
        "git://github.com/grafana/pyroscope.git",
        "file:///etc/passwd",
        "javascript://github.com/a/b",
      })
  void notRepositoryUrls(String url) {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse(url, HOSTS));
    assertEquals(Code.INVALID_ARGUMENT, CheckedInput.asRpc(e).code());
    assertTrue(e.getMessage().startsWith("invalid repository URL"), e.getMessage());
  }

  @Test
  void nullIsInvalid() {
    InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse(null, HOSTS));
    assertTrue(e.getMessage().startsWith("invalid repository URL"));
  }

  @Test
  void repoNameLengthLimit() {
    String max = "r".repeat(100);
    assertEquals(max, RepoUrl.parse("https://github.com/o/" + max, HOSTS).repo());
    assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse("https://github.com/o/" + max + "r", HOSTS));
    String owner = "o".repeat(39);
    assertEquals(owner, RepoUrl.parse("https://github.com/" + owner + "/r", HOSTS).owner());
  }

  @ParameterizedTest(name = "length {0}")
  @ValueSource(ints = {300, 2049, 100_000})
  void messagesNeverEchoTheInput(int length) {
    String secret = "s".repeat(length);
    for (String url :
        new String[] {
          "https://github.com/" + secret + "/r",
          "https://user:" + secret + "@github.com/a/b",
          "https://github.com/a/" + secret,
          secret,
          "https://" + secret + ".example/a/b",
        }) {
      InvalidSourceInput e = assertThrows(InvalidSourceInput.class, () -> RepoUrl.parse(url, HOSTS));
      assertTrue(e.getMessage().length() <= 200, e.getMessage());
      assertFalse(e.getMessage().contains("sssss"), e.getMessage());
    }
  }

  @Test
  void constructorRefusesInvalidNames() {
    assertThrows(InvalidSourceInput.class, () -> new RepoUrl("a/b", "c"));
    assertThrows(InvalidSourceInput.class, () -> new RepoUrl("a", "../c"));
    assertThrows(InvalidSourceInput.class, () -> new RepoUrl(null, "c"));
    assertThrows(InvalidSourceInput.class, () -> new RepoUrl("a", ""));
  }

  @ParameterizedTest(name = "owner [{0}] valid={1}")
  @CsvSource({
    "grafana, true",
    "a, true",
    "A-1, true",
    "a--b, true",
    "a-, true",
    "-a, false",
    "a_b, false",
    "a.b, false",
    "'', false",
    "a b, false",
  })
  void ownerNames(String owner, boolean valid) {
    assertEquals(valid, RepoUrl.isValidOwner(owner));
  }

  @ParameterizedTest(name = "repo [{0}] valid={1}")
  @CsvSource({
    "pyroscope, true",
    "a.b_c-d, true",
    ".github, true",
    "..., true",
    "., false",
    "'..', false",
    "'', false",
    "a/b, false",
    "a b, false",
    "a%2fb, false",
  })
  void repoNames(String repo, boolean valid) {
    assertEquals(valid, RepoUrl.isValidRepo(repo));
  }
}
