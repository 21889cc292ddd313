package dev.sourcegate.resolve;

import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.RepoUrl;
import dev.sourcegate.source.PathGuard;

import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import dev.sourcegate.ops.WeighedLru;

/**
 * Checks a GetFile request and names what its answer depends on, the same way for the resolver and for
 * the HTTP verticle's look-up of finished answers (so both find the same cache entry). One instance per
 * event loop: it remembers the repository URLs it parsed lately without locking.
 */
public final class GetFileKeys {
  /** A checked GetFile: the parsed repository, the ref (HEAD when empty) and the cache key. */
  public record Checked(RepoUrl repo, String ref, String localPath, String rootPath, String functionName,
      ResolutionCache.Key key) {}

  private final Set<String> githubHosts;
  /**
   * A few repositories account for nearly every click, and parsing a URL costs more than a cache hit.
   * Only URLs that parsed are kept; a bad one is refused afresh each time.
   */
  private final Map<String, Parsed> parsedRepos = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Parsed> eldest) {
      return size() > 1024;
    }
  };

  /**
   * Requests checked lately, by message instance: the HTTP verticle hands the same instance for the same
   * body bytes (api.DecodedRequests), and the resolver gets that instance over the bus, so a repeated
   * click is found by identity. Not by content: protobuf's hash of a message is built from String
   * hashes, which are easy to make collide. Only requests that passed, and small ones, are kept, within
   * a bound in bytes (each charged its serialised size twice and a fixed overhead).
   */
  static final int MAX_CHECKED_REQUEST_BYTES = 2048;
  static final long MAX_CHECKED_BYTES = 1 << 20;
  private final WeighedLru<Instance, Checked> checkedRequests =
      new WeighedLru<>(MAX_CHECKED_BYTES, (i, c) -> charge(i.request()));

  /** A message compared by identity. */
  private record Instance(GetFileRequest request) {
    @Override
    public int hashCode() {
      return System.identityHashCode(request);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Instance other && other.request == request;
    }
  }

  /** Bytes charged for the requests kept (for tests). */
  long checkedBytes() {
    return checkedRequests.weight();
  }

  private static long charge(GetFileRequest r) {
    return 2L * r.getSerializedSize() + 256L;
  }

  public GetFileKeys(GatewayConfig config) {
    this.githubHosts = RepoUrl.githubHosts(config.upstreams().githubApiUrl(), config.upstreams().githubUrl());
  }

  /** Throws RpcException (invalid_argument) for a request the resolver would refuse. */
  public Checked check(GetFileRequest r) {
    if (r.getSerializedSize() > MAX_CHECKED_REQUEST_BYTES) {
      return checkAfresh(r);
    }
    Instance instance = new Instance(r);
    Checked known = checkedRequests.get(instance);
    if (known == null) {
      known = checkAfresh(r);
      checkedRequests.put(instance, known);
    }
    return known;
  }

  private Checked checkAfresh(GetFileRequest r) {
    Parsed parsed = parsed(r.getRepositoryURL());
    RepoUrl repo = parsed.repo();
    String ref = ref(r.getRef());
    String localPath = CheckedInput.path("localPath", InputLimits.limit("localPath", r.getLocalPath(), InputLimits.MAX_PATH));
    String rootPath = PathGuard.trimSlashes(CheckedInput.path("rootPath", InputLimits.limit("rootPath", r.getRootPath(), InputLimits.MAX_PATH)));
    String functionName = CheckedInput.control("functionName",
        InputLimits.limit("functionName", r.getFunctionName(), InputLimits.MAX_FUNCTION_NAME));
    if (localPath.isEmpty() && functionName.isEmpty()) {
      throw RpcException.invalidArgument("localPath or functionName is required");
    }
    ResolutionCache.Key key = ResolutionCache.Key.of(parsed.name(), ref, localPath, rootPath, functionName);
    return new Checked(repo, ref, localPath, rootPath, functionName, key);
  }

  /** A parsed repository URL and its cache-key name, owner/repo in lower case (GitHub's names are case-insensitive). */
  private record Parsed(RepoUrl repo, String name) {}

  public RepoUrl repo(String url) {
    return parsed(url).repo();
  }

  private Parsed parsed(String url) {
    Parsed parsed = parsedRepos.get(url);
    if (parsed == null) {
      InputLimits.limit("repositoryURL", url, InputLimits.MAX_URL);
      RepoUrl repo = CheckedInput.repoUrl(url, githubHosts);
      parsed = new Parsed(repo, RepoRef.key(repo.owner(), repo.repo()));
      parsedRepos.put(url, parsed);
    }
    return parsed;
  }

  /** An empty ref means HEAD. */
  public static String ref(String ref) {
    InputLimits.limit("ref", ref, InputLimits.MAX_REF);
    CheckedInput.ref(ref);
    return ref.isEmpty() ? "HEAD" : ref;
  }
}
