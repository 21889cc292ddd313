package dev.sourcegate.configloader;

import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.MappingMatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Longest-prefix matching of mappings (docs/resolution.md §2): path prefixes against localPath,
 * function_name prefixes against functionName; plain string prefixes; an empty prefix scores 0.
 */
public final class MappingMatcher {
  private MappingMatcher() {}

  /** Score of one mapping, -1 when none of its prefixes match. */
  public static int score(Mapping mapping, String localPath, String functionName) {
    int best = -1;
    String path = localPath == null ? "" : localPath;
    String fn = functionName == null ? "" : functionName;
    for (String p : mapping.pathPrefixes()) {
      if (path.startsWith(p)) {
        best = Math.max(best, p.length());
      }
    }
    for (String p : mapping.functionNamePrefixes()) {
      if (fn.startsWith(p)) {
        best = Math.max(best, p.length());
      }
    }
    return best;
  }

  /** Every matching mapping, highest score first; ties keep file order (the sort is stable). */
  public static List<MappingMatch> matches(PyroscopeConfig config, String localPath, String functionName) {
    List<MappingMatch> out = new ArrayList<>();
    for (Mapping m : config.mappings()) {
      int s = score(m, localPath, functionName);
      if (s >= 0) {
        out.add(new MappingMatch(m, s));
      }
    }
    out.sort(Comparator.comparingInt(MappingMatch::score).reversed());
    return out;
  }
}
