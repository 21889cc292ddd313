package dev.sourcegate.api;

/** Whether a String is well-formed UTF-16: every surrogate is half of a high-low pair. */
final class WellFormed {
  private WellFormed() {}

  static boolean isWellFormed(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }
}
