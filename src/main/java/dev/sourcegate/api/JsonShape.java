package dev.sourcegate.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.sourcegate.rpc.RpcException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a JSON request token by token straight into its message, checking it against the schema as it
 * goes: a string field must hold a string, a repeated field an array, an int64 a number or a string of
 * digits. Both the json_name and the declared name are accepted, unknown fields are ignored (their
 * values are still read through, so they must be JSON too) and null means "default", as protobuf's JSON
 * mapping says. (Protobuf's own JsonFormat reader is lenient: it takes unquoted names, single quotes and
 * arrays for strings; and it would parse the body a second time.)
 *
 * <p>A value of the wrong shape is thrown as an RpcException; the caller still reads the rest of the
 * body, because a body that is not JSON at all is refused as such whatever its shape.
 */
final class JsonShape {
  /** Longest field name, in chars: the limit Jackson's defaults set (see {@link JsonRequest}). */
  static final int MAX_NAME_CHARS = StreamReadConstraints.defaults().getMaxNameLength();

  /** Field by json_name and by declared name, per message type. */
  private static final Map<Descriptor, Map<String, FieldDescriptor>> FIELDS = new ConcurrentHashMap<>();

  private JsonShape() {}

  /**
   * The next token, its value read: Jackson checks some limits (a string's length) only when a value is
   * read, and the former tree-building reader read every value, unknown ones included.
   */
  static JsonToken next(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.VALUE_STRING) {
      p.getText();
    } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      p.getNumberValue();
    } else if (t == JsonToken.FIELD_NAME && p.currentName().length() > MAX_NAME_CHARS) {
      // the byte parser counts a name's limit in UTF-8 bytes; it was (and is) in chars
      throw new JsonParseException(p, "field name longer than " + MAX_NAME_CHARS + " chars");
    }
    return t;
  }

  /**
   * Reads the rest of the value the parser is on, if it is an object or an array: token by token rather
   * than with skipChildren, so that every value in it is read as {@link #next} says.
   */
  static void skip(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    int open = 1;
    while (open > 0) {
      t = next(p);
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        open++;
      } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
        open--;
      }
    }
  }

  /** Fills the builder from the object the parser is on (its first token already read). */
  static void read(JsonParser p, Message.Builder builder) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw RpcException.invalidArgument("request must be a JSON object");
    }
    Map<String, FieldDescriptor> fields = fieldsOf(builder.getDescriptorForType());
    // Fields holding a value so far, by index: the builder could say (hasField), but through protobuf's
    // reflection, which showed in the profile of every request. A field counts once it holds a value
    // (a non-default scalar, a non-empty list), exactly as hasField would say.
    long given = 0;
    // the parser ends an object's names with END_OBJECT, or refuses it
    while (next(p) == JsonToken.FIELD_NAME) {
      FieldDescriptor field = fields.get(p.currentName());
      JsonToken t = next(p);
      if (field == null || t == JsonToken.VALUE_NULL) {
        skip(p);
        continue;
      }
      int index = field.getIndex();
      boolean tracked = index < Long.SIZE;
      long bit = tracked ? 1L << index : 0;
      boolean holds = tracked ? (given & bit) != 0
          : field.isRepeated() ? builder.getRepeatedFieldCount(field) > 0 : builder.hasField(field);
      if (holds) {
        throw RpcException.invalidArgument("field " + field.getJsonName() + " is given twice");
      }
      if (field.isRepeated()) {
        if (t != JsonToken.START_ARRAY) {
          throw wrong(field, "an array");
        }
        for (JsonToken item = next(p); item != JsonToken.END_ARRAY; item = next(p)) {
          // a null item is refused where a scalar's type is checked, and skipped elsewhere
          if (item != JsonToken.VALUE_NULL || isChecked(field)) {
            builder.addRepeatedField(field, value(p, item, field, builder));
            given |= bit;
          }
        }
      } else {
        Object v = value(p, t, field, builder);
        if (!isDefault(v)) {
          builder.setField(field, v);
          given |= bit;
        }
      }
    }
  }

  private static boolean isChecked(FieldDescriptor field) {
    return switch (field.getJavaType()) {
      case STRING, LONG, INT, BOOLEAN -> true;
      default -> false;
    };
  }

  private static boolean isDefault(Object v) {
    return (v instanceof String str && str.isEmpty()) || (v instanceof Long l && l == 0L)
        || (v instanceof Integer i && i == 0) || Boolean.FALSE.equals(v);
  }

  /** The value the parser is on (token t) as the field's Java type, or why it is not one. */
  private static Object value(JsonParser p, JsonToken t, FieldDescriptor field, Message.Builder parent) throws IOException {
    return switch (field.getJavaType()) {
      case STRING -> {
        if (t != JsonToken.VALUE_STRING) {
          throw wrong(field, "a string");
        }
        String text = p.getText();
        // the bytes are checked UTF-8 (JsonBytes), but an escape (\\ud800) can still name half a pair,
        // which no UTF-8 encoder can send on: it would leave as '?'
        if (!WellFormed.isWellFormed(text)) {
          throw RpcException.invalidArgument("field " + field.getJsonName() + " is not valid Unicode (a lone surrogate)");
        }
        yield text;
      }
      case LONG, INT -> integer(p, t, field);
      case BOOLEAN -> {
        if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
          throw wrong(field, "true or false");
        }
        yield t == JsonToken.VALUE_TRUE;
      }
      case MESSAGE -> {
        Message.Builder child = parent.newBuilderForField(field);
        read(p, child);
        yield child.build();
      }
      default -> throw RpcException.invalidArgument("field " + field.getJsonName() + " has a type this service does not read");
    };
  }

  /** An int64 (int32) from an integral number in range, or from a string of at most 18 (9) digits. */
  private static Object integer(JsonParser p, JsonToken t, FieldDescriptor field) throws IOException {
    boolean isLong = field.getJavaType() == FieldDescriptor.JavaType.LONG;
    if (t == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (isDigits(text, isLong ? 18 : 9)) {
        return isLong ? (Object) Long.parseLong(text) : (Object) Integer.parseInt(text);
      }
    } else if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      // Jackson types a number with the smallest type that holds it: BIG_INTEGER is beyond a long
      long v = p.getLongValue();
      if (isLong) {
        return v;
      }
      if (v == (int) v) {
        return (int) v;
      }
    }
    throw wrong(field, "an integer (a number or a string of digits)");
  }

  /** An optional minus and 1 to max ASCII digits (leading zeros allowed, as in "007"). */
  private static boolean isDigits(String s, int max) {
    int start = s.startsWith("-") ? 1 : 0;
    int count = s.length() - start;
    if (count < 1 || count > max) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static Map<String, FieldDescriptor> fieldsOf(Descriptor type) {
    Map<String, FieldDescriptor> fields = FIELDS.get(type);
    return fields != null ? fields : FIELDS.computeIfAbsent(type, JsonShape::names);
  }

  /** The first field, in declaration order, whose json_name or declared name it is. */
  private static Map<String, FieldDescriptor> names(Descriptor type) {
    Map<String, FieldDescriptor> names = new HashMap<>();
    for (FieldDescriptor f : type.getFields()) {
      names.putIfAbsent(f.getJsonName(), f);
      names.putIfAbsent(f.getName(), f);
    }
    return Map.copyOf(names);
  }

  private static RpcException wrong(FieldDescriptor field, String what) {
    return RpcException.invalidArgument("field " + field.getJsonName() + " must be " + what);
  }
}
