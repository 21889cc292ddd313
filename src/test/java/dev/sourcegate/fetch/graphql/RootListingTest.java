package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The root listing a file query asks once per (repository, ref), how its answer is read, and what it rules out. */
class RootListingTest {
  private static final String ROOT_ENTRIES = "{\"entries\":[{\"name\":\"pkg\",\"type\":\"tree\"},"
      + "{\"name\":\"go.mod\",\"type\":\"blob\"},{\"name\":\"vendor-lib\",\"type\":\"commit\"}]}";

  private static GraphQlResponse response(String body) {
    return GraphQlResponse.read(new UpstreamResponse(200, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body)));
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void oneListingPerRepositoryAndRef() {
    BlobQuery q = BlobQuery.of(List.of(new FileLookup("acme", "app", "main", "a.go"), new FileLookup("acme", "app", "main", "b/c.go"),
        new FileLookup("acme", "app", "v1", "a.go"), new FileLookup("acme", "lib", "main", "x.go")));
    String text = q.text();
    assertEquals(3, count(text, "entries { name type }"), text);
    assertEquals(2, count(text, "object(expression: \"main:\")"), "one in each repository: " + text);
    assertEquals(1, count(text, "object(expression: \"v1:\")"), text);
    assertEquals(q.rootAlias(0), q.rootAlias(1), "the same repository and ref share one listing");
    assertTrue(text.contains(q.rootAlias(2) + ": object(expression: \"v1:\") { ... on Tree { entries { name type } } }"), text);
  }

  @Test
  void aWholeListingIsRead() {
    BlobQuery q = BlobQuery.of(List.of(new FileLookup("acme", "app", "main", "a.go")));
    String body = new JsonObject().put("data", new JsonObject().put("r0", new JsonObject().put("url", "https://github.com/acme/app")
        .put("f0", (Object) null).put(q.rootAlias(0), new JsonObject(ROOT_ENTRIES)))).encode();
    Optional<RootListing> listing = BlobAnswers.rootListing(q, response(body), 0);
    assertEquals(Optional.of(new RootListing(Map.of("pkg", "tree", "go.mod", "blob", "vendor-lib", "commit"))), listing);
  }

  @Test
  void noListingWhenTheRefIsMissingThePathIsNoTreeOrGitHubFiledAnError() {
    BlobQuery q = BlobQuery.of(List.of(new FileLookup("acme", "app", "main", "a.go")));
    String t = q.rootAlias(0);
    JsonObject noRef = new JsonObject().put("data", new JsonObject().put("r0", new JsonObject().put("url", "u").putNull(t)));
    JsonObject notATree = new JsonObject().put("data", new JsonObject().put("r0", new JsonObject().put("url", "u").put(t, new JsonObject())));
    JsonObject entriesNull = new JsonObject().put("data", new JsonObject().put("r0", new JsonObject().put("url", "u")
        .put(t, new JsonObject().putNull("entries"))));
    JsonObject errorOnIt = new JsonObject().put("data", new JsonObject().put("r0", new JsonObject().put("url", "u")
        .put(t, new JsonObject(ROOT_ENTRIES)))).put("errors", new JsonArray().add(new JsonObject()
        .put("type", "SERVICE_UNAVAILABLE").put("message", "timed out").put("path", new JsonArray().add("r0").add(t))));
    JsonObject repositoryGone = new JsonObject().put("data", new JsonObject().putNull("r0")).put("errors", new JsonArray()
        .add(new JsonObject().put("type", "NOT_FOUND").put("message", "Could not resolve").put("path", new JsonArray().add("r0"))));
    JsonObject nameless = new JsonObject().put("data", new JsonObject().put("r0", new JsonObject().put("url", "u")
        .put(t, new JsonObject("{\"entries\":[{\"name\":\"pkg\",\"type\":\"tree\"},{\"type\":\"blob\"}]}"))));
    JsonArray many = new JsonArray();
    for (int i = 0; i < BlobAnswers.MAX_TRUSTED_ENTRIES; i++) {
      many.add(new JsonObject().put("name", "n" + i).put("type", "blob"));
    }
    JsonObject crowded = new JsonObject().put("data", new JsonObject().put("r0", new JsonObject().put("url", "u")
        .put(t, new JsonObject().put("entries", many))));
    for (JsonObject body : List.of(noRef, notATree, entriesNull, errorOnIt, repositoryGone, nameless, crowded)) {
      assertEquals(Optional.empty(), BlobAnswers.rootListing(q, response(body.encode()), 0), body.encode());
    }
    GraphQlResponse failed = GraphQlResponse.read(new UpstreamResponse(502, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("bad")));
    assertEquals(Optional.empty(), BlobAnswers.rootListing(q, failed, 0));
  }

  @Test
  void rulesOutOnlyWhatCannotExist() {
    RootListing root = new RootListing(Map.of("pkg", "tree", "go.mod", "blob", "vendor-lib", "commit"));
    assertTrue(root.rulesOut("home/runner/work/platform/platform/pkg/x/y.go"), "no such first segment");
    assertTrue(root.rulesOut("y.go"));
    assertTrue(root.rulesOut("go.mod/x.go"), "a file has nothing below it");
    assertTrue(root.rulesOut("Pkg/x/y.go"), "git paths are case-sensitive");
    assertFalse(root.rulesOut("pkg/x/y.go"), "the first segment exists: the host must say");
    assertFalse(root.rulesOut("pkg/none.go"));
    assertFalse(root.rulesOut("go.mod"));
    assertFalse(root.rulesOut("vendor-lib/a.go"), "a submodule is not judged");
    assertFalse(root.rulesOut("./y.go"));
    assertFalse(root.rulesOut("../y.go"));
    assertFalse(root.rulesOut("/y.go"));
  }
}
