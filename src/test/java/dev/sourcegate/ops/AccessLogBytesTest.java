package dev.sourcegate.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The access log formats its lines as bytes: the text must be exactly what it was when lines were built as
 * strings (fields that need escaping and non-ASCII tenants included), and its bounded queue must drop and
 * count what it cannot hold. The writer's output is awaited with bounded waits, never guessed with a sleep.
 */
class AccessLogBytesTest {
  private static final long WAIT_SECONDS = 30;
  private static final Pattern TS = Pattern.compile("^\\{\"ts\":\"(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z)\"");

  /** A tenant with a quote, a line separator and non-ASCII letters; a request id with a NUL and a backslash. */
  private static final String TENANT = "z\u00fcrich \"\u4e2d\" \u2028 \uD83D\uDE00";
  private static final String REQUEST_ID = "id\u0000\\7";
  /** That line's text after its time, as the string-building access log wrote it. */
  private static final String AFTER_TS = "\",\"type\":\"access\",\"tenant\":\"z\u00fcrich \\\"\u4e2d\\\" \\u2028 \uD83D\uDE00\","
      + "\"requestId\":\"id\\u0000\\\\7\",\"method\":\"GetFile\",\"code\":\"not_found\",\"status\":404,"
      + "\"durationMs\":12.345,\"stale\":true}";

  private static void logTheHostileLine(AccessLog log) {
    log.log(TENANT, REQUEST_ID, "GetFile", "not_found", 404, 12.3449, true);
  }

  /** The line's own time, checked to be ISO, so that the rest can be compared as text. */
  private static String ts(String line) {
    Matcher m = TS.matcher(line);
    assertTrue(m.find(), line);
    java.time.Instant.parse(m.group(1));
    return m.group(1);
  }

