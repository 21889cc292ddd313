package dev.sourcegate.demo;

import dev.sourcegate.demo.github.GitRefs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The repositories the demo's simulated GitHub serves, built in memory at start from the files under
 * {@code demo/sample/} on the classpath:
 *
 * <ul>
 *   <li>{@code demo/shop}: a Go service (module github.com/demo/shop, requiring github.com/demo/kit v1.2.0),
 *       a Python checkout worker, a Java cart library and a {@code .pyroscope.yaml} mapping
 *       {@code com/demo/shop} to {@code src/main/java}, then a Java and a Python report and a Node
 *       storefront calling into their runtimes; five commits, branch {@code main}, tag {@code v1.0.0};
 *   <li>{@code demo/kit}: the Go module the shop depends on; two commits, tags {@code v1.1.0} and
 *       {@code v1.2.0}, branch {@code main};
 *   <li>one-file stand-ins of {@code openjdk/jdk21u}, {@code python/cpython} and {@code nodejs/node} at the
 *       versions the shop's {@code .tool-versions} pins, for its runtime frames.
 * </ul>
 *
 * Commit SHAs are full 40-digit SHA-1s computed from each commit's content, so they are the same at
 * every start. Loading reads the classpath: call it off the event loop.
 */
public final class SampleRepositories {
  static final String RESOURCES = "demo/sample/";

  /** One commit: its tree is every file of the repository at that commit. */
  public record Commit(String sha, String parentSha, String message, String date, String authorName, String authorEmail,
      String login, Map<String, byte[]> tree) {}

  /** One repository, its commits (oldest first), branches and tags (name -> SHA). */
  public record Repo(String owner, String name, String description, String defaultBranch, List<Commit> commits,
      Map<String, String> branches, Map<String, String> tags) {
    public String fullName() {
      return owner + "/" + name;
    }

    public Commit commit(String sha) {
      for (Commit c : commits) {
        if (c.sha().equals(sha)) {
          return c;
        }
      }
      return null;
    }

    /**
     * The commit a ref names, as GitHub reads a ref: HEAD, a branch, a tag (also as heads/X, tags/X,
     * refs/heads/X, refs/tags/X), a full SHA or an unambiguous SHA prefix of at least 7 digits.
     */
    public Optional<Commit> resolve(String ref) {
      return GitRefs.resolve(ref, defaultBranch, branches, tags, commits.stream().map(Commit::sha).toList())
          .map(this::commit);
    }
  }

  private final Map<String, Repo> repos;

  private SampleRepositories(Map<String, Repo> repos) {
    this.repos = repos;
  }

  /** The repository owner/name (GitHub is case-insensitive), if the demo has it. */
  public Optional<Repo> repo(String owner, String name) {
    return Optional.ofNullable(repos.get(key(owner, name)));
  }

  public List<Repo> all() {
    return List.copyOf(repos.values());
  }

  private static String key(String owner, String name) {
    return (owner + "/" + name).toLowerCase(Locale.ROOT);
  }

  /** Reads the sample files from the classpath and builds the histories (blocking: not on an event loop). */
  public static SampleRepositories load() {
    Map<String, Repo> repos = new LinkedHashMap<>();
    Repo shop = shop();
    Repo kit = kit();
    repos.put(key(shop.owner(), shop.name()), shop);
    repos.put(key(kit.owner(), kit.name()), kit);
    for (Repo runtime : runtimeStandIns()) {
      repos.put(key(runtime.owner(), runtime.name()), runtime);
    }
    return new SampleRepositories(Collections.unmodifiableMap(repos));
  }

