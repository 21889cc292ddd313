package dev.sourcegate.bus;

import dev.sourcegate.source.TokenHash;

import com.google.protobuf.Message;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import java.util.List;

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

  /** Read the .pyroscope.yaml of a repository at ref, under rootPath when not empty. */
  public record ConfigQuery(CallContext ctx, Session session, RepoRef where, String ref, String rootPath) {}

  public record ConfigReply(PyroscopeConfig config) {}

  /**
   * The one fetch call ({@link Addresses#FETCH}): an operation on a repository reference, for a caller.
   * session may be null for a public host's read. The fetcher picks the provider by where.host() and
   * answers a {@link Fetched} of the operation's kind.
   */
  public record FetchRequest(CallContext ctx, Session session, RepoRef where, FetchOp op) {}

  /** What a {@link FetchRequest} asks. */
  public sealed interface FetchOp permits ReadFile, ReadFiles, ReadCommit, ReadCommits, DiscoverPage, ReadTree {}

  /** The file at path (plain text, checked; the provider encodes it) at ref: answered {@link FetchedFile}. */
  public record ReadFile(String ref, String path) implements FetchOp {}

  /** One file of a {@link ReadFiles}: path in the repository where at ref. */
  public record FileAt(RepoRef where, String ref, String path) {}

  /**
   * Many files at once, each in its own repository, where the host can answer them in one call (GitHub's
   * GraphQL API): answered {@link FetchedFiles}. The request's own where is ignored. What it finds is
   * kept in the fetcher's cache exactly as a {@link ReadFile} would keep it, so the rules' own reads that
   * follow are cache hits; a host without a batched way answers every file unasked and reads nothing.
   */
  public record ReadFiles(List<FileAt> files) implements FetchOp {}

  /** The commit ref names (no heads/ or tags/ fallback: the resolver does that): answered {@link FetchedCommit}. */
  public record ReadCommit(String ref) implements FetchOp {}

  /**
   * The commits several refs name (GetCommit, GetCommits), each as given, then as a branch, then as a
   * tag, at once where the host can (GitHub's GraphQL API): answered {@link FetchedCommits}.
   */
  public record ReadCommits(List<String> refs) implements FetchOp {}

  /** The discovery page of the reference (a Go import path's ?go-get=1 page): answered {@link FetchedPage}. */
  public record DiscoverPage() implements FetchOp {}

  /**
   * The paths of the repository's files at ref (the commit ref names, resolved first so the listing is
   * cached by commit): answered {@link FetchedTree}.
   */
  public record ReadTree(String ref) implements FetchOp {}

  /** A fetch's answer. */
  public sealed interface Fetched permits FetchedFile, FetchedFiles, FetchedCommit, FetchedCommits, FetchedPage, FetchedTree {}

  /**
   * A file and the version it was read at: a commit SHA, or the ref itself where it is not resolved to
   * one. The same repository, version and path is the same content, so a reader may memoise on them.
   */
  public record FetchedFile(SourceFile file, String version) implements Fetched {}

  /** One outcome per asked file, in order. */
  public record FetchedFiles(List<FileOutcome> outcomes) implements Fetched {}

  /**
   * One file's outcome: the file and its version, or why not (a code and message), or neither: not
   * answered at once, for a {@link ReadFile} to read as before.
   */
  public record FileOutcome(FetchedFile file, Code code, String message) {
    public static FileOutcome unasked() {
      return new FileOutcome(null, null, null);
    }

    public boolean answered() {
      return file != null || code != null;
    }
  }

  /** A commit as GetCommit answers it; authorLogin/authorAvatarUrl are empty when GitHub links no user. */
  public record FetchedCommit(
      String sha, String message, String date, String url, String authorLogin, String authorAvatarUrl) implements Fetched {}

  public record FetchedPage(String body) implements Fetched {}

  /** One outcome per asked ref, in order. */
  public record FetchedCommits(List<CommitOutcome> outcomes) implements Fetched {}

  /**
   * One ref's outcome: its commit, or why not (an RpcException's code and message), or neither: not
   * answered at once (no batched way now), so the asker reads it one spelling at a time ({@link ReadCommit}).
   */
  public record CommitOutcome(FetchedCommit commit, Code code, String message) {
    public static CommitOutcome unasked() {
      return new CommitOutcome(null, null, null);
    }

    public boolean answered() {
      return commit != null || code != null;
    }
  }

  /** A file tree and the version it was read at (a commit SHA, or the ref's name where it is not resolved to one). */
  public record FetchedTree(FileTree tree, String version) implements Fetched {}
}
