package dev.sourcegate.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.jsonPath;

import dev.sourcegate.loadtest.DataSet;
import io.gatling.javaapi.core.CheckBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Checks that a GetFile answer holds the right file: the fake writes repo, path and commit into line 1. */
final class Checks {
  private Checks() {}

  static String firstLine(String base64) {
    String text = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** The first line of the decoded content ends with the request's marker (after "// " or "# "). */
  static CheckBuilder.Final rightFile(DataSet.FileRequest r) {
    String marker = r.marker();
    return jsonPath("$.content").transform(Checks::firstLine).transform(line -> line.endsWith(marker)
        ? "ok" : "got [" + line + "], wanted [" + marker + "]").is("ok");
  }

  /** Same, with the marker read from the session attribute "marker". */
  static CheckBuilder.Final rightFileFromSession() {
    return jsonPath("$.content").transformWithSession((b64, session) -> {
      String line = firstLine(b64);
      String marker = session.getString("marker");
      return line.endsWith(marker) ? "ok" : "got [" + line + "], wanted [" + marker + "]";
    }).is("ok");
  }
}
