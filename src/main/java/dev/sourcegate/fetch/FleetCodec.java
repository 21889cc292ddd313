package dev.sourcegate.fetch;

import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.FileTree;
import dev.sourcegate.source.SourceFile;

import dev.sourcegate.bus.Messages.FetchedCommit;
import dev.sourcegate.fetch.SourceCache.CommitEntry;
import dev.sourcegate.fetch.SourceCache.CommitKey;
import dev.sourcegate.fetch.SourceCache.Entry;
import dev.sourcegate.fetch.SourceCache.FileEntry;
import dev.sourcegate.fetch.SourceCache.FileKey;
import dev.sourcegate.fetch.SourceCache.Key;
import dev.sourcegate.fetch.SourceCache.PageEntry;
import dev.sourcegate.fetch.SourceCache.PageKey;
import dev.sourcegate.fetch.SourceCache.TreeEntry;
import dev.sourcegate.fetch.SourceCache.TreeKey;
import io.vertx.core.json.JsonArray;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How fleet-cache keys and values look in Redis. Keys carry a format version so that a future format
 * never reads an old value; values start with a type byte. Only shareable entries have a fleet key.
 */
final class FleetCodec {
  /** v2: values are sealed by FleetCipher (v1 held them in plaintext; a v1 value is never read). */
  static final String PREFIX = "sourcegate:v2:";
  private static final byte FILE = 1;
  private static final byte COMMIT = 2;
  private static final byte PAGE = 3;
  private static final byte TREE = 4;

  private FleetCodec() {}

  /** The Redis key, or null when the entry must stay on this machine (moving refs, misses). */
  static String key(Key key, Entry entry) {
    boolean immutable = entry.ttlNanos() == SourceCache.FOREVER;
    if (key instanceof FileKey f && immutable && !RefResolver.byName(f.version())) {
      return PREFIX + "file\n" + f.repo() + "\n" + f.version() + "\n" + f.path();
    }
    if (key instanceof CommitKey c && immutable) {
      return PREFIX + "commit\n" + c.repo() + "\n" + c.ref();
    }
    if (key instanceof PageKey p && entry instanceof PageEntry) {
      return PREFIX + "page\n" + p.repo();
    }
    if (key instanceof TreeKey t && immutable && CommitSha.isFull(t.version())) {
      return PREFIX + "tree\n" + t.repo() + "\n" + t.version();
    }
    return null;
  }

  /**
   * The key to look up before the entry is known: every kind that may be shared. A file at a version
   * that is not a ref's name (a commit; on a public host, the ref as given, which is shared only when its
   * provider says it never moves).
   */
  static String lookupKey(Key key) {
    if (key instanceof FileKey f && !RefResolver.byName(f.version())) {
      return PREFIX + "file\n" + f.repo() + "\n" + f.version() + "\n" + f.path();
    }
    if (key instanceof CommitKey c && CommitSha.isFull(c.ref())) {
      return PREFIX + "commit\n" + c.repo() + "\n" + c.ref();
    }
    if (key instanceof PageKey p) {
      return PREFIX + "page\n" + p.repo();
    }
    if (key instanceof TreeKey t && CommitSha.isFull(t.version())) {
      return PREFIX + "tree\n" + t.repo() + "\n" + t.version();
    }
    return null;
  }

  static Buffer encode(Entry entry) {
    if (entry instanceof FileEntry f) {
      byte[] url = f.file().url().getBytes(StandardCharsets.UTF_8);
      return Buffer.buffer(1 + 4 + url.length + f.file().content().length)
          .appendByte(FILE).appendInt(url.length).appendBytes(url).appendBytes(f.file().content());
    }
    if (entry instanceof CommitEntry c) {
      FetchedCommit k = c.commit();
      JsonObject json = new JsonObject().put("sha", k.sha()).put("message", k.message()).put("date", k.date())
          .put("url", k.url()).put("login", k.authorLogin()).put("avatar", k.authorAvatarUrl());
      return Buffer.buffer().appendByte(COMMIT).appendBuffer(json.toBuffer());
    }
    if (entry instanceof PageEntry p) {
      return Buffer.buffer().appendByte(PAGE).appendString(p.body(), "UTF-8");
    }
    if (entry instanceof TreeEntry t) {
      JsonObject json = new JsonObject().put("truncated", t.tree().truncated()).put("paths", new JsonArray(t.tree().paths()));
      return Buffer.buffer().appendByte(TREE).appendBuffer(json.toBuffer());
    }
    throw new IllegalArgumentException("not a shareable entry");
  }

  /** The entry, with the lifetime it gets in the local level, or null for bytes it does not understand. */
  static Entry decode(Buffer value, long localTtlNanos) {
    if (value == null || value.length() < 1) {
      return null;
    }
    try {
      switch (value.getByte(0)) {
        case FILE -> {
          int urlLength = value.getInt(1);
          String url = value.getString(5, 5 + urlLength, "UTF-8");
          byte[] content = value.getBytes(5 + urlLength, value.length());
          return new FileEntry(new SourceFile(content, url), localTtlNanos);
        }
        case COMMIT -> {
          JsonObject j = new JsonObject(value.getBuffer(1, value.length()));
          return new CommitEntry(new FetchedCommit(j.getString("sha"), j.getString("message"), j.getString("date"),
              j.getString("url"), j.getString("login", ""), j.getString("avatar", "")), localTtlNanos);
        }
        case PAGE -> {
          return new PageEntry(value.getString(1, value.length(), "UTF-8"), localTtlNanos);
        }
        case TREE -> {
          JsonObject j = new JsonObject(value.getBuffer(1, value.length()));
          List<String> paths = j.getJsonArray("paths").stream().map(String.class::cast).toList();
          return new TreeEntry(new FileTree(paths, j.getBoolean("truncated")), localTtlNanos);
        }
        default -> {
          return null;
        }
      }
    } catch (RuntimeException e) {
      return null;
    }
  }
}
