package dev.sourcegate.resolve.deps.python;

import dev.sourcegate.source.RepoRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exact pins of a pip requirements file ({@code name==version}, as pip-compile and {@code pip freeze}
 * write them): comments, options ({@code -r}, {@code --hash=...}), environment markers after ";" and
 * extras ({@code name[extra]==}) are ignored; a line pinning with anything but "==" (or "===") tells
 * nothing, since the installed version is not known from it.
 */
final class RequirementsPins {
  /** PEP 508's name, optional extras, then the pin; a wildcard pin (==1.*) is no exact version. */
  private static final Pattern PIN = Pattern.compile(
      "([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[[^\\]]*\\])?\\s*===?\\s*([A-Za-z0-9][A-Za-z0-9.+!_-]*)");

  private RequirementsPins() {}

  static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text.replace("\\\r\n", " ").replace("\\\n", " ").split("\r?\n")) {
      String line = cut(cut(raw, " #"), ";").trim();
      if (line.startsWith("#") || line.startsWith("-")) {
        continue;
      }
      // a hash option may follow the pin on the same line
      int option = line.indexOf(" --");
      if (option >= 0) {
        line = line.substring(0, option).trim();
      }
      Matcher m = PIN.matcher(line);
      if (m.matches()) {
        out.putIfAbsent(RepoRef.pep503(m.group(1)), m.group(2));
      }
    }
    return out;
  }

  private static String cut(String line, String marker) {
    int at = line.indexOf(marker);
    return at < 0 ? line : line.substring(0, at);
  }
}
