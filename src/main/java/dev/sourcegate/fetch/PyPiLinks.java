package dev.sourcegate.fetch;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public page an answer links to: a wheel stored in PyPI's file layout
 * ({@code /packages/<2>/<2>/<60 hex>/<file>}, as files.pythonhosted.org serves it) is shown member by
 * member by PyPI's inspector (inspector.pypi.io, which takes the same path); anything else links to the
 * release's page on pypi.org. Never the registry's own URL, which may be an internal mirror.
 */
final class PyPiLinks {
  /** At the end of the path: a mirror (Artifactory, devpi) keeps PyPI's layout below its own prefix. */
  private static final Pattern PYPI_LAYOUT = Pattern.compile("/packages/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{60}/[^/]+$");

  private PyPiLinks() {}

  static String member(String name, String version, String wheelUrl, String member) {
    String project = UrlPaths.encode(name) + "/" + UrlPaths.encode(version);
    String path = URI.create(wheelUrl).getRawPath();
    Matcher m = path == null ? null : PYPI_LAYOUT.matcher(path);
    if (m != null && m.find()) {
      return "https://inspector.pypi.io/project/" + project + m.group() + "/" + UrlPaths.encodePath(member);
    }
    return "https://pypi.org/project/" + project + "/";
  }
}