  private static Repo shop() {
    History h = new History("demo", "shop");
    h.commit("mara-demo", "Mara Lind", "mara@shop.demo", "2026-03-02T09:14:27Z",
        "Shop service: HTTP API for carts\n\nThe first cut of the Go service: add items to a customer's cart and price it.\n"
            + "Logs through github.com/demo/kit/log.",
        Map.of("README.md", "shop/README.md",
            "go.mod", "shop/go.mod",
            "cmd/server/main.go", "shop/cmd/server/main.go",
            "internal/cart/cart.go", "shop-v1.0.0/internal/cart/cart.go"));
    h.commit("jonas-demo", "Jonas Berg", "jonas@shop.demo", "2026-03-09T16:40:03Z",
        "Add the Python checkout worker\n\nPrices an order with tax and charges it, retrying gateway timeouts. "
            + "Its HTTP endpoint runs on Flask, locked by uv.lock.",
        Map.of("app/__init__.py", "shop/app/__init__.py",
            "app/checkout.py", "shop/app/checkout.py",
            "app/api.py", "shop/app/api.py",
            "uv.lock", "shop/uv.lock"));
    // a commit GitHub links to no user (the author's e-mail belongs to no account): GetCommit sends author {}
    h.commit(null, "Release Bot", "release-bot@shop.demo", "2026-03-16T11:05:41Z",
        "Add the Java cart library and map it in .pyroscope.yaml\n\nJVM profiles name classes, not files: the mapping "
            + "sends com/demo/shop functions to src/main/java.",
        Map.of("src/main/java/com/demo/shop/Cart.java", "shop/src/main/java/com/demo/shop/Cart.java",
            ".pyroscope.yaml", "shop/pyroscope.yaml"));
    h.tag("v1.0.0");
    h.commit("jonas-demo", "Jonas Berg", "jonas@shop.demo", "2026-03-19T10:12:48Z",
        "Back-office sales report (Java and Python) and the Node storefront\n\n.tool-versions pins the runtimes: "
            + "JDK 21.0.5, Node.js 20.11.1, Python 3.12.4.",
        Map.of(".tool-versions", "shop-runtimes/tool-versions",
            "src/main/java/com/demo/shop/SalesByDay.java", "shop-runtimes/src/main/java/com/demo/shop/SalesByDay.java",
            "pom.xml", "shop-runtimes/pom.xml",
            "app/report.py", "shop-runtimes/app/report.py",
            "web/server.js", "shop-runtimes/web/server.js",
            "web/package.json", "shop-node/web/package.json",
            "web/package-lock.json", "shop-node/web/package-lock.json"));
    h.commit("mara-demo", "Mara Lind", "mara@shop.demo", "2026-03-23T14:22:10Z",
        "cart: volume discounts of 5% from 10 items and 10% from 50\n\nTotal now takes the discount off every line; "
            + "the rules live in discount.go.",
        Map.of("internal/cart/cart.go", "shop/internal/cart/cart.go",
            "internal/cart/discount.go", "shop/internal/cart/discount.go"));
    h.branch("main");
    return h.build("The sourcegate demo's sample shop: Go, Python and Java", "main");
  }

  private static Repo kit() {
    History h = new History("demo", "kit");
    h.commit("jonas-demo", "Jonas Berg", "jonas@shop.demo", "2026-02-20T10:02:55Z",
        "log: a small structured JSON logger",
        Map.of("README.md", "kit/README.md",
            "go.mod", "kit/go.mod",
            "log/log.go", "kit/log/log.go",
            "log/fields.go", "kit/log/fields.go"));
    h.tag("v1.1.0");
    h.commit("mara-demo", "Mara Lind", "mara@shop.demo", "2026-02-27T08:31:12Z",
        "log: add the Err field",
        Map.of("log/errors.go", "kit/log/errors.go"));
    h.tag("v1.2.0");
    h.branch("main");
    return h.build("Shared Go packages of the demo organisation", "main");
  }

