package dev.sourcegate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.sourcegate.bus.RpcException;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a strictly parsed JSON request into its message, checking it against the schema as it goes: a
 * string field must hold a string, a repeated field an array, an int64 a number or a string of digits.
 * Both the json_name and the declared name are accepted, unknown fields are ignored and null means
 * "default", as protobuf's JSON mapping says. (Protobuf's own JsonFormat reader is lenient: it takes
 * unquoted names, single quotes and arrays for strings; and it would parse the body a second time.)
 */
final class JsonShape {
  private JsonShape() {}

  /** Fills the builder from a JSON object, checking every value's type on the way (one pass). */
  static void read(JsonNode node, Message.Builder builder) {
    if (!node.isObject()) {
      throw RpcException.invalidArgument("request must be a JSON object");
    }
    Descriptor type = builder.getDescriptorForType();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      FieldDescriptor field = find(type, e.getKey());
      if (field == null || e.getValue().isNull()) {
        continue;
      }
      if (field.isRepeated() ? builder.getRepeatedFieldCount(field) > 0 : builder.hasField(field)) {
        throw RpcException.invalidArgument("field " + field.getJsonName() + " is given twice");
      }
      if (field.isRepeated()) {
        if (!e.getValue().isArray()) {
          throw wrong(field, "an array");
        }
        for (JsonNode item : e.getValue()) {
          checkType(field, item);
          if (!item.isNull()) {
            builder.addRepeatedField(field, value(field, item, builder));
          }
        }
      } else {
        checkType(field, e.getValue());
        Object v = value(field, e.getValue(), builder);
        if (!isDefault(v)) {
          builder.setField(field, v);
        }
      }
    }
  }

  private static boolean isDefault(Object v) {
    return (v instanceof String str && str.isEmpty()) || (v instanceof Long l && l == 0L)
        || (v instanceof Integer i && i == 0) || Boolean.FALSE.equals(v);
  }

  private static Object value(FieldDescriptor field, JsonNode v, Message.Builder parent) {
    return switch (field.getJavaType()) {
      case STRING -> v.asText();
      case LONG -> v.isTextual() ? Long.parseLong(v.asText()) : v.longValue();
      case INT -> v.isTextual() ? Integer.parseInt(v.asText()) : v.intValue();
      case BOOLEAN -> v.booleanValue();
      case MESSAGE -> {
        Message.Builder child = parent.newBuilderForField(field);
        read(v, child);
        yield child.build();
      }
      default -> throw RpcException.invalidArgument("field " + field.getJsonName() + " has a type this service does not read");
    };
  }

  private static FieldDescriptor find(Descriptor type, String name) {
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(name) || f.getName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static void checkType(FieldDescriptor field, JsonNode v) {
    switch (field.getJavaType()) {
      case STRING -> {
        if (!v.isTextual()) {
          throw wrong(field, "a string");
        }
      }
      case LONG, INT -> {
        boolean ok = (v.isIntegralNumber() && (field.getJavaType() == FieldDescriptor.JavaType.LONG ? v.canConvertToLong() : v.canConvertToInt()))
            || (v.isTextual() && v.asText().matches(field.getJavaType() == FieldDescriptor.JavaType.LONG ? "-?\\d{1,18}" : "-?\\d{1,9}"));
        if (!ok) {
          throw wrong(field, "an integer (a number or a string of digits)");
        }
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          throw wrong(field, "true or false");
        }
      }
      default -> { } // a message is checked as it is read
    }
  }

  private static RpcException wrong(FieldDescriptor field, String what) {
    return RpcException.invalidArgument("field " + field.getJsonName() + " must be " + what);
  }
}
