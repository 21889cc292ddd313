package dev.sourcegate.fetch.isolation;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** A clock the test moves by hand. */
final class ManualTicker implements LongSupplier {
  private long nanos = TimeUnit.HOURS.toNanos(1);

  @Override
  public long getAsLong() {
    return nanos;
  }

  void advanceMs(long ms) {
    nanos += TimeUnit.MILLISECONDS.toNanos(ms);
  }
}
