package dev.sourcegate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.sourcegate.bus.RpcException;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks a strictly parsed JSON request against the message's schema before protobuf's own (lenient)
 * JSON reader sees it: a string field must hold a string, a repeated field an array, and so on. Unknown
 * fields are ignored, as the protocol says; null means "default".
 */
final class JsonShape {
  private JsonShape() {}

  static void check(JsonNode node, Descriptor type) {
    if (!node.isObject()) {
      throw RpcException.invalidArgument("request must be a JSON object");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      FieldDescriptor field = find(type, e.getKey());
      if (field == null || e.getValue().isNull()) {
        continue;
      }
      if (field.isRepeated()) {
        if (!e.getValue().isArray()) {
          throw wrong(field, "an array");
        }
        for (JsonNode item : e.getValue()) {
          value(field, item);
        }
      } else {
        value(field, e.getValue());
      }
    }
  }

  private static FieldDescriptor find(Descriptor type, String name) {
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(name) || f.getName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static void value(FieldDescriptor field, JsonNode v) {
    switch (field.getJavaType()) {
      case STRING -> {
        if (!v.isTextual()) {
          throw wrong(field, "a string");
        }
      }
      case LONG, INT -> {
        boolean ok = v.isIntegralNumber() || (v.isTextual() && v.asText().matches("-?\\d{1,19}"));
        if (!ok) {
          throw wrong(field, "an integer (a number or a string of digits)");
        }
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          throw wrong(field, "true or false");
        }
      }
      case MESSAGE -> check(v, field.getMessageType());
      default -> { }
    }
  }

  private static RpcException wrong(FieldDescriptor field, String what) {
    return RpcException.invalidArgument("field " + field.getJsonName() + " must be " + what);
  }
}
