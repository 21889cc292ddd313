package dev.sourcegate.resolve;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.InvalidSourceInput;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoUrl;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The request checks of {@link PathGuard} and {@link RepoUrl}, with a refusal answered as invalid_argument
 * and the same message: the client sees the field and the problem.
 */
public final class CheckedInput {
  private CheckedInput() {}

  /** {@link PathGuard#check}: no control character, no climbing out of the root. */
  public static String path(String field, String value) {
    return orInvalidArgument(() -> PathGuard.check(field, value));
  }

  /** {@link PathGuard#checkControl}: no control character. */
  public static String control(String field, String value) {
    return orInvalidArgument(() -> PathGuard.checkControl(field, value));
  }

  /** {@link PathGuard#checkRef(String)}: a name git could accept as the request's ref. */
  public static String ref(String value) {
    return orInvalidArgument(() -> PathGuard.checkRef(value));
  }

  /** {@link RepoUrl#parse}: a repository URL on one of {@code githubHosts}. */
  public static RepoUrl repoUrl(String url, Set<String> githubHosts) {
    return orInvalidArgument(() -> RepoUrl.parse(url, githubHosts));
  }

  /** The answer a client gets for {@code refusal}. */
  public static RpcException asRpc(InvalidSourceInput refusal) {
    return RpcException.invalidArgument(refusal.getMessage());
  }

  private static <T> T orInvalidArgument(Supplier<T> check) {
    try {
      return check.get();
    } catch (InvalidSourceInput e) {
      throw asRpc(e);
    }
  }
}
