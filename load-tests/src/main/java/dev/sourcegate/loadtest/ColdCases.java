package dev.sourcegate.loadtest;

import dev.sourcegate.loadtest.DataSet.Commit;
import dev.sourcegate.loadtest.DataSet.FileRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cold cases of issue 13's targets, three fresh trials each, and the small repositories only they
 * use. Every trial asks for something the gateway has not seen: a commit, a file, a branch or SHAs no
 * earlier trial of the run touched.
 *
 * <ul>
 *   <li>Go module dependency: {@code acme/platform} at commits 1-3, a module-cache path of
 *       {@code github.com/acme/kit@v1.2.0} (acme/kit at tag v1.2.0, through platform's go.mod);</li>
 *   <li>Go own code through the last-resort walk: platform at commits 4-6, an absolute build path;</li>
 *   <li>Java mapped file, repository seen before: {@code acme/shop} (its .pyroscope.yaml maps function
 *       names) at commits 0-2, after one GetFile at its head ({@link #javaSeenBeforeSetup});</li>
 *   <li>Java mapped file on first contact: {@code acme/ledger}, {@code acme/invoice}, {@code acme/notify},
 *       each asked for the first time;</li>
 *   <li>Python standard library: {@code acme/etl} (its .python-version says 3.12.4, so the file is read
 *       from python/cpython at tag v3.12.4) at commits 0-2, a relative standard-library path;</li>
 *   <li>GetCommit of a branch: platform's release-1..3; GetCommits of 10 new SHAs: platform commits 7-16,
 *       17-26, 27-36.</li>
 * </ul>
 */
public final class ColdCases {
  public static final List<String> FIRST_CONTACT = List.of("ledger", "invoice", "notify");
  public static final String ETL = "etl";
  public static final String PYTHON_VERSION = "3.12.4";
  public static final String CPYTHON_TAG = "v" + PYTHON_VERSION;
  public static final String CPYTHON_SHA = DataSet.sha1Hex("commit cpython " + CPYTHON_TAG);
  public static final List<String> STDLIB = List.of("json/decoder.py", "threading.py", "concurrent/futures/thread.py");
  public static final int TRIALS = 3;

  /** A small repository: its commits (oldest first) and files; every file's first line names the commit. */
  public record SmallRepo(String owner, String name, List<Commit> commits, Map<String, String> files) {
    public String fullName() {
      return owner + "/" + name;
    }

    public String url() {
      return DataSet.WEB + "/" + fullName();
    }

    /** The bytes of path at commit sha: the marker line, then the text. */
    public byte[] content(String path, String sha) {
      String body = files.get(path);
      String marker = DataSet.header(fullName(), path, sha);
      String line = path.endsWith(".py") || path.endsWith(".yaml") || path.startsWith(".") ? "# " : "// ";
      return (path.equals(".python-version") ? body : line + marker + "\n" + body).getBytes(StandardCharsets.UTF_8);
    }
  }

  private ColdCases() {}

  /** The repositories only the cold cases read (acme/platform, acme/kit and acme/shop come from elsewhere). */
  public static List<SmallRepo> repositories() {
    List<SmallRepo> out = new ArrayList<>();
    for (String name : FIRST_CONTACT) {
      Map<String, String> files = new LinkedHashMap<>();
      files.put(".pyroscope.yaml", "version: v1\nsource_code:\n  mappings:\n    - function_name:\n        - prefix: com/acme/"
          + name + "\n      language: java\n      source:\n        local:\n          path: src/main/java\n");
      files.put(javaPath(name), "package com.acme." + name + ";\n\npublic final class Service {\n  void run() {}\n}\n");
      out.add(new SmallRepo(DataSet.OWNER, name, commits(name, 2), files));
    }
    Map<String, String> etl = new LinkedHashMap<>();
    etl.put(".python-version", PYTHON_VERSION + "\n");
    etl.put("etl/main.py", "import json\nimport threading\n\n\ndef main():\n    pass\n");
    out.add(new SmallRepo(DataSet.OWNER, ETL, commits(ETL, TRIALS), etl));
    Map<String, String> lib = new LinkedHashMap<>();
    for (String p : STDLIB) {
      lib.put("Lib/" + p, "\"\"\"CPython's " + p + ".\"\"\"\n\n\ndef _private():\n    pass\n");
    }
    out.add(new SmallRepo("python", "cpython", List.of(new Commit(CPYTHON_SHA, "Python " + PYTHON_VERSION,
        "2024-06-06T12:00:00Z", null)), lib));
    return out;
  }

  static String javaPath(String name) {
    return "src/main/java/com/acme/" + name + "/Service.java";
  }

  private static List<Commit> commits(String name, int n) {
    List<Commit> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Commit(DataSet.sha1Hex("commit " + name + " " + i), "Change " + (i + 1) + " of " + name,
          "2026-10-0" + (i + 1) + "T10:00:00Z", "alice"));
    }
    return list;
  }

  private static SmallRepo small(String name) {
    return repositories().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  public static List<FileRequest> goModule() {
    History h = History.get();
    List<FileRequest> out = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      FileRequest kit = DataSet.get().coldGoModuleRequests().get(i);
      out.add(new FileRequest("go-module", History.URL, h.commits().get(1 + i).sha(), kit.localPath(), "",
          kit.functionName(), kit.expectRepo(), kit.expectPath(), kit.expectSha()));
    }
    return out;
  }

  public static List<FileRequest> goWalk() {
    History h = History.get();
    List<FileRequest> out = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      // a file commit 4+i changed, so that its content at that commit is new too
      out.add(h.request(h.changedBy(4 + i)[0], 4 + i, true));
    }
    return out;
  }

  /** The GetFile that makes acme/shop a repository seen before: its head, a file no trial asks. */
  public static FileRequest javaSeenBeforeSetup() {
    return DataSet.get().coldJavaRequests().get(TRIALS);
  }

  public static List<FileRequest> javaSeenBefore() {
    DataSet.Repo shop = DataSet.get().repos().get("shop");
    List<FileRequest> out = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      FileRequest head = DataSet.get().coldJavaRequests().get(i);
      String sha = shop.commits().get(i).sha();
      out.add(new FileRequest("java-mapped-seen", head.repositoryURL(), sha, head.localPath(), "", head.functionName(),
          head.expectRepo(), head.expectPath(), sha));
    }
    return out;
  }

  public static List<FileRequest> javaFirstContact() {
    List<FileRequest> out = new ArrayList<>();
    for (String name : FIRST_CONTACT) {
      SmallRepo r = small(name);
      String sha = r.commits().get(r.commits().size() - 1).sha();
      out.add(new FileRequest("java-first-contact", r.url(), sha, "Service.java", "", "com/acme/" + name + "/Service.run",
          r.fullName(), javaPath(name), sha));
    }
    return out;
  }

  public static List<FileRequest> pythonStdlib() {
    SmallRepo etl = small(ETL);
    List<FileRequest> out = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      String p = STDLIB.get(i);
      out.add(new FileRequest("python-stdlib", etl.url(), etl.commits().get(i).sha(), p, "",
          p.replace(".py", "").replace('/', '.') + ":_private", "python/cpython", "Lib/" + p, CPYTHON_SHA));
    }
    return out;
  }

  /** GetCommit of release-1..3: the branch and the SHA it must answer. */
  public static List<String[]> branches() {
    History h = History.get();
    List<String[]> out = new ArrayList<>();
    h.branches().forEach((b, c) -> {
      if (!b.equals("main")) {
        out.add(new String[] {b, h.commits().get(c).sha()});
      }
    });
    return out;
  }

  /** GetCommits of 10 SHAs never asked before, three times. */
  public static List<List<String>> shaBatches() {
    History h = History.get();
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < TRIALS; i++) {
      out.add(h.commits().subList(7 + 10 * i, 17 + 10 * i).stream().map(Commit::sha).toList());
    }
    return out;
  }
}
