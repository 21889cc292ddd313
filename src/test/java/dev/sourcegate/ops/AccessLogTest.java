package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One JSON line per RPC with tenant and request id, written off the caller's thread. The writer thread's
 * output is awaited (bounded far beyond any machine's slowness), never guessed with a sleep.
 */
class AccessLogTest {
  /** The lines of the batches the writer hands over, once `count` of them arrived (30 s at most). */
  private static List<String> awaitLines(LinkedBlockingQueue<String> batches, int count) throws InterruptedException {
    List<String> lines = new java.util.ArrayList<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lines.size() < count) {
      String batch = batches.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (batch == null) {
        break;
      }
      batch.lines().forEach(lines::add);
    }
    return lines;
  }

  @Test
  void linesCarryTheRpcAndNeverBlockTheCaller() throws Exception {
    LinkedBlockingQueue<String> written = new LinkedBlockingQueue<>();
    AccessLog log = new AccessLog(true, written::add);
    log.log("tenant-a", "req-1", "GetFile", "ok", 200, 1.25, false);
    log.log("tenant-b", "req-2", "GetCommit", "not_found", 404, 3.5, true);
    List<String> lines = awaitLines(written, 2);
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
    LinkedBlockingQueue<String> written = new LinkedBlockingQueue<>();
    AccessLog log = new AccessLog(true, written::add);
    log.log("evil\",\"code\":\"ok\n", "id\u0000", "GetFile", "not_found", 404, 0.5, false);
    List<String> lines = awaitLines(written, 1);
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
    // nothing queued and no writer thread started: nothing can be written later either, so no wait
    assertEquals(0, log.pending());
    assertTrue(written.isEmpty());
  }

  @Test
  void aLineCarriesTheTimeItWasLoggedNotTheTimeItWasWritten() throws Exception {
    // the writer formats lines later, on its own thread: the time must be the request's, taken when logged
    java.util.concurrent.CountDownLatch firstBatchHeld = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    LinkedBlockingQueue<String> written = new LinkedBlockingQueue<>();
    AccessLog log = new AccessLog(true, batch -> {
      written.add(batch);
      if (firstBatchHeld.getCount() > 0) {
        firstBatchHeld.countDown();
        try {
          release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    log.log("t", "first", "GetFile", "ok", 200, 1, false);
    assertTrue(firstBatchHeld.await(10, java.util.concurrent.TimeUnit.SECONDS));
    log.log("t", "second", "GetFile", "ok", 200, 1, false); // queued while the writer is held
    long loggedBy = System.currentTimeMillis();
    // hold the writer until the clock has moved on: a time taken at writing would then be later
    long until = loggedBy + 20;
    while (System.currentTimeMillis() < until) {
      Thread.onSpinWait();
    }
    release.countDown();
    List<String> lines = awaitLines(written, 2);
    JsonObject second = new JsonObject(lines.get(1));
    assertEquals("second", second.getString("requestId"));
    long ts = java.time.Instant.parse(second.getString("ts")).toEpochMilli();
    assertTrue(ts <= loggedBy, "logged by " + loggedBy + ", stamped " + ts);
  }

  /** What a PrintStream was given, as bytes, once it holds `lines` line breaks (30 s at most). */
  private static byte[] awaitBytes(java.io.ByteArrayOutputStream out, int lines) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      byte[] bytes;
      synchronized (out) {
        bytes = out.toByteArray();
      }
      int breaks = 0;
      for (byte b : bytes) {
        breaks += b == '\n' ? 1 : 0;
      }
      if (breaks >= lines || System.nanoTime() > until) {
        return bytes;
      }
      Thread.sleep(5);
    }
  }

  @Test
  void aPrintStreamGetsEachLineEndedAndNonAsciiInItsOwnCharset() throws Exception {
    // ISO-8859-1 writes u-umlaut as the one byte 0xFC where UTF-8 would write two: a batch written as
    // bytes must still be encoded by the stream's charset as soon as it holds anything but ASCII
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(bytes, false, java.nio.charset.StandardCharsets.ISO_8859_1);
    AccessLog log = new AccessLog(true, out);
    log.log("plain", "req-1", "GetFile", "ok", 200, 1, false);
    List<String> ascii = new String(awaitBytes(bytes, 1), java.nio.charset.StandardCharsets.ISO_8859_1).lines().toList();
    assertEquals(1, ascii.size(), ascii.toString());
    assertEquals("plain", new JsonObject(ascii.get(0)).getString("tenant"));
    log.log("z\u00fcrich", "req-2", "GetFile", "ok", 200, 1, false);
    byte[] all = awaitBytes(bytes, 2);
    assertEquals('\n', all[all.length - 1]);
    List<String> lines = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("z\u00fcrich", new JsonObject(lines.get(1)).getString("tenant"));
    int fc = 0;
    for (byte b : all) {
      fc += (b & 0xFF) == 0xFC ? 1 : 0;
    }
    assertEquals(1, fc, "u-umlaut written as ISO-8859-1's one byte");
  }
}
