package dev.sourcegate.fetch.graphql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sourcegate.source.GitBlobId;
import dev.sourcegate.source.RepoRef;
import java.util.Optional;

/**
 * File bytes kept once per distinct content: a content-addressed table by git blob oid (shared by every
 * commit, repository and fork holding the same bytes; an oid's bytes never change, so it never goes
 * stale), bounded by weight, and apart from it an index of which oid a (repository, commit, path) holds.
 *
 * <p>Who may read what: bytes are never handed out by oid. They reach a caller only through {@link
 * #read}, which takes a {@link CheckedRepository} (made by the fetcher's access layer once the caller's
 * token was checked for that repository) and goes through that repository's own index entry. So a token
 * that cannot read a repository never gets bytes through it, even when the same bytes were stored for
 * another repository; and a token that can read a repository holding the same bytes gets them without
 * another transfer. {@link #holds} says only whether an oid's bytes are here (to skip asking for them),
 * which tells nothing to someone who does not already know the content.
 */
public final class ContentStore {
  /** Where a file sits: repository (its {@link RepoRef#key}), full commit SHA, path. */
  public record Location(String repoKey, String commitSha, String path) {
    public static Location of(String owner, String repo, String commitSha, String path) {
      return new Location(RepoRef.key(owner, repo), commitSha, path);
    }
  }

  /**
   * A repository the caller's token was checked for. Only the fetcher's access layer should make one,
   * after its access check said yes for this token and repository; it is what {@link #read} demands.
   */
  public record CheckedRepository(String repoKey) {
    public static CheckedRepository afterAccessCheck(String owner, String repo) {
      return new CheckedRepository(RepoRef.key(owner, repo));
    }
  }

  /** Bytes an entry costs besides its content (key, array header, the table's node). */
  private static final int ENTRY_OVERHEAD = 128;
  /** Repositories whose share of unchanged files is tracked. */
  private static final long MAX_REPOSITORIES = 10_000;
  /**
   * Below this size a file's text costs less than the second call a changed file would need: it is
   * always asked with its text.
   */
  static final int MIN_OID_ONLY_BYTES = 1024;

  private final Cache<String, byte[]> contentByOid;
  private final Cache<Location, String> oidByLocation;
  /** The last oid seen for a path of a repository, at any commit: a new commit's file likely still holds it. */
  private final Cache<String, String> lastOidByPath;
  /** Per repository, how often a file asked at a new commit still held the oid last seen for its path. */
  private final Cache<String, UnchangedShare> unchangedByRepo;

  /** maxContentBytes bounds the bytes held; maxLocations the index's entries. */
  public ContentStore(long maxContentBytes, long maxLocations) {
    this(maxContentBytes, maxLocations, Caffeine.newBuilder());
  }

  /** builder: a test's same-thread executor makes eviction happen before the call returns. */
  ContentStore(long maxContentBytes, long maxLocations, Caffeine<Object, Object> builder) {
    this.contentByOid = builder.maximumWeight(maxContentBytes)
        .weigher((String oid, byte[] bytes) -> (int) Math.min(Integer.MAX_VALUE, (long) bytes.length + ENTRY_OVERHEAD))
        .build();
    this.oidByLocation = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxLocations).build();
    this.lastOidByPath = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maxLocations).build();
    this.unchangedByRepo = Caffeine.newBuilder().executor(Runnable::run).maximumSize(MAX_REPOSITORIES).build();
  }

  /**
   * Keeps a file read at a location. The oid must be the bytes' git blob id (false, nothing kept,
   * otherwise): the bytes are shared under it with every repository holding that oid.
   */
  public boolean put(Location where, String oid, byte[] bytes) {
    return keep(where, oid, bytes).isPresent();
  }

  /**
   * As {@link #put}, and gives back the array now held for oid: the one already held when another
   * location brought the same bytes first, so every cache entry of that content shares one array.
   */
  public Optional<byte[]> keep(Location where, String oid, byte[] bytes) {
    if (!GitBlobId.of(bytes).equals(oid)) {
      return Optional.empty();
    }
    byte[] held = contentByOid.asMap().putIfAbsent(oid, bytes);
    index(where, oid);
    return Optional.of(held != null ? held : bytes);
  }

  /** Notes which oid a location holds, e.g. from an answer that named the oid but sent no bytes. */
  public void index(Location where, String oid) {
    String last = lastOidByPath.getIfPresent(pathKey(where.repoKey(), where.path()));
    if (last != null && oidByLocation.getIfPresent(where) == null) {
      unchangedByRepo.get(where.repoKey(), k -> new UnchangedShare()).note(last.equals(oid));
    }
    oidByLocation.put(where, oid);
    lastOidByPath.put(pathKey(where.repoKey(), where.path()), oid);
  }

  /**
   * Whether a look-up of the path at a new commit should ask only its oid: the bytes it held when last
   * seen (at another commit of this repository) are here, at least {@link #MIN_OID_ONLY_BYTES} of them, and
   * the repository's history shows most files unchanged from one look-up to the next ({@link
   * UnchangedShare}). The bytes then come from here when the oid is the same.
   */
  public boolean asksOnlyOid(String repoKey, String path) {
    byte[] held = lastSeenBytes(repoKey, path);
    UnchangedShare share = unchangedByRepo.getIfPresent(repoKey);
    return held != null && held.length >= MIN_OID_ONLY_BYTES && share != null && share.mostlyUnchanged();
  }

  /**
   * Whether the bytes the path held when last seen (at any commit of this repository) are here, whatever
   * their size or the repository's history: an answer naming that oid at another commit then needs no
   * transfer. For look-ups that never ask for bytes (a query's extras): unlike {@link #asksOnlyOid}, a
   * changed file costs them no second call, only its oid in the answer.
   */
  public boolean holdsLastSeen(String repoKey, String path) {
    return lastSeenBytes(repoKey, path) != null;
  }

  /** The bytes the path held when last seen at any commit of the repository, if they are here. */
  private byte[] lastSeenBytes(String repoKey, String path) {
    String oid = lastOidByPath.getIfPresent(pathKey(repoKey, path));
    return oid == null ? null : contentByOid.getIfPresent(oid);
  }

  private static String pathKey(String repoKey, String path) {
    return repoKey + '\0' + path;
  }

  /** The oid a location holds, if known. */
  public Optional<String> oidAt(Location where) {
    return Optional.ofNullable(oidByLocation.getIfPresent(where));
  }

  /** Whether the bytes of oid are held (a query may then leave out the text). */
  public boolean holds(String oid) {
    return contentByOid.getIfPresent(oid) != null;
  }

  /** The file at commitSha:path of a repository the caller was checked for, through its index entry. */
  public Optional<byte[]> read(CheckedRepository repository, String commitSha, String path) {
    String oid = oidByLocation.getIfPresent(new Location(repository.repoKey(), commitSha, path));
    return oid == null ? Optional.empty() : Optional.ofNullable(contentByOid.getIfPresent(oid));
  }

  /** Distinct contents held, for tests and metrics. */
  public long contents() {
    contentByOid.cleanUp();
    return contentByOid.estimatedSize();
  }
}
