package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.registries.SimulatedNpm;
import dev.sourcegate.demo.registries.WheelBuilder;
import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The URL of a dependency frame's answer: the file in the package's GitHub repository at the version's
 * tag when the registry's metadata names the repository and GitHub has the file there; otherwise the
 * registry's stable link. The bytes are the registry's either way (the repository's copy differs here on
 * purpose, so a test would see it if they were read from GitHub).
 */
@ExtendWith(VertxExtension.class)
class RegistryGitHubLinksTest {
  private static final String PY_APP = "https://github.com/acme/pyshop";
  private static final String NODE_APP = "https://github.com/acme/shop";
  private static final String FLASK_APP = "class Flask:\n    pass\n";
  private static final String ROUTER = "// express 4.18.2 router";
  private FakeGitHub fake;
  private SimulatedNpm npm;
  private TestGateway gw;
  private final String alice = TestGateway.cookieFor("gho_alice");

  @BeforeEach
  void setUp(Vertx vertx, VertxTestContext tc) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice")
        .file("acme", "pyshop", "main", "uv.lock", """
            version = 1
            [[package]]
            name = "flask"
            version = "3.0.3"
            [[package]]
            name = "click"
            version = "8.1.7"
            [[package]]
            name = "secretlib"
            version = "1.0"
            """)
        .file("acme", "shop", "main", "package-lock.json", """
            {"lockfileVersion": 3, "packages": {"": {}, "node_modules/express": {"version": "4.18.2"},
             "node_modules/@babel/core": {"version": "7.24.0"}, "node_modules/lodash": {"version": "4.17.21"}}}""")
        // flask keeps its package under src/ and tags releases as the bare version
        .file("pallets", "flask", "3.0.3", "src/flask/app.py", "the repository's copy")
        // click's repository exists but has no such file at any tag
        .file("pallets", "click", "8.1.7", "src/click/other.py", "x")
        .file("acme-private", "secretlib", "v1.0", "secretlib/core.py", "x")
        .privateRepo("acme-private", "secretlib", "gho_alice")
        .file("expressjs", "express", "4.18.2", "lib/router/index.js", "the repository's copy")
        // a monorepo: the package lives in packages/babel-core, tagged v<version>
        .file("babel", "babel", "v7.24.0", "packages/babel-core/lib/index.js", "the repository's copy");
    fake.pypi()
        .wheel("flask", "3.0.3", new WheelBuilder().member("flask/app.py", FLASK_APP).build("flask", "3.0.3"))
        .projectUrls("flask", "3.0.3", Map.of("Documentation", "https://flask.palletsprojects.com/",
            "Source", "https://github.com/pallets/flask/"))
        .wheel("click", "8.1.7", new WheelBuilder().member("click/core.py", "# click").build("click", "8.1.7"))
        .projectUrls("click", "8.1.7", Map.of("Source", "https://github.com/pallets/click/"))
        .wheel("secretlib", "1.0", new WheelBuilder().member("secretlib/core.py", "# s").build("secretlib", "1.0"))
        .projectUrls("secretlib", "1.0", Map.of("Homepage", "https://github.com/acme-private/secretlib"));
    npm = new SimulatedNpm(vertx)
        .publish("express", "4.18.2", Map.of("lib/router/index.js", ROUTER))
        .repository("express", "4.18.2", new JsonObject().put("type", "git").put("url", "git+https://github.com/expressjs/express.git"))
        .publish("@babel/core", "7.24.0", Map.of("lib/index.js", "// babel core"))
        .repository("@babel/core", "7.24.0", new JsonObject().put("type", "git")
            .put("url", "https://github.com/babel/babel.git").put("directory", "packages/babel-core"))
        .publish("lodash", "4.17.21", Map.of("lodash.js", "// lodash"))
        .repository("lodash", "4.17.21", "lodash/lodash");
    fake.start().compose(f -> npm.start())
        .compose(n -> TestGateway.start(vertx, fake, Map.of("SOURCEGATE_NPM_URL", npm.baseUrl()), Clock.systemUTC()))
        .onComplete(tc.succeeding(g -> {
          gw = g;
          tc.completeNow();
        }));
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    gw.stop().compose(v -> fake.stop()).compose(v -> npm.stop()).onComplete(tc.succeedingThenComplete());
  }

  @Test
  void aPythonFileTheRepositoryHasAtTheTagLinksThere(VertxTestContext tc) {
    getFile(PY_APP, "/usr/local/lib/python3.12/site-packages/flask/app.py").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(FLASK_APP, content(res), "the bytes stay the wheel's");
      assertEquals("https://github.com/pallets/flask/blob/3.0.3/src/flask/app.py", url(res));
      tc.completeNow();
    })));
  }

  @Test
  void aPythonFileTheRepositoryLacksKeepsTheRegistryLink(VertxTestContext tc) {
    getFile(PY_APP, "/usr/local/lib/python3.12/site-packages/click/core.py").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("# click", content(res));
      assertTrue(url(res).startsWith("https://inspector.pypi.io/project/click/8.1.7/"), url(res));
      tc.completeNow();
    })));
  }

  @Test
  void aPrivateRepositoryIsNeverLinkedEvenWhenTheCallerCanReadIt(VertxTestContext tc) {
    getFile(PY_APP, "/usr/local/lib/python3.12/site-packages/secretlib/core.py").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("# s", content(res));
      assertTrue(url(res).startsWith("https://inspector.pypi.io/project/secretlib/1.0/"), url(res));
      tc.completeNow();
    })));
  }

  @Test
  void anNpmFileTheRepositoryHasAtTheTagLinksThere(VertxTestContext tc) {
    getFile(NODE_APP, "/usr/src/app/node_modules/express/lib/router/index.js").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals(ROUTER, content(res));
      assertEquals("https://github.com/expressjs/express/blob/4.18.2/lib/router/index.js", url(res));
      tc.completeNow();
    })));
  }

  @Test
  void aMonorepoPackageLinksUnderItsDirectory(VertxTestContext tc) {
    getFile(NODE_APP, "/usr/src/app/node_modules/@babel/core/lib/index.js").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("// babel core", content(res));
      assertEquals("https://github.com/babel/babel/blob/v7.24.0/packages/babel-core/lib/index.js", url(res));
      tc.completeNow();
    })));
  }

  @Test
  void anNpmRepositoryWithoutTheFileKeepsTheUnpkgLink(VertxTestContext tc) {
    // lodash names lodash/lodash (shorthand), which the fake GitHub does not hold
    getFile(NODE_APP, "/usr/src/app/node_modules/lodash/lodash.js").onComplete(tc.succeeding(res -> tc.verify(() -> {
      assertEquals("// lodash", content(res));
      assertEquals("https://unpkg.com/lodash@4.17.21/lodash.js", url(res));
      tc.completeNow();
    })));
  }

  private Future<HttpResponse<Buffer>> getFile(String repo, String localPath) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", repo).put("ref", "main")
        .put("localPath", localPath).put("rootPath", "").put("functionName", "f"), alice);
  }

  private static String content(HttpResponse<Buffer> res) {
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")), StandardCharsets.UTF_8);
  }

  private static String url(HttpResponse<Buffer> res) {
    return res.bodyAsJsonObject().getString("URL");
  }
}
