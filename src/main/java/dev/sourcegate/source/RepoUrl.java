package dev.sourcegate.source;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The owner and repository named by a repository URL (docs/resolution.md §1). Both are checked against
 * GitHub's naming rules on construction, so a RepoUrl is always safe to put into an API path.
 */
public record RepoUrl(String owner, String repo) {
  static final String UNSUPPORTED = "only GitHub repositories are supported";
  static final String INVALID = "invalid repository URL";

  /** Longer inputs are not URLs anyone pasted; refusing them early bounds the work. */
  static final int MAX_URL_LENGTH = 2048;

  // GitHub: owner names are letters, digits and hyphens (no leading hyphen), at most 39 characters.
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,38}");
  // Repository names: letters, digits, '-', '_', '.', at most 100 characters; "." and ".." are refused below.
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)", Pattern.DOTALL);
  // scp-like git syntax: user@host:path (no port possible; a '/' before the ':' would make it a path).
  private static final Pattern SCP = Pattern.compile("([^@/:]+)@([^@/:]+):(.*)", Pattern.DOTALL);
  private static final Pattern SSH_USER = Pattern.compile("[A-Za-z0-9._-]+");
  private static final String GITHUB_COM = "github.com";

  public RepoUrl {
    if (!isValidOwner(owner)) {
      throw invalid("the owner is not a valid GitHub owner name");
    }
    if (!isValidRepo(repo)) {
      throw invalid("the repository is not a valid GitHub repository name");
    }
  }

  public static boolean isValidOwner(String owner) {
    return owner != null && OWNER.matcher(owner).matches();
  }

  public static boolean isValidRepo(String repo) {
    return repo != null && REPO.matcher(repo).matches() && !repo.equals(".") && !repo.equals("..");
  }

  /**
   * The hosts {@link #parse} accepts as GitHub: github.com, and the GitHub Enterprise server that the API
   * URL or the web URL names when either is not github.com's. An Enterprise entry is its lower-case host
   * name, followed by ":port" unless the port is its scheme's default (443, 80), since a server on another
   * port of the same name is another server.
   */
  public static Set<String> githubHosts(URI apiUrl, URI webUrl) {
    Set<String> hosts = new LinkedHashSet<>();
    hosts.add(GITHUB_COM);
    String api = hostEntry(apiUrl);
    if (!api.equals("api." + GITHUB_COM)) {
      hosts.add(api);
    }
    String web = hostEntry(webUrl);
    if (!web.equals(GITHUB_COM) && !web.equals("www." + GITHUB_COM)) {
      hosts.add(web);
    }
    return Set.copyOf(hosts);
  }

  private static String hostEntry(URI url) {
    String host = url.getHost().toLowerCase(Locale.ROOT);
    int port = url.getPort();
    String scheme = url.getScheme() == null ? "https" : url.getScheme().toLowerCase(Locale.ROOT);
    return port < 0 || port == defaultPort(scheme) ? host : host + ":" + port;
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "ssh", "scp" -> 22;
      default -> 443;
    };
  }

  /**
   * Parses the forms people paste for a GitHub repository. {@code githubHosts} are the lower-case host
   * names accepted as GitHub (github.com and/or an Enterprise host); "www.github.com" goes with "github.com".
   *
   * @throws InvalidSourceInput {@value #UNSUPPORTED} for another host, {@value #INVALID} (with a
   *     reason that never repeats the input) for anything that is not a repository URL
   */
  public static RepoUrl parse(String url, Set<String> githubHosts) {
    String s = url == null ? "" : url.strip();
    if (s.isEmpty()) {
      throw invalid("empty");
    }
    if (s.length() > MAX_URL_LENGTH) {
      throw invalid("too long");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (PathGuard.isControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw invalid("contains whitespace or a control character");
      }
    }
    Parts parts = split(cutAt(cutAt(s, '#'), '?'), githubHosts);
    String scheme = parts.scheme();

    String hostPort = stripUser(scheme, parts.authority());
    String host = hostPort;
    Integer port = null;
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0 && colon > hostPort.lastIndexOf(']')) {
      host = hostPort.substring(0, colon);
      port = port(hostPort.substring(colon + 1));
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.isEmpty()) {
      throw invalid("no host");
    }
    boolean isGithubCom =
        githubHosts.contains(GITHUB_COM) && (host.equals(GITHUB_COM) || host.equals("www." + GITHUB_COM));
    if (isGithubCom) {
      if (port != null && port != defaultPort(scheme)) {
        throw invalid("github.com is not served on that port");
      }
    } else if (!isEnterpriseHost(host, port, scheme, githubHosts)) {
      throw new InvalidSourceInput(UNSUPPORTED);
    }
    return fromPath(parts.path());
  }

  /**
   * An Enterprise server is a name and a port (githubHosts: "host" on the default ports, or "host:port").
   * A web URL must name that port, a default port comparing equal to its explicit spelling; git over ssh
   * is served on port 22 whatever the web port is.
   */
  private static boolean isEnterpriseHost(String host, Integer port, String scheme, Set<String> githubHosts) {
    if (scheme.equals("ssh") || scheme.equals("scp")) {
      boolean known = githubHosts.stream().anyMatch(h -> h.equals(host) || h.startsWith(host + ":"));
      return known && (port == null || port == defaultPort("ssh"));
    }
    int effective = port == null ? defaultPort(scheme) : port;
    return effective == defaultPort(scheme) && githubHosts.contains(host)
        || githubHosts.contains(host + ":" + effective);
  }

  /** The URL cut into scheme ("scp" for git@host:path), authority (user@host:port) and path (no "/"). */
  private record Parts(String scheme, String authority, String path) {}

  private static Parts split(String s, Set<String> githubHosts) {
    Matcher m = SCHEME.matcher(s);
    if (m.matches()) {
      String scheme = m.group(1).toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("ssh")) {
        throw invalid("unsupported scheme");
      }
      String rest = m.group(2);
      int slash = rest.indexOf('/');
      return slash < 0
          ? new Parts(scheme, rest, "")
          : new Parts(scheme, rest.substring(0, slash), rest.substring(slash + 1));
    }
    Matcher scp = SCP.matcher(s);
    if (scp.matches()) {
      String path = scp.group(3);
      return new Parts("scp", scp.group(1) + "@" + scp.group(2), path.startsWith("/") ? path.substring(1) : path);
    }
    // "github.com/OWNER/REPO": a URL whose scheme was left out, read as https. Only a host name with a dot
    // (or a configured host) makes it one: "owner/repo" or a bare word is not a URL.
    int slash = s.indexOf('/');
    String authority = slash < 0 ? s : s.substring(0, slash);
    int colon = authority.indexOf(':');
    String host = (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
    if (slash < 0 || (host.indexOf('.') < 0 && !githubHosts.contains(host))) {
      throw invalid("not a URL");
    }
    return new Parts("https", authority, s.substring(slash + 1));
  }

  private static String stripUser(String scheme, String authority) {
    int at = authority.lastIndexOf('@');
    if (at < 0) {
      return authority;
    }
    // An ssh user name is not a secret and git needs it; anything before '@' in an http(s) URL is a
    // credential (user:password or a token) that must not travel further or be accepted as normal.
    String user = authority.substring(0, at);
    if ((scheme.equals("ssh") || scheme.equals("scp")) && SSH_USER.matcher(user).matches()) {
      return authority.substring(at + 1);
    }
    throw invalid("credentials or a user name are not allowed in the URL");
  }

  private static int port(String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid("bad port");
    }
    int p = Integer.parseInt(port);
    if (p < 1 || p > 65535) {
      throw invalid("bad port");
    }
    return p;
  }

  private static RepoUrl fromPath(String path) {
    String[] segments = path.split("/", 3);
    if (segments.length < 2 || segments[0].isEmpty() || segments[1].isEmpty()) {
      throw invalid("it does not name an owner and a repository");
    }
    String repo = segments[1];
    if (repo.regionMatches(true, repo.length() - 4, ".git", 0, 4)) {
      repo = repo.substring(0, repo.length() - 4);
    }
    return new RepoUrl(segments[0], repo);
  }

  private static String cutAt(String s, char c) {
    int i = s.indexOf(c);
    return i < 0 ? s : s.substring(0, i);
  }

  private static InvalidSourceInput invalid(String reason) {
    return new InvalidSourceInput(INVALID + ": " + reason);
  }
}
