package dev.sourcegate.demo.github;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blobs one repository's snapshots hold, by git blob id, kept up to date as files are added or
 * replaced. Finding a blob by id used to hash every file of every snapshot (80,000 of them in the
 * benchmarks' history) per look-up; here each distinct array is hashed once, when it is first held.
 * The arrays are shared, not copied: a snapshot's bytes must not change after they are handed over.
 *
 * <p>A blob is found only while some (snapshot, path) holds it, as a scan of the snapshots would find
 * it: each array counts the entries that hold it, and an id whose last array is let go is forgotten.
 * Arrays are keys by identity (an array's equals and hashCode are Object's), so the history's files
 * that no commit changed, one array shared by every snapshot, cost one entry.
 */
final class BlobIndex {
  /** One distinct array: its blob id and how many (snapshot, path) entries hold it (guarded by the index). */
  private static final class Held {
    final String oid;
    int entries;

    Held(String oid) {
      this.oid = oid;
    }
  }

  private final Map<byte[], Held> byArray = new ConcurrentHashMap<>();
  private final Map<String, byte[]> byOid = new ConcurrentHashMap<>();

  /** One more entry holds content. */
  synchronized void hold(byte[] content) {
    Held h = byArray.computeIfAbsent(content, c -> new Held(Answers.blobSha(c)));
    h.entries++;
    byOid.putIfAbsent(h.oid, content);
  }

  /** An entry that held content holds something else now. */
  synchronized void release(byte[] content) {
    Held h = byArray.get(content);
    if (h == null || --h.entries > 0) {
      return;
    }
    byArray.remove(content);
    if (byOid.get(h.oid) != content) {
      return;
    }
    // another array may hold the same bytes (so the same id) and still be held
    byArray.entrySet().stream().filter(e -> e.getValue().oid.equals(h.oid)).map(Map.Entry::getKey).findFirst()
        .ifPresentOrElse(other -> byOid.put(h.oid, other), () -> byOid.remove(h.oid));
  }

  /** The bytes whose blob id is oid, if an entry holds them. */
  Optional<byte[]> find(String oid) {
    return oid == null ? Optional.empty() : Optional.ofNullable(byOid.get(oid));
  }

  /** content's blob id: remembered when an entry holds this very array, else computed. */
  String oidOf(byte[] content) {
    Held h = byArray.get(content);
    return h != null ? h.oid : Answers.blobSha(content);
  }
}
