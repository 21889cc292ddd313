package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One JSON line per RPC with tenant and request id, written off the caller's thread. */
class AccessLogTest {
  @Test
  void linesCarryTheRpcAndNeverBlockTheCaller() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    AccessLog log = new AccessLog(true, written::add);
    log.log("tenant-a", "req-1", "GetFile", "ok", 200, 1.25, false);
    log.log("tenant-b", "req-2", "GetCommit", "not_found", 404, 3.5, true);
    for (int i = 0; i < 200 && written.stream().mapToLong(b -> b.lines().count()).sum() < 2; i++) {
      Thread.sleep(10);
    }
    List<String> lines = written.stream().flatMap(String::lines).toList();
    assertEquals(2, lines.size(), lines.toString());
    JsonObject first = new JsonObject(lines.get(0));
    assertEquals("access", first.getString("type"));
    assertEquals("tenant-a", first.getString("tenant"));
    assertEquals("req-1", first.getString("requestId"));
    assertEquals("GetFile", first.getString("method"));
    assertEquals("ok", first.getString("code"));
    assertEquals(200, first.getInteger("status"));
    assertFalse(first.containsKey("stale"));
    JsonObject second = new JsonObject(lines.get(1));
    assertTrue(second.getBoolean("stale"));
    assertEquals(404, second.getInteger("status"));
  }

  @Test
  void hostileTenantsAndIdsStayInsideTheirFields() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    AccessLog log = new AccessLog(true, written::add);
    log.log("evil\",\"code\":\"ok\n", "id\u0000", "GetFile", "not_found", 404, 0.5, false);
    for (int i = 0; i < 200 && written.isEmpty(); i++) {
      Thread.sleep(10);
    }
    List<String> lines = written.stream().flatMap(String::lines).toList();
    assertEquals(1, lines.size(), lines.toString());
    JsonObject line = new JsonObject(lines.get(0));
    assertEquals("evil\",\"code\":\"ok\n", line.getString("tenant"));
    assertEquals("id\u0000", line.getString("requestId"));
    assertEquals("not_found", line.getString("code"));
    assertEquals(0.5, line.getDouble("durationMs"));
    java.time.Instant.parse(line.getString("ts"));
  }

  @Test
  void offWritesNothing() throws Exception {
    List<String> written = new CopyOnWriteArrayList<>();
    AccessLog log = new AccessLog(false, written::add);
    log.log("t", "r", "GetFile", "ok", 200, 1, false);
    Thread.sleep(50);
    assertTrue(written.isEmpty());
  }
}
