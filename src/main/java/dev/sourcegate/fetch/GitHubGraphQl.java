package dev.sourcegate.fetch;

import dev.sourcegate.bus.Messages.CommitOutcome;
import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.fetch.graphql.Answer;
import dev.sourcegate.fetch.graphql.BlobQuery;
import dev.sourcegate.fetch.graphql.CommitFacts;
import dev.sourcegate.fetch.graphql.CommitQuery;
import dev.sourcegate.fetch.graphql.ContentStore;
import dev.sourcegate.fetch.graphql.ContentStore.CheckedRepository;
import dev.sourcegate.fetch.graphql.ContentStore.Location;
import dev.sourcegate.bus.Messages.FileAt;
import dev.sourcegate.fetch.graphql.FileLookup;
import dev.sourcegate.fetch.graphql.Lookup;
import dev.sourcegate.fetch.graphql.OidLookup;
import dev.sourcegate.fetch.graphql.TokenQueryQueue;
import dev.sourcegate.fetch.graphql.TokenQueryQueue.Reply;
import dev.sourcegate.fetch.graphql.GitBlob;
import dev.sourcegate.source.SourceFile;
import dev.sourcegate.fetch.graphql.GraphQlClient;
import dev.sourcegate.fetch.graphql.QueryAnswers;
import dev.sourcegate.fetch.graphql.RootListing;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.RepoRef;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * GitHub's GraphQL API as the GitHub provider uses it: many look-ups in one call. A whole query that
 * fails (GraphQL not available, its points spent, any other failure of the call) fails the batch, and
 * the fetcher then reads the same look-ups over REST, one at a time as before, so the answers stay
 * REST's answers.
 */
final class GitHubGraphQl {
  private final GraphQlClient client;
  private final ContentStore contents;
  private final TokenQueryQueue queue;
  private final int prefetchPaths;

  /**
   * contents: file bytes once per blob oid, so a file no commit changed is not transferred again; queue:
   * the file look-ups' per-token line to client (commit look-ups go to client directly).
   */
  GitHubGraphQl(GraphQlClient client, ContentStore contents, TokenQueryQueue queue) {
    this(client, contents, queue, 0);
  }

  /** prefetchPaths: extra oid-only look-ups a file query at a commit may carry (see {@link #files}); 0: none. */
  GitHubGraphQl(GraphQlClient client, ContentStore contents, TokenQueryQueue queue, int prefetchPaths) {
    this.client = client;
    this.contents = contents;
    this.queue = queue;
    this.prefetchPaths = prefetchPaths;
  }

  int prefetchLimit() {
    return prefetchPaths;
  }

  /**
   * An extra is worth carrying when its oid alone can make it a cached file: the bytes the path held when
   * last seen are here. Any size and any history (not {@link ContentStore#asksOnlyOid}'s test): an extra
   * never reads bytes, so a changed one costs only its oid in an answer that was coming anyway.
   */
  boolean prefetchable(RepoRef where, String path) {
    return RepoRef.GITHUB.equals(where.host()) && contents.holdsLastSeen(where.key(), path);
  }

  /**
   * Each ref's commit (as given, then as a branch, then as a tag), in order; refs split above the query
   * limit. A ref no query can carry (empty, or holding ':') is left unasked, for REST to answer as before.
   */
  Future<List<CommitOutcome>> commits(ProviderCall call, RepoRef where, List<String> refs) {
    if (call.token() == null || call.token().isEmpty()) {
      // GitHub's GraphQL API answers 401 to every call without a token: REST serves anonymous reads
      return Future.failedFuture(new RpcException(Code.UNAUTHENTICATED, "GitHub's GraphQL API needs a token"));
    }
    List<String> askable = refs.stream().filter(GitHubGraphQl::askable).toList();
    List<CommitQuery> queries;
    try {
      queries = CommitQuery.plan(where.owner(), where.repo(), askable);
    } catch (RpcException refused) {
      return Future.failedFuture(refused);
    }
    List<Future<QueryAnswers<CommitFacts>>> sent = new ArrayList<>();
    for (CommitQuery q : queries) {
      sent.add(client.commits(call.token(), q, call.deadline()).compose(a -> a.failure() == null ? Future.succeededFuture(a)
          : Future.failedFuture(new RpcException(Code.UNAVAILABLE, a.response().failureMessage()))));
    }
    return Future.all(sent).map(all -> {
      List<Answer<CommitFacts>> answers = new ArrayList<>();
      sent.forEach(f -> answers.addAll(f.result().answers()));
      List<CommitOutcome> out = new ArrayList<>();
      int next = 0;
      for (String ref : refs) {
        out.add(askable(ref) ? outcome(answers.get(next++), ref) : CommitOutcome.unasked());
      }
      return out;
    });
  }

