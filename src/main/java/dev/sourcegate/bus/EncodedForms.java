package dev.sourcegate.bus;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The encoded bodies of one cached answer, one per content type, made by the first HTTP verticle that
 * sends the answer in that codec. A warm GetFile then writes bytes it already has: encoding a whole
 * file again (and allocating it again) on every hit was the largest single cost of a cache hit.
 * Buffers are written by duplicating their bytes, so one buffer serves any number of responses on any
 * event loop.
 */
public final class EncodedForms {
  private final ConcurrentHashMap<String, Buffer> byContentType = new ConcurrentHashMap<>(4);

  /** The body for this content type, encoded now if no one has yet (two racing encodes agree). */
  public Buffer get(String contentType, Supplier<Buffer> encode) {
    Buffer body = byContentType.get(contentType);
    if (body == null) {
      body = encode.get();
      Buffer raced = byContentType.putIfAbsent(contentType, body);
      if (raced != null) {
        body = raced;
      }
    }
    return body;
  }
}
