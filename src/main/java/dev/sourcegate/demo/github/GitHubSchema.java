package dev.sourcegate.demo.github;

import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * GitHub's public GraphQL schema (src/main/resources/github/schema.graphql, octokit/graphql-schema at
 * 82ff2d4, MIT), parsed and wired once per JVM. The file is 1.1 MB of SDL: parsing and wiring it takes
 * on the order of a second on a busy machine, so the first use off an event loop goes through
 * {@link #load(Vertx)}; the result is immutable and shared by every simulated GitHub and every test.
 */
public final class GitHubSchema {
  static final String RESOURCE = "github/schema.graphql";
  private static volatile GraphQLSchema executable;

  private GitHubSchema() {}

  /** The executable schema, built on first call; blocks while it is built, so not for an event loop. */
  public static GraphQLSchema executable() {
    GraphQLSchema s = executable;
    if (s != null) {
      return s;
    }
    synchronized (GitHubSchema.class) {
      if (executable == null) {
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl());
        executable = new SchemaGenerator().makeExecutableSchema(types, GraphQlWiring.wiring());
      }
      return executable;
    }
  }

  /** The executable schema, built on a worker thread the first time. */
  public static Future<GraphQLSchema> load(Vertx vertx) {
    GraphQLSchema s = executable;
    return s != null ? Future.succeededFuture(s) : vertx.executeBlocking(GitHubSchema::executable, false);
  }

  /** The schema's SDL as shipped in the jar. */
  public static String sdl() {
    try (InputStream in = GitHubSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
