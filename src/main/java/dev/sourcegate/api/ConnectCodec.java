package dev.sourcegate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.sourcegate.api.proto.GetFileResponse;
import dev.sourcegate.bus.RpcException;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
  /** Strict RFC 8259 (no unquoted names, single quotes, comments or trailing data), unlike JsonFormat's lenient Gson. */
  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private final String contentType;

  ConnectCodec(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
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
      return Optional.of(JSON);
    }
    if (header.equals("application/proto")) {
      return Optional.of(PROTO);
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
      case "application/json" -> Optional.of(JSON);
      case "application/proto" -> Optional.of(PROTO);
      default -> Optional.empty();
    };
  }

  public Message decode(Buffer body, Message prototype) {
    Message.Builder builder = prototype.newBuilderForType();
    if (this == PROTO) {
      try {
        return builder.mergeFrom(body.getBytes()).build();
      } catch (InvalidProtocolBufferException e) {
        throw RpcException.invalidArgument("request is not a valid " + prototype.getDescriptorForType().getName());
      }
    }
    if (body.length() == 0) {
      throw RpcException.invalidArgument("empty request body: send at least {}");
    }
    String text = utf8(body);
    if (depth(text) > MAX_JSON_DEPTH) {
      throw RpcException.invalidArgument("request JSON nests deeper than " + MAX_JSON_DEPTH + " levels");
    }
    JsonNode tree;
    try {
      tree = STRICT_JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw RpcException.invalidArgument("request is not valid JSON for " + prototype.getDescriptorForType().getName());
    }
    if (tree == null) {
      throw RpcException.invalidArgument("empty request body: send at least {}");
    }
    try {
      JsonShape.read(tree, builder);
      return builder.build();
    } catch (NumberFormatException e) {
      throw RpcException.invalidArgument("request holds a number out of range for " + prototype.getDescriptorForType().getName());
    }
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
            .appendString(STRICT_JSON.writeValueAsString(file.getURL()), "UTF-8");
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return out.appendString("}");
  }

  private static String utf8(Buffer body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body.getBytes()))
          .toString();
    } catch (CharacterCodingException e) {
      throw RpcException.invalidArgument("request JSON is not UTF-8");
    }
  }

  /** Nesting depth of brackets outside strings; enough to stop a parser's recursion being used against us. */
  static int depth(String json) {
    int depth = 0;
    int max = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        max = Math.max(max, ++depth);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return max;
  }
}
