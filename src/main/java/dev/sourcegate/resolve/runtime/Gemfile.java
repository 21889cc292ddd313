package dev.sourcegate.resolve.runtime;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gemfile's {@code ruby "3.3.0"} line (Bundler's DSL is Ruby code; this one statement has a fixed shape).
 * A requirement such as {@code ruby "~> 3.2"} gives its version; {@code ruby file: ".ruby-version"}
 * gives nothing here, since .ruby-version itself is read before the Gemfile.
 */
final class Gemfile implements VersionSource {
  private static final Pattern RUBY = Pattern.compile("^\\s*ruby\\s*\\(?\\s*[\"'][~>=<\\s]*(\\d+\\.\\d+(?:\\.\\d+)?)",
      Pattern.MULTILINE);

  @Override
  public String fileName() {
    return "Gemfile";
  }

  @Override
  public Set<Runtime> tells() {
    return Set.of(Runtime.RUBY);
  }

  @Override
  public Map<Runtime, String> read(String text) {
    Matcher m = RUBY.matcher(text);
    return m.find() ? Map.of(Runtime.RUBY, m.group(1)) : Map.of();
  }
}
