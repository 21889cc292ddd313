package dev.sourcegate.fetch.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.demo.github.GitHubSchema;
import dev.sourcegate.rpc.RpcException;
import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.schema.GraphQLSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every query the gateway can build is parsed and validated against GitHub's real public schema
 * (src/main/resources/github/schema.graphql) with graphql-java: a field GitHub does not have, a wrong
 * argument, a bad alias or a badly quoted path would fail here before it fails in production.
 */
class QueriesValidateAgainstGitHubSchemaTest {
  private static GraphQLSchema github;

  @BeforeAll
  static void parseSchema() {
    long start = System.nanoTime();
    github = GitHubSchema.executable();
    // a figure for the report, not an assertion: the machine's speed must not decide a test
    System.out.printf("GitHub schema ready in %d ms (parsed and wired once per JVM)%n", (System.nanoTime() - start) / 1_000_000);
  }

  static void assertValid(String query) {
    ParseAndValidateResult result = ParseAndValidate.parseAndValidate(github, ExecutionInput.newExecutionInput(query).build());
    assertTrue(result.getSyntaxException() == null, () -> "does not parse: " + result.getSyntaxException() + "\n" + query);
    assertEquals(List.of(), result.getValidationErrors(), query);
  }

  private static List<FileLookup> lookups(int n) {
    String[] paths = {"go.mod", ".pyroscope.yaml", "src/main/java/com/acme/App.java", "docs/\"quoted\" name.md",
        "lib/ünïcödé/日本語.py", "back\\slash/file.go", "emoji/😀.txt", "a b/c%20d?e#f.go"};
    String[] refs = {"main", "release/v1.2", "refs/heads/feature/x", "0123456789abcdef0123456789abcdef01234567", "v1.0.0"};
    return IntStream.range(0, n).mapToObj(i -> new FileLookup("owner" + (i % 3), "repo-" + (i % 4) + ".js",
        refs[i % refs.length], paths[i % paths.length])).toList();
  }

  @ParameterizedTest(name = "{0} look-ups")
  @ValueSource(ints = {1, 2, 7, 40, BlobQuery.MAX_OBJECTS, BlobQuery.MAX_OBJECTS + 1, 400})
  void everyBlobQueryIsValid(int n) {
    List<BlobQuery> queries = BlobQuery.plan(lookups(n));
    assertEquals((n + BlobQuery.MAX_OBJECTS - 1) / BlobQuery.MAX_OBJECTS, queries.size());
    for (BlobQuery q : queries) {
      // each (repository, ref) block also lists the ref's root directory (Tree.entries' name and type)
      assertTrue(q.text().contains(": object(expression: \"main:\") { " + BlobQuery.ROOT_ENTRIES + " }"), q.text());
      assertValid(q.text());
    }
  }

  /** The root listings: one per (repository, ref), next to that ref's commit, in a query GitHub accepts. */
  @Test
  void rootListingsAreValid() {
    BlobQuery q = BlobQuery.of(List.of(new FileLookup("acme", "app", "main", "a.go"), new FileLookup("acme", "app", "v1", "a.go"),
        new FileLookup("acme", "lib", "release/\"x\"", "b.go")));
    assertTrue(q.text().contains(q.rootAlias(2) + ": object(expression: \"release/\\\"x\\\":\") { ... on Tree { entries { name type } } }"),
        q.text());
    assertValid(q.text());
  }

  /** Look-ups that ask only oid, size and kind (no text): some of a query's, or all (then no fragment is defined). */
  @ParameterizedTest(name = "{0} look-ups")
  @ValueSource(ints = {1, 2, 7, 40})
  void everyBlobQueryAskingOnlySomeOidsIsValid(int n) {
    List<FileLookup> lookups = lookups(n);
    BlobQuery some = BlobQuery.of(lookups, l -> lookups.indexOf(l) % 2 == 0);
    assertValid(some.text());
    assertTrue(some.oidOnly(0));
    BlobQuery all = BlobQuery.of(lookups, l -> true);
    assertTrue(!all.text().contains("fragment"), all.text());
    assertValid(all.text());
  }

  /** Blobs by oid (a changed file's bytes) alone, and joined with file look-ups some of which ask no text. */
  @ParameterizedTest(name = "{0} look-ups")
  @ValueSource(ints = {1, 2, 7, 40, BlobQuery.MAX_OBJECTS})
  void everyQueryWithBlobsByOidIsValid(int n) {
    List<Lookup> byOid = IntStream.range(0, n).<Lookup>mapToObj(i -> new OidLookup("owner" + (i % 3), "repo-" + (i % 4) + ".js",
        String.format("%040x", i * 7919L + 1))).toList();
    BlobQuery alone = BlobQuery.of(byOid);
    assertTrue(alone.text().contains("f0: object(oid: \"" + String.format("%040x", 1) + "\") { ...blob }"), alone.text());
    assertValid(alone.text());
    List<Lookup> mixed = new ArrayList<>();
    List<FileLookup> files = lookups(n);
    for (int i = 0; i < n; i++) {
      mixed.add(i % 2 == 0 ? files.get(i) : byOid.get(i));
    }
    assertValid(BlobQuery.of(mixed, l -> true).text());
    assertValid(BlobQuery.of(mixed, l -> false).text());
  }

  @Test
  void aBlobOidThatIsNotHexIsRefusedBeforeAnyQuery() {
    assertThrows(RpcException.class, () -> BlobQuery.of(List.of(new OidLookup("a", "b", "HEAD\") { x }"))));
    assertThrows(RpcException.class, () -> BlobQuery.of(List.of(new OidLookup("a", "b", "abc"))));
  }

  @ParameterizedTest(name = "{0} refs")
  @ValueSource(ints = {1, 3, 10, 50, 51, 200})
  void everyCommitsQueryIsValid(int n) {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      refs.add(i % 3 == 0 ? String.format("%040x", i) : i % 3 == 1 ? "release/v" + i : "tag-\"" + i + "\"");
    }
    List<CommitQuery> queries = CommitQuery.plan("acme", "app", refs);
    assertEquals(refs, queries.stream().flatMap(q -> q.refs().stream()).toList(), "every ref, in order");
    for (CommitQuery q : queries) {
      assertValid(q.text());
    }
  }

  @Test
  void aGetCommitIsOneQueryWithItsThreeSpellings() {
    List<CommitQuery> queries = CommitQuery.plan("acme", "app", List.of("main"));
    assertEquals(1, queries.size());
    String text = queries.get(0).text();
    assertTrue(text.contains("c0_0: object(expression: \"main\")"), text);
    assertTrue(text.contains("c0_1: object(expression: \"refs/heads/main\")"), text);
    assertTrue(text.contains("c0_2: object(expression: \"refs/tags/main\")"), text);
    assertValid(text);
  }

  @Test
  void aFieldGitHubDoesNotHaveFailsValidation() {
    ParseAndValidateResult result = ParseAndValidate.parseAndValidate(github, ExecutionInput.newExecutionInput(
        "{ repository(owner: \"a\", name: \"b\") { object(expression: \"x\") { ... on Blob { sizeInBytes } } } }").build());
    assertTrue(!result.getValidationErrors().isEmpty(), "the check can fail");
  }
}
