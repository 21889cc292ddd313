package dev.sourcegate.source;

import java.util.Locale;

/**
 * Input safety for values that end up in GitHub API paths (file paths and refs). The checks are deliberately
 * stricter than GitHub: a rejected request is cheap, a path that escapes its root is not.
 */
public final class PathGuard {
  /** git refuses longer ref names in practice (ref files live on file systems with a 255-byte name limit). */
  public static final int MAX_REF_LENGTH = 255;

  private PathGuard() {}

  /**
   * Returns {@code value} unchanged when it has no control character and does not climb out of its root;
   * otherwise {@link InvalidSourceInput} naming {@code field}. {@code null} counts as an empty path.
   */
  public static String check(String field, String value) {
    if (value == null) {
      return null;
    }
    checkControl(field, value);
    if (climbsOut(value)) {
      throw new InvalidSourceInput(field + " must not climb out of its root (\"..\")");
    }
    return value;
  }

  /** Returns {@code value} unchanged when it has no control character (C0, DEL or C1). */
  public static String checkControl(String field, String value) {
    if (value != null && hasControl(value)) {
      throw new InvalidSourceInput(field + " contains a control character");
    }
    return value;
  }

  /** {@link #checkRef(String, String)} for the request field {@code ref}. */
  public static String checkRef(String value) {
    return checkRef("ref", value);
  }

  /**
   * Returns the git ref {@code value} unchanged when git could accept it as a ref name (or a commit id);
   * empty is allowed (it means HEAD, decided by the caller). The rules are those of git check-ref-format,
   * which also keeps the ref from carrying path tricks into the API URL.
   */
  public static String checkRef(String field, String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    String problem = refProblem(value);
    if (problem != null) {
      throw new InvalidSourceInput(field + " " + problem);
    }
    return value;
  }

  /**
   * The path GitHub should be asked for: "." and empty segments dropped, ".." applied. Call it after
   * {@link #check}, which has made sure no ".." climbs past the root.
   */
  public static String normalize(String path) {
    java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    return String.join("/", segments);
  }

  /** Joins the non-empty parts with one "/", after removing the leading and trailing "/" of each part. */
  public static String join(String... parts) {
    StringBuilder out = new StringBuilder();
    for (String part : parts) {
      String p = trimSlashes(part);
      if (!p.isEmpty()) {
        if (!out.isEmpty()) {
          out.append('/');
        }
        out.append(p);
      }
    }
    return out.toString();
  }

  /** {@code value} without its leading and trailing "/" characters ({@code null} becomes ""). */
  public static String trimSlashes(String value) {
    if (value == null) {
      return "";
    }
    int start = 0;
    int end = value.length();
    while (start < end && value.charAt(start) == '/') {
      start++;
    }
    while (end > start && value.charAt(end - 1) == '/') {
      end--;
    }
    return value.substring(start, end);
  }

  static boolean isControl(int c) {
    return c <= 0x1F || (c >= 0x7F && c <= 0x9F);
  }

  private static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (isControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean climbsOut(String value) {
    // Only a ".." segment climbs, and only '%' (an escape) or '\\' (a separator) could make one appear
    // later: without any of them the path stays below its root. That is the usual path, checked cheaply.
    if (value.indexOf("..") < 0 && value.indexOf('%') < 0 && value.indexOf('\\') < 0) {
      return false;
    }
    // Anything on the way to GitHub might decode %2e / %2f or treat "\" as a separator; count those as the
    // dot-dot and slash they could become, so no later decoding can turn a safe path into a climbing one.
    String v = value.toLowerCase(Locale.ROOT)
        .replace("%2f", "/")
        .replace("%5c", "/")
        .replace('\\', '/')
        .replace("%2e", ".");
    int depth = 0;
    for (String segment : v.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (--depth < 0) {
          return true;
        }
      } else {
        depth++;
      }
    }
    return false;
  }

  private static String refProblem(String ref) {
    if (ref.length() > MAX_REF_LENGTH) {
      return "is longer than " + MAX_REF_LENGTH + " characters";
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (isControl(c)) {
        return "contains a control character";
      }
      if (c == ' ' || c > 0x7F && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
        return "contains whitespace";
      }
      if (c == '~' || c == '^' || c == ':' || c == '?' || c == '*' || c == '[' || c == '\\') {
        return "contains '" + c + "', which git does not allow in ref names";
      }
    }
    if (ref.contains("..")) {
      return "contains \"..\"";
    }
    if (ref.contains("@{")) {
      return "contains \"@{\", which git does not allow in ref names";
    }
    if (ref.equals("@")) {
      return "must not be \"@\"";
    }
    if (ref.startsWith("/") || ref.startsWith("-")) {
      return "must not start with '" + ref.charAt(0) + "'";
    }
    if (ref.endsWith("/") || ref.endsWith(".") || ref.endsWith(".lock")) {
      return "must not end with \"/\", \".\" or \".lock\"";
    }
    if (ref.contains("//")) {
      return "must not contain \"//\"";
    }
    for (int start = 0; start <= ref.length(); ) {
      int end = ref.indexOf('/', start);
      if (end < 0) {
        end = ref.length();
      }
      if (ref.startsWith(".", start) && end > start || ref.startsWith(".lock", end - 5) && end - 5 >= start) {
        return "has a component that starts with \".\" or ends with \".lock\"";
      }
      start = end + 1;
    }
    return null;
  }
}
