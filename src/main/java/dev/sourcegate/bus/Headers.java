package dev.sourcegate.bus;

/** Event-bus reply headers: facts about an answer that are not part of the answer itself. */
public final class Headers {
  private Headers() {}

  /** The answer was served from the cache while GitHub could not confirm the ref (stale-if-error). */
  public static final String STALE = "sourcegate-stale";
}
