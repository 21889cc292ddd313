package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
  @Test
  void idsAreDistinctVersion4Uuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      String id = RequestIds.next();
      UUID u = UUID.fromString(id);
      assertEquals(4, u.version(), id);
      assertEquals(2, u.variant(), id);
      assertEquals(36, id.length());
      seen.add(id);
    }
    assertEquals(100_000, seen.size());
  }
}
