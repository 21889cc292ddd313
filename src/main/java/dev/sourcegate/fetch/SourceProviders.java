package dev.sourcegate.fetch;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.RepoRef;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registered providers, one per {@link RepoRef#host}; filled at start-up, read-only afterwards. */
public final class SourceProviders {
  private final Map<String, SourceProvider> byHost = new LinkedHashMap<>();

  /** Adds a provider; a second one for the same host is a wiring mistake, refused at start-up. */
  public SourceProviders register(SourceProvider provider) {
    SourceProvider before = byHost.putIfAbsent(provider.host(), provider);
    if (before != null) {
      throw new IllegalStateException("two source providers for host " + provider.host());
    }
    return this;
  }

  /** The provider of where's host; a reference no provider serves is invalid_argument. */
  public SourceProvider of(RepoRef where) {
    SourceProvider p = byHost.get(where.host());
    if (p == null) {
      throw RpcException.invalidArgument("no source provider for " + where.host());
    }
    return p;
  }
}
