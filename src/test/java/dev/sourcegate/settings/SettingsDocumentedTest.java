package dev.sourcegate.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An operator reads the settings in two places, the README's configuration table and
 * conf/sourcegate.yaml; a setting missing from either, or shown there with another default, is a setting
 * nobody can find or one that lies.
 */
class SettingsDocumentedTest {
  private static final Path README = Path.of("README.md");
  private static final Path YAML = Path.of("conf/sourcegate.yaml");

  @Test
  void everySettingHasItsRowInTheReadmeWithItsYamlKeyAndDefault() throws IOException {
    Map<String, String[]> rows = readmeRows();
    List<String> wrong = new ArrayList<>();
    for (Setting s : Setting.values()) {
      String[] row = rows.get(s.envName());
      if (row == null) {
        wrong.add(s.envName() + ": no row");
        continue;
      }
      if (!row[0].equals("`" + s.yamlKey() + "`")) {
        wrong.add(s.envName() + ": yaml key " + row[0] + ", expected `" + s.yamlKey() + "`");
      }
      String shown = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
      if (!row[1].equals(shown)) {
        wrong.add(s.envName() + ": default " + row[1] + ", expected " + shown);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void everySettingIsInTheShippedYamlWithItsDefaultAndAComment() throws IOException {
    String text = Files.readString(YAML);
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(text);
    List<String> wrong = new ArrayList<>();
    for (Setting s : Setting.values()) {
      JsonNode node = root;
      for (String part : s.yamlKey().split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      if (node == null) {
        wrong.add(s.yamlKey() + ": missing");
      } else if (!node.asText().equals(s.defaultValue())) {
        wrong.add(s.yamlKey() + ": " + node.asText() + ", expected " + s.defaultValue());
      }
      if (!text.contains("# " + s.envName())) {
        wrong.add(s.envName() + ": no comment names it");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void theReadmeListsNoSettingThatDoesNotExist() throws IOException {
    List<String> unknown = new ArrayList<>();
    for (String env : readmeRows().keySet()) {
      boolean known = false;
      for (Setting s : Setting.values()) {
        known |= s.envName().equals(env);
      }
      if (!known) {
        unknown.add(env);
      }
    }
    assertTrue(unknown.isEmpty(), "README rows for settings that do not exist: " + unknown);
  }

  /** env name -> [yaml key cell, default cell] of the configuration table. */
  private static Map<String, String[]> readmeRows() throws IOException {
    Map<String, String[]> rows = new TreeMap<>();
    boolean inTable = false;
    for (String line : Files.readAllLines(README)) {
      if (line.startsWith("| Environment | YAML key | Default |")) {
        inTable = true;
        continue;
      }
      if (inTable && !line.startsWith("|")) {
        break;
      }
      if (inTable && line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        rows.put(cells[1].trim().replace("`", ""), new String[] {cells[2].trim(), cells[3].trim()});
      }
    }
    return rows;
  }
}
