package dev.sourcegate.api;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Inflates a gzip request body without letting a small bomb grow past the body limit; gzips responses. */
final class Gzip {
  private Gzip() {}

  static Buffer inflate(Buffer compressed, int maxBytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.getBytes()))) {
      Buffer out = Buffer.buffer();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (out.length() + n > maxBytes) {
          throw new RpcException(Code.RESOURCE_EXHAUSTED, "request body exceeds the limit of " + maxBytes + " bytes");
        }
        out.appendBytes(chunk, 0, n);
      }
      return out;
    } catch (IOException e) {
      throw RpcException.invalidArgument("request body is not valid gzip");
    }
  }

  /** The body gzipped (default level, as HTTP servers use). */
  static Buffer deflate(Buffer plain) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(64, plain.length() / 3));
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out, 8192)) {
      gz.write(plain.getBytes());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Buffer.buffer(out.toByteArray());
  }
}
