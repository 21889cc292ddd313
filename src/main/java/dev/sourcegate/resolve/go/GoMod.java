package dev.sourcegate.resolve.go;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a go.mod that decide where a dependency's code is: {@code require} (which version the
 * build used) and {@code replace} (another module, or a directory of this repository). Both the
 * single-line and the block forms are read; comments, including {@code // indirect}, are ignored, and so
 * are the other directives. A go.mod that does not parse simply yields fewer entries: it only refines the
 * module cache path, which already names a module and a version.
 */
final class GoMod {
  static final GoMod EMPTY = new GoMod(Map.of(), List.of());

  /** replace old [oldVersion] => new [newVersion]; the versions are null when absent. */
  record Replace(String oldPath, String oldVersion, String newPath, String newVersion) {}

  /**
   * Where a module's code is after go.mod: another module path and version, or (localDir not null) a
   * directory of the request's repository, relative to its root.
   */
  record Target(String modulePath, String version, String localDir) {}

  private final Map<String, String> requires;
  private final List<Replace> replaces;

  private GoMod(Map<String, String> requires, List<Replace> replaces) {
    this.requires = Map.copyOf(requires);
    this.replaces = List.copyOf(replaces);
  }

  static GoMod parse(String text) {
    Map<String, String> requires = new HashMap<>();
    List<Replace> replaces = new ArrayList<>();
    String block = null;
    for (String raw : text.split("\\R")) {
      List<String> tokens = tokens(raw);
      if (tokens.isEmpty()) {
        continue;
      }
      if (block != null) {
        if (tokens.get(0).equals(")")) {
          block = null;
        } else {
          directive(block, tokens, requires, replaces);
        }
        continue;
      }
      String verb = tokens.get(0);
      List<String> args = tokens.subList(1, tokens.size());
      if (!args.isEmpty() && args.get(0).equals("(")) {
        // "require (" opens a block; "require ( )" on one line is an empty one.
        block = args.get(args.size() - 1).equals(")") && args.size() > 1 ? null : verb;
        continue;
      }
      directive(verb, args, requires, replaces);
    }
    return new GoMod(requires, replaces);
  }

  private static void directive(String verb, List<String> args, Map<String, String> requires, List<Replace> replaces) {
    if (verb.equals("require") && args.size() >= 2) {
      requires.put(args.get(0), args.get(1));
    } else if (verb.equals("replace")) {
      int arrow = args.indexOf("=>");
      if (arrow < 1 || arrow > 2 || arrow == args.size() - 1 || args.size() - arrow - 1 > 2) {
        return;
      }
      String oldVersion = arrow == 2 ? args.get(1) : null;
      String newVersion = args.size() - arrow - 1 == 2 ? args.get(arrow + 2) : null;
      replaces.add(new Replace(args.get(0), oldVersion, args.get(arrow + 1), newVersion));
    }
  }

  /** The words of one line, without its comment and with quotes removed from quoted paths. */
  private static List<String> tokens(String line) {
    int comment = line.indexOf("//");
    String l = comment < 0 ? line : line.substring(0, comment);
    l = l.replace("=>", " => ").replace("(", " ( ").replace(")", " ) ").trim();
    if (l.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String t : l.split("\\s+")) {
      out.add(unquote(t));
    }
    return out;
  }

  private static String unquote(String t) {
    if (t.length() >= 2
        && ((t.startsWith("\"") && t.endsWith("\"")) || (t.startsWith("`") && t.endsWith("`")))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  /**
   * The required module a package path belongs to: the longest required module path that is the package
   * path or a whole-segment prefix of it (vendor/modules.txt and go.mod say it the same way).
   */
  Optional<String> moduleOf(String packagePath) {
    return longestModule(requires.keySet(), packagePath);
  }

  static Optional<String> longestModule(Iterable<String> modules, String packagePath) {
    String best = null;
    for (String m : modules) {
      if ((packagePath.equals(m) || packagePath.startsWith(m + "/")) && (best == null || m.length() > best.length())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The version this go.mod requires of {@code module}, if any. */
  Optional<String> required(String module) {
    return Optional.ofNullable(requires.get(module));
  }

  /**
   * Applies require and replace to a module found in the cache. A replace naming a version applies to that
   * version only (as in Go) and wins over one without. A local replacement is kept only when it stays
   * inside the repository ("./dir"); "../dir" or an absolute path points outside what we can read, so
   * that replace is ignored.
   */
  Target resolve(String module, String cacheVersion) {
    String version = requires.getOrDefault(module, cacheVersion);
    Replace chosen = null;
    for (Replace r : replaces) {
      if (!r.oldPath().equals(module)) {
        continue;
      }
      if (r.oldVersion() != null && (r.oldVersion().equals(version) || r.oldVersion().equals(cacheVersion))) {
        chosen = r;
        break;
      }
      if (r.oldVersion() == null && chosen == null) {
        chosen = r;
      }
    }
    if (chosen == null) {
      return new Target(module, version, null);
    }
    if (isLocalPath(chosen.newPath())) {
      return insideRepository(chosen.newPath())
          .map(dir -> new Target(module, version, dir))
          .orElseGet(() -> new Target(module, version, null));
    }
    return new Target(chosen.newPath(), chosen.newVersion(), null);
  }

  /** Go's rule: a replacement is a directory when it starts with ./ ../ or /. */
  static boolean isLocalPath(String p) {
    return p.equals(".") || p.equals("..") || p.startsWith("./") || p.startsWith("../") || p.startsWith("/");
  }

  /** The directory relative to the repository root (go.mod's own directory), or empty if it leaves it. */
  static Optional<String> insideRepository(String relative) {
    if (relative.startsWith("/")) {
      return Optional.empty();
    }
    Deque<String> dirs = new ArrayDeque<>();
    for (String seg : Arrays.asList(relative.split("/"))) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (dirs.isEmpty()) {
          return Optional.empty();
        }
        dirs.removeLast();
      } else {
        dirs.addLast(seg);
      }
    }
    return Optional.of(String.join("/", dirs));
  }
}
