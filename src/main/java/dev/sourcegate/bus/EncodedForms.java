package dev.sourcegate.bus;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The encoded bodies of one cached answer, one per form (a codec, plain or gzipped; the writer numbers
 * them), made by the first HTTP verticle that sends the answer in that form. A warm GetFile then writes
 * bytes it already has: encoding a whole file again (and allocating it again) on every hit was the
 * largest single cost of a cache hit. Buffers are written by duplicating their bytes, so one buffer
 * serves any number of responses on any event loop. Forms sit in a small array by number, found with one
 * read (a map by content type hashed a string per request).
 */
public final class EncodedForms {
  /** Forms there can be, numbered 0 to FORMS - 1: two codecs, each plain or gzipped. */
  public static final int FORMS = 4;

  private final AtomicReferenceArray<Buffer> byForm = new AtomicReferenceArray<>(FORMS);

  /** The body of this form, encoded now if no one has yet (two racing encodes agree; the first is kept). */
  public Buffer get(int form, Supplier<Buffer> encode) {
    Buffer body = byForm.get(form);
    if (body == null) {
      body = encode.get();
      if (!byForm.compareAndSet(form, null, body)) {
        body = byForm.get(form);
      }
    }
    return body;
  }
}