  /**
   * Small stand-ins for the runtime repositories the shop's runtime frames are read from, at the versions
   * its .tool-versions pins: one file each, so the page shows a JDK, a CPython and a Node.js frame offline.
   * Then the repositories the demo registries' flask and express name, holding the file at the release's
   * tag, so their frames link to GitHub as real ones do (the bytes still come from the registries).
   */
  private static List<Repo> runtimeStandIns() {
    return List.of(
        standIn("pallets", "flask", "main", "3.0.3", "The Python micro framework (demo stand-in)",
            "src/flask/app.py", "pypi/flask-3.0.3/flask/app.py"),
        standIn("expressjs", "express", "master", "4.18.2", "Web framework for Node.js (demo stand-in)",
            "lib/router/index.js", "npm/express-4.18.2/lib/router/index.js"),
        standIn("openjdk", "jdk21u", "master", "jdk-21.0.5-ga", "OpenJDK 21 updates (demo stand-in)",
            "src/java.base/share/classes/java/util/HashMap.java"),
        standIn("python", "cpython", "main", "v3.12.4", "The Python programming language (demo stand-in)",
            "Lib/json/encoder.py"),
        standIn("nodejs", "node", "main", "v20.11.1", "Node.js JavaScript runtime (demo stand-in)",
            "lib/internal/timers.js"));
  }

  private static Repo standIn(String owner, String name, String branch, String tag, String description, String path) {
    return standIn(owner, name, branch, tag, description, path, "runtime/" + owner + "-" + name + "/" + path);
  }

  private static Repo standIn(String owner, String name, String branch, String tag, String description, String path,
      String resource) {
    History h = new History(owner, name);
    h.commit(null, "Demo Stand-in", "stand-in@runtime.demo", "2026-01-15T12:00:00Z",
        "Stand-in of " + path + " at " + tag, Map.of(path, resource));
    h.tag(tag);
    h.branch(branch);
    return h.build(description, branch);
  }

  /** Builds a linear history: each commit's tree is its parent's plus the files it adds or changes. */
  private static final class History {
    private final String owner;
    private final String name;
    private final List<Commit> commits = new ArrayList<>();
    private final Map<String, String> branches = new LinkedHashMap<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    History(String owner, String name) {
      this.owner = owner;
      this.name = name;
    }

    void commit(String login, String authorName, String email, String date, String message, Map<String, String> changes) {
      Commit parent = commits.isEmpty() ? null : commits.get(commits.size() - 1);
      Map<String, byte[]> tree = new TreeMap<>(parent == null ? Map.of() : parent.tree());
      new TreeMap<>(changes).forEach((path, resource) -> tree.put(path, read(resource)));
      String sha = shaOf(parent == null ? null : parent.sha(), authorName, email, date, message, tree);
      commits.add(new Commit(sha, parent == null ? null : parent.sha(), message, date, authorName, email, login,
          Collections.unmodifiableMap(tree)));
    }

    void tag(String tag) {
      tags.put(tag, commits.get(commits.size() - 1).sha());
    }

    void branch(String branch) {
      branches.put(branch, commits.get(commits.size() - 1).sha());
    }

    Repo build(String description, String defaultBranch) {
      return new Repo(owner, name, description, defaultBranch, List.copyOf(commits), Map.copyOf(branches), Map.copyOf(tags));
    }

    private String shaOf(String parent, String authorName, String email, String date, String message, Map<String, byte[]> tree) {
      try {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        StringBuilder header = new StringBuilder()
            .append("commit ").append(owner).append('/').append(name).append('\n')
            .append("parent ").append(parent == null ? "" : parent).append('\n')
            .append("author ").append(authorName).append(" <").append(email).append("> ").append(date).append('\n')
            .append(message).append('\n');
        sha1.update(header.toString().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> e : tree.entrySet()) {
          sha1.update(e.getKey().getBytes(StandardCharsets.UTF_8));
          sha1.update((byte) 0);
          sha1.update(e.getValue());
        }
        return HexFormat.of().formatHex(sha1.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A sample file's bytes from the classpath. */
  static byte[] read(String resource) {
    String name = RESOURCES + resource;
    try (InputStream in = SampleRepositories.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("demo sample file missing from the classpath: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
