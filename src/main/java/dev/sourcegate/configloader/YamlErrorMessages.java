package dev.sourcegate.configloader;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.sourcegate.configloader.RawPyroscopeYaml.RawPrefix;
import java.util.Collection;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The wording of .pyroscope.yaml errors: where the problem is and what was expected, in one short line
 * with any quoted input cut and its control characters escaped, since the lines end up in logs and answers.
 */
final class YamlErrorMessages {
  private static final int MAX_QUOTED = 100;

  private YamlErrorMessages() {}

  /** A Jackson binding failure under {@code where}, e.g. "source_code.mappings[0].path: expected a list". */
  static String describeBinding(String where, Exception e) {
    StringBuilder path = new StringBuilder(where);
    String expected = "a different kind of value";
    if (e instanceof JsonMappingException jme) {
      for (JsonMappingException.Reference ref : jme.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      if (jme instanceof MismatchedInputException mie && mie.getTargetType() != null) {
        expected = expectedKind(mie.getTargetType());
      }
    }
    return (path.isEmpty() ? "the file" : path.toString()) + ": expected " + expected;
  }

  private static String expectedKind(Class<?> type) {
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == RawPrefix.class) {
      return "a mapping like {prefix: ...}";
    }
    return "a mapping";
  }

  /** A YAML syntax error: what and on which line. */
  static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException y && y.getProblem() != null) {
      // snakeyaml's own message spans several lines with a copy of the input; keep what and where.
      String what = (y.getContext() == null ? "" : y.getContext() + ": ") + y.getProblem();
      Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
      return sanitize(what) + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ")");
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
    return firstLine(e.getOriginalMessage()) + where;
  }

  /** Parser messages can quote the input; keep one short line of it. */
  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return sanitize(nl < 0 ? message : message.substring(0, nl));
  }

  /** A value from the file, quoted, cut to a loggable length and with control characters escaped. */
  static String quote(String value) {
    return "\"" + sanitize(value) + "\"";
  }

  private static String sanitize(String value) {
    String v = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    StringBuilder out = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
