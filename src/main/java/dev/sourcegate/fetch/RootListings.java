package dev.sourcegate.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.fetch.graphql.RootListing;
import dev.sourcegate.ops.Caches;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.RepoRef;
import java.util.Locale;

/**
 * The top of a repository's tree per commit, as a batched read learnt it (see {@link RootListing}).
 * Kept only under a full commit SHA: a commit's tree never changes, a branch's does. A private
 * repository's listing is private: it is only ever consulted for a token {@link AccessControl} knows may
 * read that repository, the same discipline as cached files.
 */
final class RootListings {
  /** Listings are a few hundred bytes; 4 MiB holds the roots of thousands of commits. */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  private record Key(String repoKey, String commit) {}

  private final Cache<Key, RootListing> listings;
  private final AccessControl access;

  RootListings(AccessControl access, long maxBytes) {
    this.access = access;
    this.listings = Caches.builder().maximumWeight(maxBytes)
        .weigher((Key k, RootListing l) -> l.weight() + k.repoKey().length() * 2 + 128).build();
  }

  void learned(RepoRef where, String commit, RootListing listing) {
    if (listing != null && CommitSha.isFull(commit)) {
      listings.put(new Key(where.key(), commit.toLowerCase(Locale.ROOT)), listing);
    }
  }

  /**
   * True when the listing of the repository at commit, known and readable by this token, says path
   * cannot exist there. False whenever any of that is not known: the caller asks the host as before.
   */
  boolean knownAbsent(String token, RepoRef where, String commit, String path) {
    if (commit == null || !CommitSha.isFull(commit) || !access.knownAllowed(token, where)) {
      return false;
    }
    RootListing listing = listings.getIfPresent(new Key(where.key(), commit.toLowerCase(Locale.ROOT)));
    return listing != null && listing.rulesOut(path);
  }
}
