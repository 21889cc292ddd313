package dev.sourcegate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.sourcegate.api.proto.GetFileResponse;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Optional;

/**
 * The two Connect codecs: protobuf's canonical JSON mapping (json_name on output, both names accepted,
 * int64 as strings, defaults omitted, unknown fields ignored) and binary protobuf.
 */
public enum ConnectCodec {
  JSON("application/json"),
  PROTO("application/proto");

  /** Deeper JSON than this is refused before parsing: no message of the contract nests more than 3 levels. */
  static final int MAX_JSON_DEPTH = 32;
  /** Writes the URL of file answers as a JSON string (requests are read by {@link JsonRequest}). */
  private static final ObjectMapper JSON_STRINGS = new ObjectMapper();
  /** protobuf-java's message for a proto3 string field that is not UTF-8 (pinned by ConnectCodecTest). */
  private static final String INVALID_UTF8 = "Protocol message had invalid UTF-8.";
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private final String contentType;
  /** The same, as the reply header's value: made once, its bytes copied as they are (see HeaderNames). */
  private final CharSequence contentTypeHeader;
  /** What forContentType answers, made once rather than per request. */
  private final Optional<ConnectCodec> found;

  ConnectCodec(String contentType) {
    this.contentType = contentType;
    this.contentTypeHeader = io.vertx.core.http.HttpHeaders.createOptimized(contentType);
    this.found = Optional.of(this);
  }

  public String contentType() {
    return contentType;
  }

  CharSequence contentTypeHeader() {
    return contentTypeHeader;
  }

  /**
   * The codec for a request Content-Type; empty when it is missing or not ours. JSON accepts only the
   * utf-8 charset parameter (Connect's JSON is always UTF-8).
   */
  public static Optional<ConnectCodec> forContentType(String header) {
    if (header == null) {
      return Optional.empty();
    }
    // what nearly every client sends, recognised without taking the header apart
    if (header.equals("application/json")) {
      return JSON.found;
    }
    if (header.equals("application/proto")) {
      return PROTO.found;
    }
    String[] parts = header.split(";");
    String media = parts[0].trim().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT);
      if (param.isEmpty()) {
        continue;
      }
      if (!param.startsWith("charset=")) {
        return Optional.empty();
      }
      String charset = param.substring("charset=".length()).replace("\"", "").trim();
      if (!charset.equals("utf-8") && !charset.equals("utf8")) {
        return Optional.empty();
      }
    }
    return switch (media) {
      case "application/json" -> JSON.found;
      case "application/proto" -> PROTO.found;
      default -> Optional.empty();
    };
  }

  public Message decode(Buffer body, Message prototype) {
    if (this == PROTO) {
      try {
        return prototype.newBuilderForType().mergeFrom(body.getBytes()).build();
      } catch (InvalidProtocolBufferException e) {
        // protobuf-java checks UTF-8 in proto3 string fields itself; this says so more plainly than its message
        if (INVALID_UTF8.equals(e.getMessage())) {
          throw RpcException.invalidArgument("request " + prototype.getDescriptorForType().getName() + " holds a string that is not UTF-8");
        }
        throw RpcException.invalidArgument("request is not a valid " + prototype.getDescriptorForType().getName());
      }
    }
    return JsonRequest.decode(body, prototype);
  }

  public Buffer encode(Message message) {
    if (this == PROTO) {
      return Buffer.buffer(message.toByteArray());
    }
    if (message instanceof GetFileResponse file) {
      return fileJson(file);
    }
    try {
      return Buffer.buffer(PRINTER.print(message), "UTF-8");
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a message of the contract cannot be printed", e);
    }
  }

  /**
   * GetFile answers carry whole files: protobuf's JSON printer escapes them character by character,
   * which takes an event loop hundreds of milliseconds for a large file. Base64 never needs escaping, so
   * the answer is written directly (same output: defaults omitted, the URL escaped by Jackson).
   */
  private static Buffer fileJson(GetFileResponse file) {
    String content = file.getContent();
    Buffer out = Buffer.buffer(content.length() + file.getURL().length() + 32);
    out.appendString("{");
    if (!content.isEmpty()) {
      out.appendString("\"content\":\"").appendString(content, "US-ASCII").appendString("\"");
    }
    if (!file.getURL().isEmpty()) {
      try {
        out.appendString(content.isEmpty() ? "" : ",").appendString("\"URL\":")
            .appendString(JSON_STRINGS.writeValueAsString(file.getURL()), "UTF-8");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out.appendString("}");
  }
}
