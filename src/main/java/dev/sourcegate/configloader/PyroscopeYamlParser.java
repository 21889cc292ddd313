package dev.sourcegate.configloader;

import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingSource;
import dev.sourcegate.source.PyroscopeConfig;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.RepoUrl;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and validates a .pyroscope.yaml (docs/resolution.md §2). It never throws: every problem becomes an
 * error line naming where it is (e.g. {@code source_code.mappings[2].language}), and a file with any error
 * yields {@link PyroscopeConfig#EMPTY}.
 *
 * <p>Decisions beyond docs/resolution.md §2.2:
 *
 * <ul>
 *   <li>{@code language} must be written in lower case, exactly as the format lists it; "Go" is an error
 *       rather than a guess, so a file that works here also works with the reference implementation.
 *   <li>Scalars keep the text written in the file: {@code ref: 1.10} is the ref "1.10", not the number 1.1.
 *   <li>Only the first YAML document is read (as YAML decoders usually do); anchors may be declared but
 *       aliases are refused, since their value would not be what the author wrote.
 *   <li>A {@code prefix:} with no value is an error: an empty prefix must be written {@code prefix: ""}.
 *   <li>github owner and repo must be valid GitHub names and ref a valid git ref name ({@link PathGuard});
 *       github.path must not climb out of the repository. local.path is only checked for control characters:
 *       whether {@code ..} stays inside the repository depends on rootPath, which the resolver knows.
 * </ul>
 */
public final class PyroscopeYamlParser {
  /** A real .pyroscope.yaml is a few KB; this bounds the work spent on anything else. */
  public static final int MAX_CHARS = 1 << 20;

  /** The format needs 6 levels (file, source_code, mappings, mapping, source, github); be generous. */
  private static final int MAX_DEPTH = 32;

  private static final int MAX_QUOTED = 100;
  private static final String LANGUAGES = Language.yamlNames();

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // "key:" with no value is null in YAML, as opposed to key: "" which is an empty string.
          .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
          .build();

  private static final ObjectMapper MAPPER =
      YAMLMapper.builder(FACTORY).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private PyroscopeYamlParser() {}

  /** Parses the file's bytes, which must be UTF-8 (the encoding YAML files on GitHub are read with). */
  public static ParseResult parse(byte[] yamlBytes) {
    if (yamlBytes == null) {
      return parse((String) null);
    }
    if (yamlBytes.length > MAX_CHARS * 4L) {
      return tooLarge();
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(yamlBytes))
              .toString();
      return parse(text);
    } catch (CharacterCodingException e) {
      return ParseResult.invalid(List.of("the file is not valid UTF-8 text"));
    }
  }

  public static ParseResult parse(String yamlText) {
    if (yamlText == null) {
      return ParseResult.invalid(List.of("no file content"));
    }
    if (yamlText.length() > MAX_CHARS) {
      return tooLarge();
    }
    try {
      return validate(readFirstDocument(yamlText));
    } catch (Unreadable e) {
      return ParseResult.invalid(List.of(e.getMessage()));
    } catch (JsonProcessingException e) {
      return ParseResult.invalid(List.of("not valid YAML: " + describe(e)));
    } catch (IOException | RuntimeException e) {
      // snakeyaml and Jackson may fail in ways of their own on hostile input; all of it means "unusable".
      return ParseResult.invalid(List.of("not valid YAML: " + firstLine(e.getMessage())));
    }
  }

  private static ParseResult tooLarge() {
    return ParseResult.invalid(List.of("the file is larger than " + MAX_CHARS + " characters"));
  }

  // ---- reading ----

  /**
   * Builds a tree whose scalars are the text written in the file. Jackson's own tree would turn
   * {@code ref: 1.10} into the number 1.1 and {@code prefix: yes} into true; the format only has strings.
   */
  private static JsonNode readFirstDocument(String text) throws IOException {
    try (JsonParser p = FACTORY.createParser(text)) {
      return p.nextToken() == null ? null : readValue(p, 0);
    }
  }

  private static JsonNode readValue(JsonParser p, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new Unreadable("nested more than " + MAX_DEPTH + " levels deep", p);
    }
    JsonToken t = p.currentToken();
    if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
      throw new Unreadable("YAML aliases (*name) are not supported", p);
    }
    switch (t) {
      case START_OBJECT -> {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          // STRICT_DUPLICATE_DETECTION already refuses this; kept so the rule does not hinge on a flag.
          if (object.replace(name, readValue(p, depth + 1)) != null) {
            throw new Unreadable("duplicate key " + quote(name), p);
          }
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(p, depth + 1));
        }
        return array;
      }
      case VALUE_NULL -> {
        return JsonNodeFactory.instance.nullNode();
      }
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> {
        return JsonNodeFactory.instance.textNode(p.getText());
      }
      default -> throw new Unreadable("unsupported YAML value (" + t + ")", p);
    }
  }

  // ---- validating ----

  private static ParseResult validate(JsonNode root) {
    if (root == null || root.isNull()) {
      return ParseResult.ok(PyroscopeConfig.EMPTY); // an empty file
    }
    if (!root.isObject()) {
      return ParseResult.invalid(List.of("the file must be a YAML mapping (version, source_code)"));
    }
    RawFile file;
    try {
      file = MAPPER.treeToValue(root, RawFile.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return ParseResult.invalid(List.of(describeBinding("", e)));
    }
    List<String> errors = new ArrayList<>();
    if (file.version() != null && !file.version().equals("v1")) {
      errors.add("version " + quote(file.version()) + " is not supported (only v1)");
    }
    List<JsonNode> rawMappings =
        file.sourceCode() == null || file.sourceCode().mappings() == null
            ? List.of()
            : file.sourceCode().mappings();
    List<Mapping> mappings = new ArrayList<>();
    for (int i = 0; i < rawMappings.size(); i++) {
      String where = "source_code.mappings[" + i + "]";
      JsonNode node = rawMappings.get(i);
      if (node == null || !node.isObject()) {
        errors.add(where + ": expected a mapping (path, function_name, language, source)");
        continue;
      }
      try {
        toMapping(where, MAPPER.treeToValue(node, RawMapping.class), errors).ifPresent(mappings::add);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        errors.add(describeBinding(where, e));
      }
    }
    return errors.isEmpty()
        ? ParseResult.ok(new PyroscopeConfig(mappings))
        : ParseResult.invalid(errors);
  }

  /** Adds every problem of one mapping to {@code errors}; the mapping only when there were none. */
  private static Optional<Mapping> toMapping(String where, RawMapping raw, List<String> errors) {
    int before = errors.size();
    List<String> paths = prefixes(where + ".path", raw.path(), errors);
    List<String> functions = prefixes(where + ".function_name", raw.functionName(), errors);
    if (errors.size() == before && paths.isEmpty() && functions.isEmpty()) {
      errors.add(where + ": needs at least one path or function_name prefix");
    }
    Language language = language(where + ".language", raw.language(), errors);
    MappingSource source = source(where + ".source", raw.source(), errors);
    if (errors.size() != before) {
      return Optional.empty();
    }
    return Optional.of(new Mapping(paths, functions, language, source));
  }

  private static List<String> prefixes(String where, List<RawPrefix> items, List<String> errors) {
    List<String> out = new ArrayList<>();
    if (items == null) {
      return out;
    }
    for (int j = 0; j < items.size(); j++) {
      RawPrefix item = items.get(j);
      if (item == null) {
        errors.add(where + "[" + j + "]: expected a mapping like {prefix: ...}");
      } else if (item.prefix() == null) {
        errors.add(where + "[" + j + "].prefix: expected a string (write \"\" for an empty prefix)");
      } else {
        out.add(item.prefix()); // plain string prefixes: nothing is normalised
      }
    }
    return out;
  }

  private static Language language(String where, String value, List<String> errors) {
    if (value == null) {
      errors.add(where + ": missing (one of " + LANGUAGES + ")");
      return null;
    }
    for (Language l : Language.values()) {
      if (l.yamlName().equals(value)) {
        return l;
      }
    }
    errors.add(where + ": language " + quote(value) + " is not one of " + LANGUAGES);
    return null;
  }

  private static MappingSource source(String where, RawSource raw, List<String> errors) {
    if (raw == null || (raw.local() == null && raw.github() == null)) {
      errors.add(where + ": needs one of local or github");
      return null;
    }
    if (raw.local() != null && raw.github() != null) {
      errors.add(where + ": has both local and github; give exactly one");
      return null;
    }
    int before = errors.size();
    if (raw.local() != null) {
      String path = guarded(errors, () -> PathGuard.checkControl(where + ".local.path", raw.local().path()));
      return errors.size() != before ? null : new MappingSource.Local(PathGuard.trimSlashes(path));
    }
    RawGitHub gh = raw.github();
    String at = where + ".github";
    String owner = required(at + ".owner", gh.owner(), errors);
    if (owner != null && !RepoUrl.isValidOwner(owner)) {
      errors.add(at + ".owner: " + quote(owner) + " is not a valid GitHub owner name");
    }
    String repo = required(at + ".repo", gh.repo(), errors);
    if (repo != null && !RepoUrl.isValidRepo(repo)) {
      errors.add(at + ".repo: " + quote(repo) + " is not a valid GitHub repository name");
    }
    String ref = required(at + ".ref", gh.ref(), errors);
    if (ref != null) {
      guarded(errors, () -> PathGuard.checkRef(at + ".ref", ref));
    }
    // A foreign repository has no outside to climb to, so ".." past its root is always a mistake.
    String path = guarded(errors, () -> PathGuard.check(at + ".path", gh.path()));
    if (errors.size() != before) {
      return null;
    }
    return new MappingSource.GitHub(owner, repo, ref, PathGuard.trimSlashes(path));
  }

  private static String required(String where, String value, List<String> errors) {
    if (value == null || value.isBlank()) {
      errors.add(where + ": missing or empty");
      return null;
    }
    return value;
  }

  /** Runs a PathGuard check, turning its rejection into an error line. */
  private static String guarded(List<String> errors, Supplier<String> check) {
    try {
      return check.get();
    } catch (RpcException e) {
      errors.add(e.getMessage());
      return null;
    }
  }

  // ---- messages ----

  private static String describeBinding(String where, Exception e) {
    StringBuilder path = new StringBuilder(where);
    String expected = "a different kind of value";
    if (e instanceof JsonMappingException jme) {
      for (JsonMappingException.Reference ref : jme.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      if (jme instanceof MismatchedInputException mie && mie.getTargetType() != null) {
        expected = expectedKind(mie.getTargetType());
      }
    }
    return (path.isEmpty() ? "the file" : path.toString()) + ": expected " + expected;
  }

  private static String expectedKind(Class<?> type) {
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == RawPrefix.class) {
      return "a mapping like {prefix: ...}";
    }
    return "a mapping";
  }

  private static String describe(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException y && y.getProblem() != null) {
      // snakeyaml's own message spans several lines with a copy of the input; keep what and where.
      String what = (y.getContext() == null ? "" : y.getContext() + ": ") + y.getProblem();
      Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
      return sanitize(what) + (mark == null ? "" : " (line " + (mark.getLine() + 1) + ")");
    }
    JsonLocation at = e.getLocation();
    String where = at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
    return firstLine(e.getOriginalMessage()) + where;
  }

  /** Parser messages can quote the input; keep one short line of it. */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return sanitize(nl < 0 ? message : message.substring(0, nl));
  }

  /** A value from the file, quoted, cut to a loggable length and with control characters escaped. */
  static String quote(String value) {
    return "\"" + sanitize(value) + "\"";
  }

  private static String sanitize(String value) {
    String v = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    StringBuilder out = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A structural problem found while building the tree, with the line it was found on. */
  private static final class Unreadable extends IOException {
    Unreadable(String reason, JsonParser p) {
      super("not valid YAML: " + reason + lineOf(p));
    }

    private static String lineOf(JsonParser p) {
      JsonLocation at = p.currentLocation();
      return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ")";
    }
  }

  // ---- the file as written ----

  private record RawFile(
      @JsonProperty("version") String version, @JsonProperty("source_code") RawSourceCode sourceCode) {}

  private record RawSourceCode(@JsonProperty("mappings") List<JsonNode> mappings) {}

  private record RawMapping(
      @JsonProperty("path") List<RawPrefix> path,
      @JsonProperty("function_name") List<RawPrefix> functionName,
      @JsonProperty("language") String language,
      @JsonProperty("source") RawSource source) {}

  private record RawPrefix(@JsonProperty("prefix") String prefix) {}

  private record RawSource(@JsonProperty("local") RawLocal local, @JsonProperty("github") RawGitHub github) {}

  private record RawLocal(@JsonProperty("path") String path) {}

  private record RawGitHub(
      @JsonProperty("owner") String owner,
      @JsonProperty("repo") String repo,
      @JsonProperty("ref") String ref,
      @JsonProperty("path") String path) {}
}
