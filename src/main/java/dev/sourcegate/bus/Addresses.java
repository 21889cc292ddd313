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

  /** {@link Messages.FetchFile} -> {@link Messages.FetchedFile}: a file from the GitHub contents API. */
  public static final String FETCH_GITHUB_FILE = "sourcegate.fetcher.github-file";

  /** {@link Messages.FetchCommit} -> {@link Messages.FetchedCommit}: one commit from the GitHub commits API. */
  public static final String FETCH_GITHUB_COMMIT = "sourcegate.fetcher.github-commit";

  /** {@link Messages.FetchGoGet} -> {@link Messages.FetchedPage}: a Go vanity page (?go-get=1). */
  public static final String FETCH_GO_GET = "sourcegate.fetcher.go-get";

  /** {@link Messages.FetchGoogleSource} -> {@link Messages.FetchedFile}: a googlesource file (?format=TEXT). */
  public static final String FETCH_GOOGLESOURCE = "sourcegate.fetcher.googlesource";
}
