package dev.sourcegate.fetch;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.ReleaseLink;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What RubyGems' {@code /api/v2/rubygems/<gem>/versions/<version>.json} says of one build of a gem: its
 * platform, the SHA-256 of its {@code .gem}, and the GitHub repository its source lives in, when
 * {@code source_code_uri} or {@code homepage_uri} names one (with the directory the gem is in, for a
 * repository of several gems: rails' {@code https://github.com/rails/rails/tree/v7.1.3/actionpack}).
 */
record GemRelease(String platform, String sha256, Optional<GitHubSource> source) {
  private static final Pattern OWNER_OR_REPO = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.+@-]{1,200}");

  /** A GitHub repository, the ref its URL names (tree/REF, else empty) and the directory under it. */
  record GitHubSource(String owner, String repo, String treeRef, String directory) {
    /** The tags the file is looked for at, in order: the URL's own ref when it names the version, v<version>, <version>. */
    List<String> tags(String version) {
      return ReleaseLink.refs(treeRef.contains(version) ? treeRef : "", "v" + version, version);
    }
  }

  static GemRelease parse(String body, String what) {
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new RpcException(Code.UNKNOWN, "RubyGems' answer for " + what + " is not its JSON");
    }
    JsonObject metadata = json.getValue("metadata") instanceof JsonObject m ? m : new JsonObject();
    Optional<GitHubSource> source = Optional.empty();
    for (String uri : new String[] {text(json, "source_code_uri"), text(metadata, "source_code_uri"),
        text(json, "homepage_uri"), text(metadata, "homepage_uri")}) {
      source = source.or(() -> gitHub(uri));
    }
    String platform = text(json, "platform");
    return new GemRelease(platform.isEmpty() ? "ruby" : platform, text(json, "sha"), source);
  }

  private static String text(JsonObject json, String key) {
    return json.getValue(key) instanceof String s ? s.trim() : "";
  }

  /** https://github.com/OWNER/REPO[.git][/tree/REF[/DIR...]]; anything else names no GitHub repository. */
  static Optional<GitHubSource> gitHub(String uri) {
    if (uri.isEmpty()) {
      return Optional.empty();
    }
    URI u;
    try {
      u = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    if (!(host.equals("github.com") || host.equals("www.github.com")) || u.getPath() == null) {
      return Optional.empty();
    }
    String[] parts = u.getPath().replaceAll("^/+|/+$", "").split("/+");
    if (parts.length < 2) {
      return Optional.empty();
    }
    String repo = parts[1].endsWith(".git") ? parts[1].substring(0, parts[1].length() - 4) : parts[1];
    if (!OWNER_OR_REPO.matcher(parts[0]).matches() || !OWNER_OR_REPO.matcher(repo).matches()
        || repo.equals(".") || repo.equals("..")) {
      return Optional.empty();
    }
    String treeRef = "";
    StringBuilder dir = new StringBuilder();
    if (parts.length >= 4 && parts[2].equals("tree") && SEGMENT.matcher(parts[3]).matches()) {
      treeRef = parts[3];
      for (int i = 4; i < parts.length; i++) {
        if (!SEGMENT.matcher(parts[i]).matches() || parts[i].equals(".") || parts[i].equals("..")) {
          dir.setLength(0);
          break;
        }
        dir.append(dir.length() == 0 ? "" : "/").append(parts[i]);
      }
    }
    return Optional.of(new GitHubSource(parts[0], repo, treeRef, dir.toString()));
  }
}