  /** A blob's exact bytes by its oid (REST's git/blobs with the raw media type), for one GraphQL's text cannot give. */
  @FunctionalInterface
  interface BlobReader {
    Future<byte[]> blob(ProviderCall call, RepoRef where, String oid, String path);
  }

  /**
   * Many files in one query (split above its object limit), each with the commit its ref names and its
   * repository's page for the file's link, which is REST's html_url for the same read. The look-ups go
   * through the token's {@link TokenQueryQueue}, so they may share a query with other look-ups of the same
   * token. A file whose text is not its exact bytes is read by oid: through the queue when the look-up
   * asked no text (its path held other bytes before), over REST when GraphQL's text cannot carry it
   * (binary, cut, not UTF-8). One larger than maxFileBytes, or one any part of the answer is unsure about,
   * is left unknown for the single read to answer as before.
   */
  Future<List<BatchedFile>> files(ProviderCall call, List<FileAt> files, int maxFileBytes, BlobReader blobs) {
    return files(call, files, List.of(), maxFileBytes, blobs);
  }

  /**
   * As {@link #files(ProviderCall, List, int, BlobReader)}, the same query also carrying extras (files
   * nobody asked yet, at a full commit SHA), each asking only its oid: one whose oid is the bytes held for
   * its path comes back found with those bytes, exactly as a read of it would; any other answer (another
   * oid, missing, refused, not carried) is unknown and fetches nothing, its oid only noted in the content
   * store. One outcome per file, then one per extra.
   */
  Future<List<BatchedFile>> files(ProviderCall call, List<FileAt> files, List<FileAt> extras, int maxFileBytes,
      BlobReader blobs) {
    if (call.token() == null || call.token().isEmpty()) {
      return Future.failedFuture(new RpcException(Code.UNAUTHENTICATED, "GitHub's GraphQL API needs a token"));
    }
    List<Integer> asked = new ArrayList<>();
    List<FileLookup> lookups = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileAt f = files.get(i);
      if (!RepoRef.GITHUB.equals(f.where().host())) {
        continue;
      }
      FileLookup lookup = new FileLookup(f.where().owner(), f.where().repo(), f.ref(), f.path());
      // one a query cannot carry (an empty ref or path, a ':' in the ref, a control character, a lone
      // surrogate) is left to its single read, not allowed to fail the batch of the request's other look-ups
      if (BlobQuery.askable(lookup)) {
        asked.add(i);
        lookups.add(lookup);
      }
    }
    Set<FileLookup> own = new HashSet<>(lookups);
    Set<FileLookup> extraLookups = new HashSet<>();
    List<Integer> carried = new ArrayList<>();
    List<FileLookup> all = new ArrayList<>(lookups);
    // extras ride along a query that goes anyway: with none of the caller's own look-ups, none goes
    for (int i = 0; i < extras.size() && !lookups.isEmpty(); i++) {
      FileAt e = extras.get(i);
      FileLookup lookup = new FileLookup(e.where().owner(), e.where().repo(), e.ref(), e.path());
      // the same checks as the caller's own, so an extra can never get the caller's look-ups refused
      if (RepoRef.GITHUB.equals(e.where().host()) && CommitSha.isFull(e.ref()) && BlobQuery.askable(lookup)
          && !own.contains(lookup) && extraLookups.add(lookup)) {
        carried.add(i);
        all.add(lookup);
      }
    }
    // a path whose bytes at another commit are held may ask only its oid: unchanged, no content is sent;
    // an extra always asks only its oid (another caller of the same look-up who wants the text still gets it)
    Predicate<Lookup> oidOnly = l -> l instanceof FileLookup fl
        && (extraLookups.contains(fl) || contents.asksOnlyOid(fl.repoKey(), fl.path()));
    // an extra fills only room the queries of the caller's and other callers' own look-ups leave
    Predicate<Lookup> optional = l -> l instanceof FileLookup fl && extraLookups.contains(fl);
    return queue.ask(call.token(), all, oidOnly, optional, call.deadline()).compose(replies -> {
      List<Future<BatchedFile>> out = new ArrayList<>();
      for (int i = 0; i < files.size() + extras.size(); i++) {
        out.add(Future.succeededFuture(BatchedFile.unknown()));
      }
      for (int n = 0; n < asked.size(); n++) {
        out.set(asked.get(n), outcome(call, files.get(asked.get(n)), replies.get(n), maxFileBytes, blobs));
      }
      for (int n = 0; n < carried.size(); n++) {
        int i = carried.get(n);
        out.set(files.size() + i, Future.succeededFuture(extra(extras.get(i), replies.get(asked.size() + n))));
      }
      return Future.join(out).map(done -> out.stream().map(o -> o.succeeded() ? o.result() : BatchedFile.unknown()).toList());
    });
  }

  /**
   * An extra's outcome, from its answer alone: found with the bytes held for its oid (the repository has
   * just answered this token, as for a read's held bytes), else unknown. A missing path is unknown too: a
   * read keeps "not found" briefly under its own rules, and an extra has no business doing it for it.
   */
  private BatchedFile extra(FileAt e, Reply reply) {
    String sha = reply.commitOid();
    if (reply.repositoryUrl() == null || sha == null || !sha.equalsIgnoreCase(e.ref())
        || !(reply.blob() instanceof Answer.Found<GitBlob> found)) {
      return BatchedFile.unknown();
    }
    String owner = e.where().owner();
    String repo = e.where().repo();
    contents.index(Location.of(owner, repo, sha, e.path()), found.value().oid());
    Optional<byte[]> held = contents.read(CheckedRepository.afterAccessCheck(owner, repo), sha, e.path());
    if (held.isEmpty()) {
      return new BatchedFile(sha, true, null, false, null);
    }
    return new BatchedFile(sha, true, new SourceFile(held.get(), fileUrl(reply.repositoryUrl(), e)), false, null);
  }

  /** The file's page, as REST's html_url gives it for the same read: at the ref asked, not the commit. */
  private static String fileUrl(String repositoryUrl, FileAt f) {
    return repositoryUrl + "/blob/" + f.ref() + "/" + f.path();
  }

  private Future<BatchedFile> outcome(ProviderCall call, FileAt f, Reply reply, int maxFileBytes, BlobReader blobs) {
    String sha = reply.commitOid();
    String repoUrl = reply.repositoryUrl();
    if (repoUrl == null) {
      // the repository is not there for this token: a single read over REST says so, as before
      return Future.succeededFuture(BatchedFile.unknown());
    }
    // a listing without the commit it belongs to cannot be kept anywhere it stays true
    RootListing root = sha == null ? null : reply.root();
    Answer<GitBlob> answer = reply.blob();
    if (answer instanceof Answer.Missing<GitBlob>) {
      return Future.succeededFuture(new BatchedFile(sha, true, null, true, root));
    }
    if (!(answer instanceof Answer.Found<GitBlob> found) || found.value().byteSize() > maxFileBytes) {
      return Future.succeededFuture(new BatchedFile(sha, true, null, false, root));
    }
    GitBlob blob = found.value();
    String url = fileUrl(repoUrl, f);
    return bytes(call, f, sha, blob, blobs).map(b -> new BatchedFile(sha, true, new SourceFile(b, url), false, root));
  }

  /**
   * The file's bytes: from the content store when it holds the answered oid (GraphQL has just answered
   * this repository to this token, so its access is checked), else from the answer's text, else read by
   * oid. Bytes read are kept once per oid, under the location the answer named.
   */
  private Future<byte[]> bytes(ProviderCall call, FileAt f, String sha, GitBlob blob, BlobReader blobs) {
    String owner = f.where().owner();
    String repo = f.where().repo();
    Location where = sha == null ? null : Location.of(owner, repo, sha, f.path());
    if (where != null) {
      contents.index(where, blob.oid());
      Optional<byte[]> held = contents.read(CheckedRepository.afterAccessCheck(owner, repo), sha, f.path());
      if (held.isPresent()) {
        return Future.succeededFuture(held.get());
      }
    }
    Future<byte[]> read = blob.exactBytes().map(Future::succeededFuture)
        .orElseGet(() -> askedNoText(blob) ? byOid(call, f, blob, blobs) : blobs.blob(call, f.where(), blob.oid(), f.path()));
    return read.map(b -> where == null ? b : contents.keep(where, blob.oid(), b).orElse(b));
  }

  /** The look-up asked only the oid (no text, yet neither binary nor cut): GraphQL's text may still carry it. */
  private static boolean askedNoText(GitBlob blob) {
    return blob.text() == null && !blob.binary() && !blob.truncated();
  }

  /**
   * A changed file's bytes by oid through the token's queue, inside the repository its answer named, so
   * several such reads (and other waiting look-ups) share one query. What GraphQL's text cannot carry
   * exactly, or a query that fails, is read over REST by oid as before.
   */
  private Future<byte[]> byOid(ProviderCall call, FileAt f, GitBlob blob, BlobReader blobs) {
    OidLookup lookup = new OidLookup(f.where().owner(), f.where().repo(), blob.oid());
    return queue.ask(call.token(), List.of(lookup), l -> false, call.deadline())
        .transform(ar -> {
          if (ar.succeeded() && ar.result().get(0).blob() instanceof Answer.Found<GitBlob> found
              && found.value().oid().equals(blob.oid())) {
            Optional<byte[]> exact = found.value().exactBytes();
            if (exact.isPresent()) {
              return Future.succeededFuture(exact.get());
            }
          }
          return blobs.blob(call, f.where(), blob.oid(), f.path());
        });
  }


  private static boolean askable(String ref) {
    return !ref.isEmpty() && ref.indexOf(':') < 0;
  }

  /** The same codes and messages the REST path gives for the same commit. */
  static CommitOutcome outcome(Answer<CommitFacts> answer, String ref) {
    if (answer instanceof Answer.Found<CommitFacts> found) {
      CommitFacts c = found.value();
      if (c.message().isEmpty() || c.date().isEmpty()) {
        return new CommitOutcome(null, Code.INTERNAL, "commit has no message or date");
      }
      return new CommitOutcome(new FetchedCommit(c.sha(), c.message(), c.date(), c.htmlUrl(), c.login(), c.avatarUrl()), null, null);
    }
    if (answer instanceof Answer.Failed<CommitFacts> failed) {
      Code code = switch (failed.type()) {
        case "NOT_FOUND" -> Code.NOT_FOUND;
        case "FORBIDDEN" -> Code.PERMISSION_DENIED;
        default -> Code.UNKNOWN;
      };
      return new CommitOutcome(null, code, code == Code.NOT_FOUND ? "commit " + ref + " not found"
          : code == Code.PERMISSION_DENIED ? "GitHub denied access to commit " + ref
          : "GitHub answered an error for commit " + ref);
    }
    return new CommitOutcome(null, Code.NOT_FOUND, "commit " + ref + " not found");
  }
}
