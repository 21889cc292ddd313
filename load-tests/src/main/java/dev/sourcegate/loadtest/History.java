package dev.sourcegate.loadtest;

import dev.sourcegate.loadtest.DataSet.Commit;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A realistic history for the cold and mixed-workload figures: {@code acme/platform}, a Go module of
 * 2,000 files and 40 commits. The first commit adds every file; each later one changes 3% of them (60
 * files, drawn from a fixed seed). A file no commit touched keeps the very same bytes, so the same blob
 * id, from one commit to the next; its first line names the commit that last changed it
 * ({@link #marker}). {@code go.mod} requires {@code github.com/acme/kit v1.2.0} and never changes.
 * Branches {@code release-1..3} point at the last three commits. Built from seeds, so the fake GitHub
 * and the drivers (other JVMs) see the same history.
 */
public final class History {
  public static final String NAME = "platform";
  public static final String FULL_NAME = DataSet.OWNER + "/" + NAME;
  public static final String URL = DataSet.WEB + "/" + FULL_NAME;
  public static final String MODULE = "github.com/" + FULL_NAME;
  public static final int FILES = 2000;
  public static final int COMMITS = 40;
  /** Files each commit after the first changes: 3% of them. */
  public static final int CHANGED_PER_COMMIT = FILES * 3 / 100;
  public static final List<String> RELEASE_BRANCHES = List.of("release-1", "release-2", "release-3");

  private static final String[] DIRS = {"cmd/platform", "internal/api", "internal/auth", "internal/billing",
      "internal/catalog", "internal/events", "internal/fleet", "internal/gateway", "internal/inventory",
      "internal/jobs", "internal/ledger", "internal/mail", "internal/orders", "internal/pricing",
      "internal/search", "internal/storage/postgres", "internal/storage/redis", "internal/tenants",
      "internal/webhooks", "pkg/clock", "pkg/money", "pkg/retry", "pkg/trace", "pkg/units", "tools/migrate"};
  private static final String[] WORDS = {"service", "handler", "client", "store", "cache", "codec", "router",
      "worker", "queue", "batch", "stream", "limiter", "resolver", "builder", "parser", "writer", "reader",
      "session", "token", "price", "item", "order", "ledger", "report", "schema", "event", "index", "retry"};

  private static final class Holder {
    static final History INSTANCE = new History();
  }

  private final List<Commit> commits = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();
  private final int[] sizes = new int[FILES];
  private final long[] seeds = new long[FILES];
  /** For each commit, the files it changed (commit 0: all of them). */
  private final List<int[]> changes = new ArrayList<>();
  /** lastChange[c][f]: the commit index that last changed file f at or before commit c. */
  private final int[][] lastChange = new int[COMMITS][FILES];

  public static History get() {
    return Holder.INSTANCE;
  }

  private History() {
    Random rnd = new Random(20261206L);
    Set<String> seen = new HashSet<>();
    while (paths.size() < FILES) {
      String p = DIRS[rnd.nextInt(DIRS.length)] + "/" + WORDS[rnd.nextInt(WORDS.length)] + "_"
          + WORDS[rnd.nextInt(WORDS.length)] + (rnd.nextInt(8) == 0 ? "_test" : "") + ".go";
      if (seen.add(p)) {
        int f = paths.size();
        paths.add(p);
        // log-normal sizes as in DataSet: median ~4 KB, at most 60 KB
        sizes[f] = (int) Math.max(300, Math.min(60_000, Math.exp(Math.log(4_000) + 0.8 * rnd.nextGaussian())));
        seeds[f] = rnd.nextLong();
      }
    }
    Instant t = Instant.parse("2026-09-01T08:00:00Z");
    String[] logins = {"alice", "bob", "carol", "dmitri", null};
    for (int c = 0; c < COMMITS; c++) {
      t = t.plusSeconds(3_600L * (2 + rnd.nextInt(30)));
      String sha = DataSet.sha1Hex("commit " + NAME + " " + c);
      commits.add(new Commit(sha, "Change " + (c + 1) + " of platform\n\nTouches " + (c == 0 ? FILES : CHANGED_PER_COMMIT)
          + " files.", t.toString(), logins[rnd.nextInt(logins.length)]));
      int[] changed;
      if (c == 0) {
        changed = new int[FILES];
        Arrays.setAll(changed, i -> i);
        Arrays.fill(lastChange[0], 0);
      } else {
        Set<Integer> pick = new HashSet<>();
        while (pick.size() < CHANGED_PER_COMMIT) {
          pick.add(rnd.nextInt(FILES));
        }
        changed = pick.stream().mapToInt(Integer::intValue).sorted().toArray();
        lastChange[c] = lastChange[c - 1].clone();
        for (int f : changed) {
          lastChange[c][f] = c;
        }
      }
      changes.add(changed);
    }
  }

  public List<Commit> commits() {
    return commits;
  }

  public List<String> paths() {
    return paths;
  }

  /** The files commit c changed (commit 0: every file). */
  public int[] changedBy(int c) {
    return changes.get(c);
  }

  /** The commit index whose version of file f commit c holds. */
  public int versionOf(int f, int c) {
    return lastChange[c][f];
  }

  /** What the first line of file f at commit c ends with: the commit that last changed it. */
  public String marker(int f, int c) {
    return DataSet.header(FULL_NAME, paths.get(f), commits.get(versionOf(f, c)).sha());
  }

  /** The bytes of file f as commit c holds them. */
  public byte[] content(int f, int c) {
    int v = versionOf(f, c);
    return SourceText.generate(paths.get(f), marker(f, c), sizes[f], seeds[f] + v).getBytes(StandardCharsets.UTF_8);
  }

  public int size(int f) {
    return sizes[f];
  }

  /** The mean size of the files, in bytes (the content of one (commit, file) a GetFile answers). */
  public double meanFileSize() {
    return Arrays.stream(sizes).average().orElse(0);
  }

  public static byte[] goMod() {
    return ("module " + MODULE + "\n\ngo 1.22\n\nrequire (\n\tgithub.com/acme/kit " + DataSet.KIT_VERSION
        + "\n\tgolang.org/x/sync v0.7.0\n)\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Branch name to the commit index it points at. */
  public Map<String, Integer> branches() {
    Map<String, Integer> b = new LinkedHashMap<>();
    b.put("main", COMMITS - 1);
    for (int i = 0; i < RELEASE_BRANCHES.size(); i++) {
      b.put(RELEASE_BRANCHES.get(i), COMMITS - RELEASE_BRANCHES.size() + i);
    }
    return b;
  }

  /** A GetFile for file f at commit c: the -trimpath form (read directly) or an absolute build path (the walk). */
  public DataSet.FileRequest request(int f, int c, boolean buildPath) {
    String p = paths.get(f);
    String local = buildPath ? "/build/" + p : MODULE + "/" + p;
    String fn = MODULE + "/" + p.substring(0, p.lastIndexOf('/')) + ".(*Server).Serve";
    return new DataSet.FileRequest(buildPath ? "go-walk" : "go-trimpath", URL, commits.get(c).sha(), local, "", fn,
        FULL_NAME, p, commits.get(versionOf(f, c)).sha());
  }

  public static void main(String[] args) {
    History h = get();
    long versions = h.changes.stream().mapToLong(a -> a.length).sum();
    System.out.printf("%s: %d files, %d commits, %d file versions, mean file %.0f bytes%n", FULL_NAME, FILES, COMMITS,
        versions, h.meanFileSize());
  }
}
