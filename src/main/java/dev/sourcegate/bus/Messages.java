package dev.sourcegate.bus;

import dev.sourcegate.source.TokenHash;

import com.google.protobuf.Message;
import dev.sourcegate.source.PyroscopeConfig;

/**
 * The records that travel on the event bus. They are immutable and cross it by reference through
 * {@link LocalRecordCodec}: nothing is serialised inside one gateway.
 */
public final class Messages {
  private Messages() {}

  /** Who is calling and until when the answer is wanted. deadlineMillis is epoch milliseconds. */
  public record CallContext(String tenant, String requestId, long deadlineMillis) {
    public long remainingMillis() {
      return deadlineMillis - System.currentTimeMillis();
    }
  }

  /** A login RPC; sessionCookie is the raw pyroscope_git_session value, or null. */
  public record AuthCall(CallContext ctx, String sessionCookie, Message request) {}

  /** Asks the auth verticle for the caller's session; sessionCookie may be null (unauthenticated). */
  public record SessionLookup(CallContext ctx, String sessionCookie) {}

  /**
   * A valid session: the GitHub access token and its digest (per-token bookkeeping is keyed by the
   * digest; computing it once per opened cookie keeps SHA-256 off the per-request path). toString never
   * shows the token.
   */
  public record Session(String accessToken, String tokenHash) {
    public static Session of(String accessToken) {
      return new Session(accessToken, TokenHash.of(accessToken));
    }

    @Override
    public String toString() {
      return "Session[accessToken=***]";
    }
  }

  /** A source RPC with the caller's session. */
  public record SourceCall(CallContext ctx, Session session, Message request) {}

  /**
   * The answer of any RPC: the response message, and, for an answer that is cached, the place its
   * encoded bodies are kept (null otherwise).
   */
  public record RpcReply(Message response, EncodedForms encoded) {
    public RpcReply(Message response) {
      this(response, null);
    }
  }

  /** Read the .pyroscope.yaml of owner/repo at ref, under rootPath when not empty. */
  public record ConfigQuery(CallContext ctx, Session session, String owner, String repo, String ref, String rootPath) {}

  public record ConfigReply(PyroscopeConfig config) {}

  /** Read one file through the GitHub contents API; path is plain text (the fetcher encodes it). */
  public record FetchFile(CallContext ctx, Session session, String owner, String repo, String ref, String path) {}

  /** A file's bytes and its page URL. */
  public record FetchedFile(byte[] content, String url) {}

  public record FetchCommit(CallContext ctx, Session session, String owner, String repo, String ref) {}

  /** A commit as GetCommit answers it; authorLogin/authorAvatarUrl are empty when GitHub links no user. */
  public record FetchedCommit(
      String sha, String message, String date, String url, String authorLogin, String authorAvatarUrl) {}

  public record FetchGoGet(CallContext ctx, String importPath) {}

  public record FetchedPage(String body) {}

  public record FetchGoogleSource(CallContext ctx, String project, String ref, String path) {}
}
