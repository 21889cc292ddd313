package dev.sourcegate.resolve.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VendorModulesTest {
  private static final String TEXT = """
      # github.com/a/b v1.0.0
      ## explicit; go 1.20
      github.com/a/b
      github.com/a/b/sub
      # github.com/c/d v0.3.0 => github.com/fork/d v0.4.0
      ## explicit
      # github.com/e/f v1.0.0 => ../outside/f
      # github.com/g/h => github.com/fork/h v2.0.0
      # github.com/broken
      # github.com/x/y v1 => a b c
      """;

  private final VendorModules modules = VendorModules.parse(TEXT);

  @Test
  void moduleLinesGiveVersionAndReplacement() {
    assertEquals(new GoMod.Target("github.com/a/b", "v1.0.0", null), modules.moduleOf("github.com/a/b/sub").orElseThrow().getValue());
    assertEquals(new GoMod.Target("github.com/fork/d", "v0.4.0", null), modules.moduleOf("github.com/c/d").orElseThrow().getValue());
    // a replacement of every version (no old version) as go mod vendor lists it
    assertEquals(new GoMod.Target("github.com/fork/h", "v2.0.0", null), modules.moduleOf("github.com/g/h/x").orElseThrow().getValue());
  }

  @Test
  void aDirectoryOutsideTheRepositoryIsReadAsNotReplaced() {
    assertEquals(new GoMod.Target("github.com/e/f", "v1.0.0", null), modules.moduleOf("github.com/e/f").orElseThrow().getValue());
  }

  @Test
  void malformedLinesTellNothing() {
    assertTrue(modules.moduleOf("github.com/broken/x").isEmpty());
    assertTrue(modules.moduleOf("github.com/x/y/z").isEmpty());
  }
}
