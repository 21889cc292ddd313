package dev.sourcegate.bus;

/**
 * Every event-bus address, in one place. Data flows one way: HTTP -> auth (who is calling, which token)
 * -> resolver (what to read) -> config-loader and fetcher (read it) -> back.
 */
public final class Addresses {
  private Addresses() {}

  /** {@link Messages.AuthCall} -> {@link Messages.RpcReply}: GithubApp, GithubLogin, GithubRefresh. */
  public static final String AUTH_RPC = "sourcegate.auth.rpc";

  /** {@link Messages.SessionLookup} -> {@link Messages.Session}: the caller's GitHub token from the cookie. */
  public static final String AUTH_SESSION = "sourcegate.auth.session";

  /** {@link Messages.SourceCall} -> {@link Messages.RpcReply}: GetFile, GetCommit, GetCommits. */
  public static final String RESOLVER_RPC = "sourcegate.resolver.rpc";

  /** {@link Messages.ConfigQuery} -> {@link Messages.ConfigReply}: the .pyroscope.yaml of a repository at a ref. */
  public static final String CONFIG_LOAD = "sourcegate.config-loader.load";

  /**
   * {@link Messages.FetchRequest} -> a {@link Messages.Fetched} of the operation's kind: every read of
   * source, whatever the host (GitHub, googlesource, Go import pages); the fetcher picks the provider by
   * the request's repository reference. A file answered from a cached ref that GitHub could not confirm
   * carries the stale header ({@link Headers#STALE}).
   */
  public static final String FETCH = "sourcegate.fetcher.fetch";
}
