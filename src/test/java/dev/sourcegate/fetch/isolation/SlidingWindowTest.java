package dev.sourcegate.fetch.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {
  @Test
  void countsFallOutBucketByBucket() {
    ManualTicker clock = new ManualTicker();
    SlidingWindow w = new SlidingWindow(TimeUnit.SECONDS.toNanos(10), 10, 2);
    w.add(clock.getAsLong(), 0, 3);
    clock.advanceMs(5_000);
    w.add(clock.getAsLong(), 0, 2);
    w.add(clock.getAsLong(), 1, 7);
    assertEquals(5, w.sum(clock.getAsLong(), 0));
    assertEquals(7, w.sum(clock.getAsLong(), 1));
    clock.advanceMs(5_500);
    assertEquals(2, w.sum(clock.getAsLong(), 0), "the first 3 are over 10 s old");
    clock.advanceMs(5_000);
    assertEquals(0, w.sum(clock.getAsLong(), 0));
    w.add(clock.getAsLong(), 0, 1);
    w.clear();
    assertEquals(0, w.sum(clock.getAsLong(), 0));
  }

  @Test
  void aBucketReusedAfterAFullTurnStartsFromZero() {
    ManualTicker clock = new ManualTicker();
    SlidingWindow w = new SlidingWindow(TimeUnit.SECONDS.toNanos(1), 4, 1);
    w.add(clock.getAsLong(), 0, 9);
    clock.advanceMs(1_000);
    w.add(clock.getAsLong(), 0, 1);
    assertEquals(1, w.sum(clock.getAsLong(), 0));
  }
}
