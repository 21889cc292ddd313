package dev.sourcegate.loadtest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The synthetic data set that the fake upstream serves and the simulations ask for. It is generated from
 * fixed seeds, so the fake (one JVM) and Gatling (another JVM) build the very same repositories, commits,
 * files and requests without sharing a file.
 *
 * <ul>
 *   <li>{@code acme/checkout}: a Go service (6 commits, no .pyroscope.yaml); its go.mod requires
 *       {@code github.com/acme/kit v1.2.0}.</li>
 *   <li>{@code acme/kit}: the Go library checkout depends on (4 commits, tags v1.1.0, v1.2.0, v1.3.0); its
 *       files are asked for through module-cache paths such as
 *       {@code /root/go/pkg/mod/github.com/acme/kit@v1.2.0/retry/backoff.go}.</li>
 *   <li>{@code acme/pipeline}: a Python service living under {@code services/pipeline} (rootPath), with a
 *       .pyroscope.yaml there that maps {@code /app/} to {@code src} (5 commits).</li>
 *   <li>{@code acme/shop}: a Java service (5 commits) whose root .pyroscope.yaml maps the function_name
 *       prefixes {@code com/acme/shop} and {@code com/acme/common} to two source directories.</li>
 * </ul>
 *
 * {@link #hotRequests()} is the 1,000 GetFile requests the warm simulations draw from (one per file);
 * {@link #coldGoModuleRequests()} and {@link #coldJavaRequests()} are requests for files that are NOT in the
 * hot set, kept for the cold-path simulation.
 */
public final class DataSet {
  public static final String OWNER = "acme";
  public static final String WEB = "https://github.com";
  public static final String KIT_VERSION = "v1.2.0";
  public static final int HOT_FILES = 1000;
  public static final int COLD_FILES_PER_KIND = 8;

  /** A commit: full 40-hex SHA, message, author date; login null when GitHub links it to no user. */
  public record Commit(String sha, String message, String date, String login) {}

  /** A file of a repository; its content is the same at every commit except the header line. */
  public record FileSpec(String path, int size, long seed) {}

  public record Repo(String name, List<Commit> commits, Map<String, String> tags, Map<String, FileSpec> files) {
    public String fullName() {
      return OWNER + "/" + name;
    }

    public String url() {
      return WEB + "/" + OWNER + "/" + name;
    }

    public Commit head() {
      return commits.get(commits.size() - 1);
    }

    /** full SHA, SHA prefix (7+), branch main, tag, heads/x, tags/x, refs/heads/x, refs/tags/x, HEAD. */
    public Commit resolve(String ref) {
      if (ref == null || ref.isEmpty() || ref.equals("HEAD")) {
        return head();
      }
      String r = ref;
      if (r.startsWith("refs/")) {
        r = r.substring(5);
      }
      if (r.equals("main") || r.equals("heads/main")) {
        return head();
      }
      String tag = r.startsWith("tags/") ? r.substring(5) : r;
      String tagged = tags.get(tag);
      if (tagged != null) {
        return byExactSha(tagged);
      }
      if (r.length() >= 7 && r.length() <= 40 && r.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        Commit found = null;
        for (Commit c : commits) {
          if (c.sha().startsWith(r)) {
            if (found != null) {
              return null; // ambiguous prefix
            }
            found = c;
          }
        }
        return found;
      }
      return null;
    }

    private Commit byExactSha(String sha) {
      for (Commit c : commits) {
        if (c.sha().equals(sha)) {
          return c;
        }
      }
      return null;
    }
  }

  /**
   * One GetFile request, with what the gateway should answer: the file {@code expectRepo}/{@code expectPath}
   * at commit {@code expectSha} (the fake writes that triple into the file's first line).
   */
  public record FileRequest(
      String kind,
      String repositoryURL,
      String ref,
      String localPath,
      String rootPath,
      String functionName,
      String expectRepo,
      String expectPath,
      String expectSha) {

    /** The Connect JSON body of this GetFile. */
    public String json() {
      return "{\"repositoryURL\":" + quote(repositoryURL) + ",\"ref\":" + quote(ref)
          + ",\"localPath\":" + quote(localPath) + ",\"rootPath\":" + quote(rootPath)
          + ",\"functionName\":" + quote(functionName) + "}";
    }

    /** What the first line of the answer's content contains. */
    public String marker() {
      return header(expectRepo, expectPath, expectSha);
    }
  }

  /** Built on first use, after every static table of this class is ready. */
  private static final class Holder {
    static final DataSet INSTANCE = new DataSet();
  }

  private final Map<String, Repo> repos = new LinkedHashMap<>();
  private final List<FileRequest> hot = new ArrayList<>();
  private final List<FileRequest> coldGo = new ArrayList<>();
  private final List<FileRequest> coldJava = new ArrayList<>();

  public static DataSet get() {
    return Holder.INSTANCE;
  }

  private DataSet() {
    Random rnd = new Random(20251126L);
    Repo checkout = repo("checkout", 6, rnd, Map.of());
    Repo kit = repo("kit", 4, rnd, Map.of("v1.1.0", 1, "v1.2.0", 2, "v1.3.0", 3));
    Repo pipeline = repo("pipeline", 5, rnd, Map.of());
    Repo shop = repo("shop", 5, rnd, Map.of());

    // ---- acme/checkout: Go service
    checkout.files().put("go.mod", new FileSpec("go.mod", 0, 1));
    List<String> checkoutGo = goTree(rnd, new String[] {"cmd/checkout", "internal/cart", "internal/payment",
        "internal/order", "internal/inventory", "internal/pricing", "internal/store/postgres",
        "internal/store/redis", "internal/api/http", "internal/api/grpc", "internal/auth", "internal/events",
        "internal/config", "internal/shipping", "pkg/money", "pkg/clock"}, 285);
    addAll(checkout, checkoutGo, rnd);

    // ---- acme/kit: the Go module checkout requires
    List<String> kitGo = goTree(rnd, new String[] {"log", "retry", "httpx", "sqlx", "cache", "metrics",
        "trace", "errors", "config", "pool", "backoff", "ratelimit"}, 170);
    addAll(kit, kitGo, rnd);
    kit.files().put("go.mod", new FileSpec("go.mod", 0, 2));

    // ---- acme/pipeline: Python under services/pipeline, .pyroscope.yaml maps /app/ -> src
    String pipeRoot = "services/pipeline";
    pipeline.files().put(pipeRoot + "/.pyroscope.yaml", new FileSpec(pipeRoot + "/.pyroscope.yaml", 0, 3));
    List<String> pySrc = pyTree(rnd, new String[] {"pipeline", "pipeline/features", "pipeline/models",
        "pipeline/io", "pipeline/train", "pipeline/serve", "pipeline/utils", "pipeline/eval"}, 220);
    List<String> pyTools = pyTree(rnd, new String[] {"tools", "scripts"}, 30);
    for (String p : pySrc) {
      put(pipeline, pipeRoot + "/src/" + p, rnd);
    }
    for (String p : pyTools) {
      put(pipeline, pipeRoot + "/" + p, rnd);
    }

    // ---- acme/shop: Java, .pyroscope.yaml maps com/acme/shop and com/acme/common by function_name
    shop.files().put(".pyroscope.yaml", new FileSpec(".pyroscope.yaml", 0, 4));
    List<String> shopJava = javaTree(rnd, "com/acme/shop", new String[] {"cart", "catalog", "checkout",
        "order", "payment", "search", "user", "web", "web/filter", "persistence"}, 230);
    List<String> commonJava = javaTree(rnd, "com/acme/common", new String[] {"util", "json", "http", "time",
        "validation"}, 90);
    for (String p : shopJava) {
      put(shop, "src/main/java/" + p, rnd);
    }
    for (String p : commonJava) {
      put(shop, "common/src/main/java/" + p, rnd);
    }

    for (Repo r : List.of(checkout, kit, pipeline, shop)) {
      repos.put(r.name(), r);
    }

    // ---- requests. Builds are what profiles point at: most requests use a repo's newest commits.
    SplittableRandom pick = new SplittableRandom(42);
    List<FileRequest> all = new ArrayList<>();
    // cold files are chosen first and kept out of the hot set
    List<String> kitShuffled = shuffled(kitGo, 7);
    List<String> shopShuffled = shuffled(shopJava, 8);
    for (int i = 0; i < COLD_FILES_PER_KIND; i++) {
      coldGo.add(goModuleRequest("cold-go-module", checkout, kit, checkout.head(), kitShuffled.get(i)));
      coldJava.add(javaRequest("cold-java-mapped", shop, shop.head(), shopShuffled.get(i), "src/main/java/", pick));
    }
    for (String p : checkoutGo) {
      Commit c = recentCommit(checkout, pick);
      String local = pick.nextInt(5) == 0
          ? "/build/" + p                                         // absolute build path: last resort walks
          : "github.com/acme/checkout/" + p;                      // -trimpath form
      all.add(new FileRequest("go", checkout.url(), c.sha(), local, "", goFunction("github.com/acme/checkout/" + p),
          checkout.fullName(), p, c.sha()));
    }
    for (String p : kitShuffled.subList(COLD_FILES_PER_KIND, kitShuffled.size())) {
      all.add(goModuleRequest("go-module", checkout, kit, recentCommit(checkout, pick), p));
    }
    for (String p : pySrc) {
      Commit c = recentCommit(pipeline, pick);
      all.add(new FileRequest("python-mapped", pipeline.url(), c.sha(), "/app/" + p, pipeRoot,
          pyFunction(p), pipeline.fullName(), pipeRoot + "/src/" + p, c.sha()));
    }
    for (String p : pyTools) {
      Commit c = recentCommit(pipeline, pick);
      all.add(new FileRequest("python-relative", pipeline.url(), c.sha(), p, pipeRoot,
          pyFunction(p), pipeline.fullName(), pipeRoot + "/" + p, c.sha()));
    }
    for (String p : shopShuffled.subList(COLD_FILES_PER_KIND, shopShuffled.size())) {
      all.add(javaRequest("java-mapped", shop, recentCommit(shop, pick), p, "src/main/java/", pick));
    }
    for (String p : commonJava) {
      all.add(javaRequest("java-mapped", shop, recentCommit(shop, pick), p, "common/src/main/java/", pick));
    }
    // exactly HOT_FILES requests, in a fixed shuffled order (rank 1 of the Zipf law is hot.get(0))
    Collections.shuffle(all, new Random(99));
    if (all.size() < HOT_FILES) {
      throw new IllegalStateException("data set has only " + all.size() + " files");
    }
    hot.addAll(all.subList(0, HOT_FILES));
  }

  public Map<String, Repo> repos() {
    return Collections.unmodifiableMap(repos);
  }

  public Repo repo(String owner, String name) {
    return OWNER.equalsIgnoreCase(owner) ? repos.get(name.toLowerCase(java.util.Locale.ROOT)) : null;
  }

  public List<FileRequest> hotRequests() {
    return Collections.unmodifiableList(hot);
  }

  public List<FileRequest> coldGoModuleRequests() {
    return Collections.unmodifiableList(coldGo);
  }

  public List<FileRequest> coldJavaRequests() {
    return Collections.unmodifiableList(coldJava);
  }

  /** One request of each kind the data set has (the smoke test's GetFile calls). */
  public List<FileRequest> oneOfEachKind() {
    Map<String, FileRequest> byKind = new LinkedHashMap<>();
    for (FileRequest r : hot) {
      byKind.putIfAbsent(r.kind(), r);
    }
    return new ArrayList<>(byKind.values());
  }

  public int totalFiles() {
    return repos.values().stream().mapToInt(r -> r.files().size()).sum();
  }

  public int totalCommits() {
    return repos.values().stream().mapToInt(r -> r.commits().size()).sum();
  }

  /** The median size of the files the hot set asks for. */
  public int medianHotFileSize() {
    List<Integer> sizes = new ArrayList<>();
    for (FileRequest r : hot) {
      Repo repo = repos.get(r.expectRepo().substring(OWNER.length() + 1));
      sizes.add(content(repo, r.expectPath(), r.expectSha()).length);
    }
    Collections.sort(sizes);
    return sizes.get(sizes.size() / 2);
  }

  // ---- file contents

  public static String header(String repoFullName, String path, String sha) {
    return "sourcegate-fake " + repoFullName + " " + path + " @ " + sha;
  }

  /** The bytes of path in repo at commit sha, or null when the repository has no such file. */
  public byte[] content(Repo repo, String path, String sha) {
    FileSpec spec = repo.files().get(path);
    if (spec == null) {
      return null;
    }
    String head = header(repo.fullName(), path, sha);
    if (path.equals("go.mod")) {
      return goMod(repo, head).getBytes(StandardCharsets.UTF_8);
    }
    if (path.endsWith(".pyroscope.yaml")) {
      return pyroscopeYaml(repo, head).getBytes(StandardCharsets.UTF_8);
    }
    return SourceText.generate(path, head, spec.size(), spec.seed()).getBytes(StandardCharsets.UTF_8);
  }

  private static String goMod(Repo repo, String head) {
    if (repo.name().equals("kit")) {
      return "// " + head + "\nmodule github.com/acme/kit\n\ngo 1.22\n\nrequire golang.org/x/sync v0.7.0\n";
    }
    return "// " + head + "\nmodule github.com/acme/checkout\n\ngo 1.22.3\n\n"
        + "require (\n\tgithub.com/acme/kit " + KIT_VERSION + "\n\tgithub.com/google/uuid v1.6.0\n"
        + "\tgolang.org/x/sync v0.7.0\n)\n\nrequire (\n\tgithub.com/kr/text v0.2.0 // indirect\n)\n";
  }

  private static String pyroscopeYaml(Repo repo, String head) {
    if (repo.name().equals("pipeline")) {
      return "# " + head + "\nversion: v1\nsource_code:\n  mappings:\n"
          + "    - path:\n        - prefix: /app/\n      language: python\n"
          + "      source:\n        local:\n          path: src\n";
    }
    return "# " + head + "\nversion: v1\nsource_code:\n  mappings:\n"
        + "    - function_name:\n        - prefix: com/acme/shop\n      language: java\n"
        + "      source:\n        local:\n          path: src/main/java\n"
        + "    - function_name:\n        - prefix: com/acme/common\n      language: java\n"
        + "      source:\n        local:\n          path: common/src/main/java\n";
  }

  // ---- building blocks

  private static Repo repo(String name, int commits, Random rnd, Map<String, Integer> tagToCommitIndex) {
    List<Commit> list = new ArrayList<>();
    Instant t = Instant.parse("2025-09-01T08:00:00Z").plusSeconds(rnd.nextInt(86_400));
    String[] subjects = {"Fix race in %s", "Add metrics to %s", "Refactor %s", "Speed up %s",
        "Handle empty input in %s", "Bump dependencies of %s", "Document %s"};
    String[] logins = {"alice", "bob", "carol", "dmitri", null};
    for (int i = 0; i < commits; i++) {
      t = t.plusSeconds(3_600L * (6 + rnd.nextInt(90)));
      String sha = sha1Hex("commit " + name + " " + i);
      String message = String.format(subjects[rnd.nextInt(subjects.length)], name) + "\n\nChange " + (i + 1)
          + " of " + name + ".";
      list.add(new Commit(sha, message, t.toString(), logins[rnd.nextInt(logins.length)]));
    }
    Map<String, String> tags = new LinkedHashMap<>();
    tagToCommitIndex.forEach((tag, idx) -> tags.put(tag, list.get(idx).sha()));
    return new Repo(name, List.copyOf(list), tags, new LinkedHashMap<>());
  }

  private static void addAll(Repo repo, List<String> paths, Random rnd) {
    for (String p : paths) {
      put(repo, p, rnd);
    }
  }

  private static void put(Repo repo, String path, Random rnd) {
    // source file sizes are roughly log-normal: median ~4 KB, a long tail up to ~60 KB
    double size = Math.exp(Math.log(4_000) + 0.8 * rnd.nextGaussian());
    int bytes = (int) Math.max(300, Math.min(60_000, size));
    repo.files().put(path, new FileSpec(path, bytes, rnd.nextLong()));
  }

  private static final String[] WORDS = {"service", "handler", "client", "store", "cache", "codec", "router",
      "worker", "queue", "batch", "stream", "limiter", "resolver", "builder", "parser", "writer", "reader",
      "session", "token", "price", "item", "order", "ledger", "report", "schema", "event", "index", "retry"};

  private static List<String> goTree(Random rnd, String[] dirs, int count) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (out.size() < count) {
      String dir = dirs[rnd.nextInt(dirs.length)];
      String file = WORDS[rnd.nextInt(WORDS.length)] + (rnd.nextInt(3) == 0 ? "_" + WORDS[rnd.nextInt(WORDS.length)] : "")
          + (rnd.nextInt(6) == 0 ? "_test" : "") + ".go";
      String p = dir + "/" + file;
      if (seen.add(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<String> pyTree(Random rnd, String[] dirs, int count) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (out.size() < count) {
      String dir = dirs[rnd.nextInt(dirs.length)];
      String file = WORDS[rnd.nextInt(WORDS.length)] + (rnd.nextInt(2) == 0 ? "_" + WORDS[rnd.nextInt(WORDS.length)] : "") + ".py";
      String p = dir + "/" + file;
      if (seen.add(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<String> javaTree(Random rnd, String base, String[] pkgs, int count) {
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (out.size() < count) {
      String pkg = pkgs[rnd.nextInt(pkgs.length)];
      String a = WORDS[rnd.nextInt(WORDS.length)];
      String b = WORDS[rnd.nextInt(WORDS.length)];
      String cls = Character.toUpperCase(a.charAt(0)) + a.substring(1) + Character.toUpperCase(b.charAt(0)) + b.substring(1);
      String p = base + "/" + pkg + "/" + cls + ".java";
      if (seen.add(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<String> shuffled(List<String> in, long seed) {
    List<String> out = new ArrayList<>(in);
    Collections.shuffle(out, new Random(seed));
    return out;
  }

  /** Profiles mostly point at the newest builds: half at head, the rest spread over older commits. */
  private static Commit recentCommit(Repo repo, SplittableRandom pick) {
    List<Commit> cs = repo.commits();
    if (pick.nextInt(2) == 0) {
      return cs.get(cs.size() - 1);
    }
    return cs.get(pick.nextInt(cs.size()));
  }

  private static FileRequest goModuleRequest(String kind, Repo checkout, Repo kit, Commit at, String kitPath) {
    String local = "/root/go/pkg/mod/github.com/acme/kit@" + KIT_VERSION + "/" + kitPath;
    return new FileRequest(kind, checkout.url(), at.sha(), local, "",
        goFunction("github.com/acme/kit/" + kitPath), kit.fullName(), kitPath, kit.tags().get(KIT_VERSION));
  }

  private static FileRequest javaRequest(String kind, Repo shop, Commit at, String classPath, String dir,
      SplittableRandom pick) {
    String cls = classPath.substring(0, classPath.length() - ".java".length());
    String simple = cls.substring(cls.lastIndexOf('/') + 1);
    String[] methods = {"apply", "handle", "run", "compute", "lambda$process$0", "<init>", "toString"};
    String fn = cls + (pick.nextInt(4) == 0 ? "$Inner" : "") + "." + methods[pick.nextInt(methods.length)];
    return new FileRequest(kind, shop.url(), at.sha(), simple + ".java", "", fn, shop.fullName(), dir + classPath, at.sha());
  }

  private static String goFunction(String filePath) {
    String pkg = filePath.substring(0, filePath.lastIndexOf('/'));
    String base = filePath.substring(filePath.lastIndexOf('/') + 1).replace(".go", "");
    String type = Character.toUpperCase(base.charAt(0)) + base.substring(1).replace("_test", "").replace("_", "");
    return pkg + ".(*" + type + ").Serve";
  }

  private static String pyFunction(String path) {
    String mod = path.replace(".py", "").replace('/', '.');
    return mod + ":run";
  }

  static String sha1Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Prints a summary of the data set. */
  public static void main(String[] args) {
    DataSet d = get();
    System.out.println("repositories: " + d.repos().size() + ", commits: " + d.totalCommits() + ", files: "
        + d.totalFiles() + ", hot requests: " + d.hotRequests().size() + ", median hot file: "
        + d.medianHotFileSize() + " bytes");
    Map<String, Integer> kinds = new LinkedHashMap<>();
    d.hotRequests().forEach(r -> kinds.merge(r.kind(), 1, Integer::sum));
    System.out.println("hot requests by kind: " + kinds);
    for (FileRequest r : d.oneOfEachKind()) {
      System.out.println("  " + r.kind() + ": " + r.json());
    }
    System.out.println("  " + d.coldGoModuleRequests().get(0).json());
    System.out.println("  " + d.coldJavaRequests().get(0).json());
  }
}
