package dev.sourcegate.ops;

import java.nio.charset.StandardCharsets;
import org.jctools.queues.MessagePassingQueue;

/**
 * Formats access lines straight into the writer's byte batch, each ended by a line break: {"ts":...,
 * "type":"access","tenant":...,"requestId":...,"method":...,"code":...,"status":...,"durationMs":...} with
 * "stale":true when the answer was stale. The constant parts are bytes made once; the fields are copied
 * in one pass each. One instance per writer thread (it caches the current second's text).
 */
final class AccessLineFormat implements MessagePassingQueue.Consumer<AccessLine> {
  private static final byte[] TS = ascii("{\"ts\":\"");
  private static final byte[] TENANT = ascii("\",\"type\":\"access\",\"tenant\":");
  private static final byte[] REQUEST_ID = ascii(",\"requestId\":");
  private static final byte[] METHOD = ascii(",\"method\":");
  private static final byte[] CODE = ascii(",\"code\":");
  private static final byte[] STATUS = ascii(",\"status\":");
  private static final byte[] DURATION = ascii(",\"durationMs\":");
  private static final byte[] STALE = ascii(",\"stale\":true");
  private static final byte[] END = ascii("}\n");

  private final LineBatch out;
  private final JsonText.SecondBytes second = new JsonText.SecondBytes();

  AccessLineFormat(LineBatch out) {
    this.out = out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Appends the line and its line break to the batch. */
  @Override
  public void accept(AccessLine l) {
    out.put(TS);
    JsonText.time(out, l.epochMillis(), second);
    out.put(TENANT);
    JsonText.string(out, l.tenant() == null ? "" : l.tenant());
    out.put(REQUEST_ID);
    JsonText.string(out, l.requestId());
    out.put(METHOD);
    JsonText.string(out, l.method());
    out.put(CODE);
    JsonText.string(out, l.code());
    out.put(STATUS);
    JsonText.integer(out, l.status());
    out.put(DURATION);
    JsonText.millis(out, l.durationMs());
    if (l.stale()) {
      out.put(STALE);
    }
    out.put(END);
  }
}
