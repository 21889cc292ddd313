package dev.sourcegate.demo.github;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.Coercing;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.TypeResolver;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import java.util.Map;
import java.util.Optional;

/**
 * How the simulated GitHub executes GitHub's schema: the few fields the gateway asks ({@code
 * repository}, {@code rateLimit}, a repository's {@code object}, {@code ref} and {@code
 * defaultBranchRef}) read the {@link RepositoryStore}; every other field reads the map its parent
 * answered ({@link GitObjects}) and is null when the map has no such key. Objects say their type in
 * {@code __typename}, which resolves every interface and union (GitObject, Node, ...). GitHub's own
 * scalars (GitObjectID, DateTime, URI, ...) pass their values through as given.
 */
final class GraphQlWiring {
  /** The execution's context: whose token asks, the repositories, and the rate limit after this query. */
  record Caller(String token, RepositoryStore repositories, Map<String, Object> rateLimit) {}

  private GraphQlWiring() {}

  static RuntimeWiring wiring() {
    return RuntimeWiring.newRuntimeWiring()
        .wiringFactory(new GenericTypes())
        .type("Query", t -> t.dataFetcher("repository", GraphQlWiring::repository)
            .dataFetcher("rateLimit", env -> caller(env).rateLimit()))
        .type("Repository", t -> t.dataFetcher("object", GraphQlWiring::object)
            .dataFetcher("ref", GraphQlWiring::ref)
            .dataFetcher("defaultBranchRef", env -> {
              SimRepository repo = GitObjects.simRepository(env.getSource());
              return repo.defaultBranch() == null ? null : GitObjects.ref(repo, "refs/heads/" + repo.defaultBranch());
            }))
        .build();
  }

  private static Caller caller(DataFetchingEnvironment env) {
    return env.getGraphQlContext().get(Caller.class);
  }

  /** A repository the token cannot see is null with a NOT_FOUND error, as GitHub answers. */
  private static Object repository(DataFetchingEnvironment env) {
    String owner = env.getArgument("owner");
    String name = env.getArgument("name");
    Caller caller = caller(env);
    Optional<SimRepository> repo = caller.repositories().find(owner, name).filter(r -> r.visibleTo(caller.token()));
    if (repo.isPresent()) {
      return GitObjects.repository(repo.get());
    }
    return DataFetcherResult.newResult().data(null)
        .error(GraphqlErrorBuilder.newError(env)
            .message("Could not resolve to a Repository with the name '%s/%s'.", owner, name)
            .extensions(Map.of("type", "NOT_FOUND"))
            .build())
        .build();
  }

  private static Object object(DataFetchingEnvironment env) {
    SimRepository repo = GitObjects.simRepository(env.getSource());
    String oid = env.getArgument("oid");
    if (oid != null) {
      return GitObjects.byOid(repo, oid);
    }
    String expression = env.getArgument("expression");
    return expression == null ? null : GitObjects.byExpression(repo, expression);
  }

  private static Object ref(DataFetchingEnvironment env) {
    return GitObjects.ref(GitObjects.simRepository(env.getSource()), env.getArgument("qualifiedName"));
  }

  /** Scalars and type resolvers for the whole schema, which names hundreds of both. */
  private static final class GenericTypes implements WiringFactory {
    private static final TypeResolver BY_TYPENAME = env -> {
      Object type = env.getObject() instanceof Map<?, ?> m ? m.get("__typename") : null;
      return type instanceof String name ? env.getSchema().getObjectType(name) : null;
    };

    @Override
    public boolean providesScalar(ScalarWiringEnvironment env) {
      return !ScalarInfo.isGraphqlSpecifiedScalar(env.getScalarTypeDefinition().getName());
    }

    @Override
    public GraphQLScalarType getScalar(ScalarWiringEnvironment env) {
      return GraphQLScalarType.newScalar().name(env.getScalarTypeDefinition().getName())
          .coercing(new PassThrough()).build();
    }

    @Override
    public boolean providesTypeResolver(InterfaceWiringEnvironment env) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(InterfaceWiringEnvironment env) {
      return BY_TYPENAME;
    }

    @Override
    public boolean providesTypeResolver(UnionWiringEnvironment env) {
      return true;
    }

    @Override
    public TypeResolver getTypeResolver(UnionWiringEnvironment env) {
      return BY_TYPENAME;
    }
  }

  /** GitHub's scalars are strings (or numbers) on the wire; the simulation keeps them as they are. */
  private static final class PassThrough implements Coercing<Object, Object> {
    @Override
    @SuppressWarnings("deprecation")
    public Object serialize(Object value) {
      return value;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Object parseValue(Object input) {
      return input;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Object parseLiteral(Object input) {
      if (input instanceof graphql.language.StringValue s) {
        return s.getValue();
      }
      if (input instanceof graphql.language.IntValue i) {
        return i.getValue();
      }
      if (input instanceof graphql.language.BooleanValue b) {
        return b.isValue();
      }
      throw new graphql.schema.CoercingParseLiteralException("expected a string, number or boolean");
    }
  }
}
