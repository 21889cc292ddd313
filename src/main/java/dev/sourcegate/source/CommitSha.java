package dev.sourcegate.source;

/** Full commit SHAs name immutable content; everything else (branches, tags, short SHAs) can move. */
public final class CommitSha {
  private CommitSha() {}

  public static boolean isFull(String ref) {
    if (ref == null || (ref.length() != 40 && ref.length() != 64)) {
      return false;
    }
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
