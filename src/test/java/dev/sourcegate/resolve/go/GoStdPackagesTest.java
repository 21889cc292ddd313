package dev.sourcegate.resolve.go;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GoStdPackagesTest {
  @Test
  void loadsTheShippedListOnce() {
    GoStdPackages std = GoStdPackages.load();
    assertSame(std, GoStdPackages.load());
    assertTrue(std.size() > 300, "the whole list is read");
    assertTrue(std.contains("fmt"));
    assertTrue(std.contains("net/http"));
    assertTrue(std.contains("archive/tar"));
    assertFalse(std.contains("github.com/foo/bar"));
    assertFalse(std.contains(""));
  }

  @Test
  void insideAPackage() {
    GoStdPackages std = new GoStdPackages(List.of("runtime", "net/http"));
    assertTrue(std.containsOrIsInside("runtime/internal/atomic"));
    assertTrue(std.containsOrIsInside("net/http"));
    assertFalse(std.containsOrIsInside("net"));
    assertFalse(std.containsOrIsInside("example/runtime"));
    assertFalse(std.containsOrIsInside(""));
    assertEquals(2, std.size());
  }
}
