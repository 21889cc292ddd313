package dev.sourcegate.fetch.graphql;

import dev.sourcegate.source.GitBlobId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A file as GraphQL's Blob gives it; text is null for a binary file. */
public record GitBlob(String oid, long byteSize, boolean binary, boolean truncated, String text) {
  /**
   * The file's bytes, when the answer holds them exactly: text, not cut, and its UTF-8 bytes hash to
   * the oid (a file in another encoding does not, and must be fetched raw by oid over REST, as must a
   * binary or truncated one).
   */
  public Optional<byte[]> exactBytes() {
    if (binary || truncated || text == null) {
      return Optional.empty();
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return bytes.length == byteSize && GitBlobId.of(bytes).equals(oid) ? Optional.of(bytes) : Optional.empty();
  }
}
