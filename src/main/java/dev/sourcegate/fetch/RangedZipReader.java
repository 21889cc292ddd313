package dev.sourcegate.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import dev.sourcegate.fetch.archive.ArchiveLimits;
import dev.sourcegate.fetch.archive.MemberInflater;
import dev.sourcegate.fetch.archive.ZipDirectory;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.ops.Caches;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One member of a remote zip (a wheel, a sources jar) read with HTTP range requests: the archive's tail
 * (its End Of Central Directory record), the central directory when the tail does not hold it, then the
 * member's local header and compressed bytes; two to four requests, whatever the archive's size, and one
 * (the member's) once the archive's directory is known (it is kept, see {@link #index}). A server
 * that ignores Range answers 200 with the whole archive, which is then read from memory, up to
 * {@link ArchiveLimits#maxWholeArchiveBytes}. A large member is inflated off the event loop.
 */
public final class RangedZipReader {
  /** Inflating more than this would hold an event loop for a noticeable time. */
  static final int INLINE_INFLATE_BYTES = 256 * 1024;
  /** Room read after a member's name for its local extra field, to read header and data in one request. */
  private static final int EXTRA_ALLOWANCE = 512;
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

  /** What the kept directories may weigh in all: some hundred large jars' or wheels' worth. */
  static final long INDEX_BUDGET_BYTES = 64L * 1024 * 1024;

  private final Vertx vertx;
  private final UpstreamClient http;
  private final ArchiveLimits limits;
  private final Cache<String, Index> indexes = Caches.builder().maximumWeight(INDEX_BUDGET_BYTES)
      .weigher((String url, Index i) -> i.weight()).<String, Index>build();

  public RangedZipReader(Vertx vertx, UpstreamClient http, ArchiveLimits limits) {
    this.vertx = vertx;
    this.http = http;
    this.limits = limits;
  }

  /** Bytes of the archive known so far: [start, start + data.length) of an archive of length bytes. */
  private record Slice(long start, byte[] data, long length) {
    boolean covers(long from, long count) {
      return from >= start && from + count <= start + data.length;
    }

    byte[] cut(long from, long count) {
      byte[] out = new byte[(int) count];
      System.arraycopy(data, (int) (from - start), out, 0, (int) count);
      return out;
    }
  }

  /** archive names the artifact in messages (its file name, never its URL: a mirror's may hold credentials). */
  public Future<byte[]> member(ProviderCall call, String url, MultiMap headers, String archive, String member) {
    return index(call, url, headers, archive).compose(index -> {
      ZipDirectory.Entry entry = index.entries().get(member);
      if (entry == null) {
        throw RpcException.notFound(member + " is not in " + archive);
      }
      limits.checkMember(member, entry.compressedSize(), entry.size());
      return data(call, url, headers, archive, index.tail(), entry);
    });
  }

  /**
   * The names of the archive's members (safe names only, see ArchiveLimits.safeName), from its central
   * directory: one or two range requests, whatever the archive's size. The same checks as a member read
   * (entry count, directory size, total uncompressed size) refuse a hostile archive here too.
   */
  public Future<List<String>> names(ProviderCall call, String url, MultiMap headers, String archive) {
    return index(call, url, headers, archive).map(Index::names);
  }

  /**
   * The archive's directory, read once: the members of an archive are often read one after another (a
   * jar's list of files, then the file; several frames of one package), and the directory costs one or
   * two requests each time. An archive at a URL never changes (a registry refuses a second upload), so
   * the index is kept, within a byte budget, and only the member's own bytes are asked again.
   */
  private Future<Index> index(ProviderCall call, String url, MultiMap headers, String archive) {
    Index known = indexes.getIfPresent(url);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    return tail(call, url, headers, archive).compose(tail -> {
      ZipDirectory.End end = ZipDirectory.end(tail.data(), tail.length(), archive, limits);
      return bytes(call, url, headers, archive, tail, end.directoryOffset(), end.directorySize()).map(directory -> {
        Index index = Index.of(tail, ZipDirectory.entries(directory.data(), end, archive, limits));
        indexes.put(url, index);
        return index;
      });
    });
  }

  /** The archive's entries by name (the first of a name wins, as a member read takes it) and its tail. */
  private record Index(Slice tail, Map<String, ZipDirectory.Entry> entries, List<String> names) {
    static Index of(Slice tail, List<ZipDirectory.Entry> listed) {
      Map<String, ZipDirectory.Entry> byName = new HashMap<>();
      List<String> names = new ArrayList<>();
      for (ZipDirectory.Entry e : listed) {
        if (byName.putIfAbsent(e.name(), e) == null) {
          names.add(e.name());
        }
      }
      return new Index(tail, byName, List.copyOf(names));
    }

    int weight() {
      long w = tail.data().length + 64L;
      for (String n : names) {
        w += n.length() * 2L + 96;
      }
      return (int) Math.min(Integer.MAX_VALUE, w);
    }
  }

  private Future<Slice> tail(ProviderCall call, String url, MultiMap headers, String archive) {
    MultiMap h = ranged(headers).set("Range", "bytes=-" + ZipDirectory.MAX_TAIL);
    return http.get(url, h, limits.maxWholeArchiveBytes(), "registry_archive", call.deadline(), call.scope())
        // only an answer of the whole archive can be that large (a range asked is 64 KiB): refused like a
        // hostile archive, so it is remembered and not downloaded again for every frame
        .recover(t -> Future.failedFuture(t instanceof RpcException e && e.code() == Code.RESOURCE_EXHAUSTED
            ? limits.wholeArchiveTooLarge(archive) : t))
        .map(res -> {
          if (res.status() == 200) {
            byte[] whole = res.body().getBytes();
            return new Slice(0, whole, whole.length);
          }
          return partial(res, archive, -1);
        });
  }

  /** count bytes from offset: from what is known, else one more range request. */
  private Future<Slice> bytes(ProviderCall call, String url, MultiMap headers, String archive, Slice known, long offset,
      long count) {
    if (known.covers(offset, count)) {
      return Future.succeededFuture(new Slice(offset, known.cut(offset, count), known.length()));
    }
    if (offset + count > known.length()) {
      return Future.failedFuture(ZipDirectory.unreadable(archive, "a range lies past its end"));
    }
    if (count == 0) {
      return Future.succeededFuture(new Slice(offset, new byte[0], known.length()));
    }
    MultiMap h = ranged(headers).set("Range", "bytes=" + offset + "-" + (offset + count - 1));
    return http.get(url, h, (int) count, "registry_archive", call.deadline(), call.scope())
        .map(res -> partial(res, archive, offset));
  }

  private Future<byte[]> data(ProviderCall call, String url, MultiMap headers, String archive, Slice known,
      ZipDirectory.Entry entry) {
    long headerGuess = ZipDirectory.LOCAL_HEADER_SIZE + entry.name().getBytes(StandardCharsets.UTF_8).length + EXTRA_ALLOWANCE;
    long want = Math.min(headerGuess + entry.compressedSize(), known.length() - entry.localOffset());
    return bytes(call, url, headers, archive, known, entry.localOffset(), Math.max(0, want)).compose(local -> {
      long dataAt = ZipDirectory.dataOffset(local.data(), entry, archive);
      Future<Slice> compressed = bytes(call, url, headers, archive, local, dataAt, entry.compressedSize());
      return compressed.compose(c -> inflate(entry, c.data(), archive));
    });
  }

  private Future<byte[]> inflate(ZipDirectory.Entry entry, byte[] compressed, String archive) {
    if (entry.size() <= INLINE_INFLATE_BYTES) {
      return Future.succeededFuture(MemberInflater.bytes(entry, compressed, archive));
    }
    return vertx.executeBlocking(() -> MemberInflater.bytes(entry, compressed, archive), false);
  }

  /** A 206 answer for the range asked (offset -1: a suffix range); anything else is a clean failure. */
  private static Slice partial(UpstreamResponse res, String archive, long offset) {
    if (res.status() == 404 || res.status() == 410) {
      throw RpcException.notFound(archive + " is missing from the registry");
    }
    if (res.status() == 401 || res.status() == 403) {
      throw new RpcException(Code.PERMISSION_DENIED, "the registry refused to serve " + archive + " (" + res.status() + ")");
    }
    if (res.status() != 206) {
      throw new RpcException(res.status() >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN,
          "the registry answered " + res.status() + " for " + archive);
    }
    Matcher m = CONTENT_RANGE.matcher(String.valueOf(res.headers().get("Content-Range")));
    byte[] data = res.body().getBytes();
    if (!m.matches() || (offset >= 0 && Long.parseLong(m.group(1)) != offset)
        || Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1 != data.length) {
      throw ZipDirectory.unreadable(archive, "the registry answered a range other than the one asked");
    }
    return new Slice(Long.parseLong(m.group(1)), data, Long.parseLong(m.group(3)));
  }

  /** No content coding: a range of a gzip-encoded answer would be a range of other bytes. */
  private static MultiMap ranged(MultiMap headers) {
    return MultiMap.caseInsensitiveMultiMap().addAll(headers).set("Accept-Encoding", "identity");
  }
}