  @Test
  void aLineIsTheTextTheStringBuildingLogWrote() {
    LineBatch batch = new LineBatch(16);
    AccessLineFormat format = new AccessLineFormat(batch);
    format.accept(new AccessLine(1764160081042L, TENANT, REQUEST_ID, "GetFile", "not_found", 404, 12.3449, true));
    format.accept(new AccessLine(1764160081999L, null, "req-2", "GetCommit", "ok", 200, 3.0, false));
    String expected = "{\"ts\":\"2025-11-26T12:28:01.042Z" + AFTER_TS + "\n"
        + "{\"ts\":\"2025-11-26T12:28:01.999Z\",\"type\":\"access\",\"tenant\":\"\",\"requestId\":\"req-2\","
        + "\"method\":\"GetCommit\",\"code\":\"ok\",\"status\":200,\"durationMs\":3}\n";
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(batch.array(), batch.length()));
    assertEquals(false, batch.ascii());
  }

  @Test
  void aStringSinkGetsTheSameLine() throws Exception {
    LinkedBlockingQueue<String> batches = new LinkedBlockingQueue<>();
    AccessLog log = new AccessLog(true, batches::add);
    logTheHostileLine(log);
    String line = batches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals("{\"ts\":\"" + ts(line) + AFTER_TS, line);
  }

  /** An output stream that hands over what it holds at every flush (the access log flushes each batch). */
  private static final class FlushedBytes extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final LinkedBlockingQueue<byte[]> flushed = new LinkedBlockingQueue<>();

    @Override
    public void write(int b) {
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
    }

    @Override
    public void flush() {
      flushed.add(bytes.toByteArray());
    }

    /** Everything written, once it holds `lines` line breaks (WAIT_SECONDS at most). */
    byte[] awaitLines(int lines) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      byte[] all = new byte[0];
      while (count(all) < lines) {
        byte[] next = flushed.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) {
          break;
        }
        all = next;
      }
      return all;
    }

    private static int count(byte[] bytes) {
      int breaks = 0;
      for (byte b : bytes) {
        breaks += b == '\n' ? 1 : 0;
      }
      return breaks;
    }
  }

  @Test
  void aUtf8StreamGetsTheLinesBytesInABatchMixingAsciiAndNot() throws Exception {
    FlushedBytes out = new FlushedBytes();
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PrintStream stream = new PrintStream(out, false, StandardCharsets.UTF_8) {
      @Override
      public void flush() {
        super.flush();
        // hold the writer after its first batch, so that the next two lines make one batch
        holdTheFirstBatch(firstHeld, release);
      }
    };
    AccessLog log = new AccessLog(true, stream);
    log.log("t", "first", "GetFile", "ok", 200, 1, false);
    assertTrue(firstHeld.await(WAIT_SECONDS, TimeUnit.SECONDS));
    log.log("plain", "req-2", "GetFile", "ok", 200, 0.5, false);
    // non-ASCII with nothing to escape: copied, not escaped, and still UTF-8
    log.log("z\u00fcrich", "req-3", "GetFile", "ok", 200, 0.5, false);
    logTheHostileLine(log);
    release.countDown();
    byte[] written = out.awaitLines(4);
    String[] lines = new String(written, StandardCharsets.UTF_8).split("\n", -1);
    assertEquals(5, lines.length, Arrays.toString(lines));
    assertEquals("", lines[4], "every line ended by a line break");
    String expected = "{\"ts\":\"" + ts(lines[0]) + "\",\"type\":\"access\",\"tenant\":\"t\",\"requestId\":\"first\","
        + "\"method\":\"GetFile\",\"code\":\"ok\",\"status\":200,\"durationMs\":1}\n"
        + "{\"ts\":\"" + ts(lines[1]) + "\",\"type\":\"access\",\"tenant\":\"plain\",\"requestId\":\"req-2\","
        + "\"method\":\"GetFile\",\"code\":\"ok\",\"status\":200,\"durationMs\":0.5}\n"
        + "{\"ts\":\"" + ts(lines[2]) + "\",\"type\":\"access\",\"tenant\":\"z\u00fcrich\",\"requestId\":\"req-3\","
        + "\"method\":\"GetFile\",\"code\":\"ok\",\"status\":200,\"durationMs\":0.5}\n"
        + "{\"ts\":\"" + ts(lines[3]) + AFTER_TS + "\n";
    assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), written);
  }

  @Test
  void aFullQueueDropsAndCountsWhatItCannotHold() throws Exception {
    LinkedBlockingQueue<String> batches = new LinkedBlockingQueue<>();
    CountDownLatch firstHeld = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AccessLog log = new AccessLog(true, batch -> {
      batches.add(batch);
      holdTheFirstBatch(firstHeld, release);
    });
    log.log("t", "first", "GetFile", "ok", 200, 1, false);
    assertTrue(firstHeld.await(WAIT_SECONDS, TimeUnit.SECONDS));
    // the writer is held with the queue empty: it takes exactly CAPACITY lines, the rest are dropped
    int extra = 3;
    for (int i = 0; i < AccessLog.CAPACITY + extra; i++) {
      log.log("t", "r-" + i, "GetFile", "ok", 200, 1, false);
    }
    assertEquals(extra, log.dropped());
    assertEquals(AccessLog.CAPACITY, log.pending());
    release.countDown();
    List<String> lines = new ArrayList<>();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (lines.size() < 1 + AccessLog.CAPACITY) {
      String batch = batches.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (batch == null) {
        break;
      }
      batch.lines().forEach(lines::add);
    }
    assertEquals(1 + AccessLog.CAPACITY, lines.size());
    assertTrue(lines.get(lines.size() - 1).contains("\"requestId\":\"r-" + (AccessLog.CAPACITY - 1) + "\""),
        lines.get(lines.size() - 1));
    assertEquals(extra, log.dropped());
    assertEquals(0, log.pending());
    // room again once the writer has taken the lines
    log.log("t", "after", "GetFile", "ok", 200, 1, false);
    String after = batches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(after != null && after.contains("\"requestId\":\"after\""), String.valueOf(after));
    assertEquals(extra, log.dropped());
  }

  @Test
  void aBatchTheSinkRefusesIsCountedAsDroppedAndTheWriterGoesOn() throws Exception {
    LinkedBlockingQueue<String> batches = new LinkedBlockingQueue<>();
    AccessLog log = new AccessLog(true, batch -> {
      if (batch.contains("\"requestId\":\"refused\"")) {
        throw new IllegalStateException("stdout closed");
      }
      batches.add(batch);
    });
    log.log("t", "refused", "GetFile", "ok", 200, 1, false);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (log.dropped() == 0 && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertEquals(1, log.dropped());
    log.log("t", "kept", "GetFile", "ok", 200, 1, false);
    String kept = batches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertTrue(kept != null && kept.contains("\"requestId\":\"kept\""), String.valueOf(kept));
  }

  /** On the writer thread: the first time only, says so and waits until released. */
  private static void holdTheFirstBatch(CountDownLatch firstHeld, CountDownLatch release) {
    if (firstHeld.getCount() > 0) {
      firstHeld.countDown();
      try {
        release.await(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
