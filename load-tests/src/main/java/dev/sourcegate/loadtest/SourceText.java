package dev.sourcegate.loadtest;

import java.util.SplittableRandom;

/**
 * Plausible source text of a given size for a path: Go, Python or Java flavoured by the extension. The
 * first line is a comment holding the marker (repository, path, commit) the smoke test checks.
 */
final class SourceText {
  private static final String[] IDENTS = {"ctx", "req", "resp", "item", "items", "total", "err", "cfg", "buf",
      "key", "value", "count", "limit", "offset", "retries", "deadline", "cache", "entry", "batch", "result"};
  private static final String[] CALLS = {"validate", "lookup", "encode", "decode", "flush", "publish", "fetch",
      "merge", "normalize", "compute", "record", "apply", "release", "acquire", "schedule"};

  private SourceText() {}

  static String generate(String path, String header, int size, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(size + 200);
    if (path.endsWith(".py")) {
      sb.append("# ").append(header).append('\n');
      sb.append("\"\"\"Module ").append(path).append(".\"\"\"\n\nimport logging\nimport time\n\n");
      sb.append("log = logging.getLogger(__name__)\n\n");
      int fn = 0;
      while (sb.length() < size) {
        sb.append("\ndef ").append(pick(CALLS, rnd)).append('_').append(fn++).append("(")
            .append(pick(IDENTS, rnd)).append(", ").append(pick(IDENTS, rnd)).append("=None):\n");
        int lines = 3 + rnd.nextInt(12);
        for (int i = 0; i < lines; i++) {
          sb.append("    ").append(pick(IDENTS, rnd)).append(" = ").append(pick(CALLS, rnd)).append('(')
              .append(pick(IDENTS, rnd)).append(", ").append(rnd.nextInt(1000)).append(")\n");
        }
        sb.append("    return ").append(pick(IDENTS, rnd)).append('\n');
      }
    } else if (path.endsWith(".java")) {
      String cls = path.substring(path.lastIndexOf('/') + 1, path.length() - 5);
      String pkg = path.contains("com/") ? path.substring(path.indexOf("com/"), path.lastIndexOf('/')).replace('/', '.') : "app";
      sb.append("// ").append(header).append('\n');
      sb.append("package ").append(pkg).append(";\n\nimport java.util.List;\nimport java.util.Map;\n\n");
      sb.append("public final class ").append(cls).append(" {\n");
      int fn = 0;
      while (sb.length() < size - 2) {
        sb.append("\n  public Object ").append(pick(CALLS, rnd)).append(fn++).append("(Map<String, Object> ")
            .append(pick(IDENTS, rnd)).append(") {\n");
        int lines = 3 + rnd.nextInt(12);
        for (int i = 0; i < lines; i++) {
          sb.append("    Object ").append(pick(IDENTS, rnd)).append(i).append(" = ").append(pick(CALLS, rnd))
              .append('(').append(pick(IDENTS, rnd)).append(", ").append(rnd.nextInt(1000)).append(");\n");
        }
        sb.append("    return ").append(pick(IDENTS, rnd)).append("0;\n  }\n");
      }
      sb.append("}\n");
    } else {
      String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "main";
      String pkg = dir.substring(dir.lastIndexOf('/') + 1).replace('-', '_');
      sb.append("// ").append(header).append('\n');
      sb.append("package ").append(pkg).append("\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"time\"\n)\n");
      int fn = 0;
      while (sb.length() < size) {
        sb.append("\nfunc ").append(Character.toUpperCase(pick(CALLS, rnd).charAt(0))).append(pick(CALLS, rnd))
            .append(fn++).append("(ctx context.Context, ").append(pick(IDENTS, rnd)).append(" int) (int, error) {\n");
        int lines = 3 + rnd.nextInt(12);
        for (int i = 0; i < lines; i++) {
          sb.append('\t').append(pick(IDENTS, rnd)).append(i).append(" := ").append(pick(CALLS, rnd)).append('(')
              .append(pick(IDENTS, rnd)).append(", ").append(rnd.nextInt(1000)).append(")\n");
        }
        sb.append("\tif err != nil {\n\t\treturn 0, fmt.Errorf(\"").append(pick(CALLS, rnd))
            .append(": %w\", err)\n\t}\n\t_ = time.Now()\n\treturn ").append(rnd.nextInt(100)).append(", nil\n}\n");
      }
    }
    return sb.toString();
  }

  private static String pick(String[] a, SplittableRandom rnd) {
    return a[rnd.nextInt(a.length)];
  }
}
