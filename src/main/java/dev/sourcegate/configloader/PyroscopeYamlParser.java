package dev.sourcegate.configloader;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.PyroscopeConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads and validates a .pyroscope.yaml (docs/resolution.md §2). It never throws: every problem becomes an
 * error line naming where it is (e.g. {@code source_code.mappings[2].language}), and a file with any error
 * yields {@link PyroscopeConfig#EMPTY}. The work is shared out: {@link YamlTextTree} reads the text,
 * {@link PyroscopeFileShape} checks the document's shape, {@link MappingParser} and
 * {@link MappingSourceParser} check each mapping, {@link YamlErrorMessages} words the errors.
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
      return PyroscopeFileShape.validate(YamlTextTree.readFirstDocument(yamlText));
    } catch (YamlTextTree.Unreadable e) {
      return ParseResult.invalid(List.of(e.getMessage()));
    } catch (JsonProcessingException e) {
      return ParseResult.invalid(List.of("not valid YAML: " + YamlErrorMessages.describe(e)));
    } catch (IOException | RuntimeException e) {
      // snakeyaml and Jackson may fail in ways of their own on hostile input; all of it means "unusable".
      return ParseResult.invalid(List.of("not valid YAML: " + YamlErrorMessages.firstLine(e.getMessage())));
    }
  }

  private static ParseResult tooLarge() {
    return ParseResult.invalid(List.of("the file is larger than " + MAX_CHARS + " characters"));
  }
}
