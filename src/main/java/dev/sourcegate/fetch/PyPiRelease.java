package dev.sourcegate.fetch;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import dev.sourcegate.fetch.registry.GitHubRepository;
import dev.sourcegate.source.RepoRef;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

/**
 * One release as PyPI's JSON API shows it ({@code GET /pypi/<name>/<version>/json}, the "urls" list of
 * the release's files): which artifact to read a member from. A pure wheel ({@code py3-none-any},
 * {@code py2.py3-none-any}) first: its files are the installed ones whatever the platform; else any wheel
 * (the .py files of a platform wheel are the same across platforms); an sdist is not read.
 */
public record PyPiRelease(String name, String version, List<Artifact> artifacts, Optional<RepoRef> repository) {

  /** One file of the release: its file name, where it is, and PyPI's packagetype (bdist_wheel, sdist). */
  public record Artifact(String filename, String url, String packageType) {
    boolean wheel() {
      return "bdist_wheel".equals(packageType) || filename.endsWith(".whl");
    }

    boolean pure() {
      return filename.endsWith("-py3-none-any.whl") || filename.endsWith("-py2.py3-none-any.whl");
    }
  }

  public static PyPiRelease parse(String json, String name, String version) {
    try {
      JsonObject root = new JsonObject(json);
      JsonArray urls = root.getJsonArray("urls", new JsonArray());
      List<Artifact> out = new ArrayList<>();
      for (Object o : urls) {
        if (o instanceof JsonObject f && f.getValue("filename") instanceof String fn && f.getValue("url") instanceof String u) {
          out.add(new Artifact(fn, u, f.getString("packagetype", "")));
        }
      }
      return new PyPiRelease(name, version, List.copyOf(out), repository(root.getJsonObject("info", new JsonObject())));
    } catch (DecodeException | ClassCastException e) {
      throw new RpcException(Code.UNKNOWN, "the registry sent unreadable metadata for " + name + " " + version);
    }
  }

  /**
   * The GitHub repository the release's metadata names: a project URL labelled as the source
   * (Source, Source Code, Repository, Code), else one labelled Homepage, else home_page.
   */
  static Optional<RepoRef> repository(JsonObject info) {
    JsonObject urls = info.getValue("project_urls") instanceof JsonObject o ? o : new JsonObject();
    List<String> ordered = new ArrayList<>();
    for (boolean sourceLabels : new boolean[] {true, false}) {
      for (String label : urls.fieldNames()) {
        String l = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        boolean source = l.contains("source") || l.contains("repository") || l.equals("code");
        boolean home = l.equals("homepage") || l.equals("home");
        if ((sourceLabels ? source : home) && urls.getValue(label) instanceof String u) {
          ordered.add(u);
        }
      }
    }
    if (info.getValue("home_page") instanceof String home) {
      ordered.add(home);
    }
    return ordered.stream().map(GitHubRepository::fromUrl).flatMap(Optional::stream).findFirst();
  }

  /** The wheel to read: pure first, else the first wheel; empty when the release has none. */
  public Optional<Artifact> wheel() {
    return artifacts.stream().filter(Artifact::pure).findFirst()
        .or(() -> artifacts.stream().filter(Artifact::wheel).findFirst());
  }

  /** Why there is no wheel to read, for the not_found message. */
  public String noWheel() {
    boolean sdist = artifacts.stream().anyMatch(a -> "sdist".equals(a.packageType()));
    return name + " " + version + (sdist ? " is published only as a source archive (sdist), which is not read"
        : " has no files on the registry");
  }
}
