package dev.sourcegate.api;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Request ids for requests that bring none: random version-4 UUIDs from a per-thread generator. An id
 * only has to be unique enough to find a request in the logs, not unguessable, and UUID.randomUUID draws
 * from one SecureRandom that every event loop would take turns to lock.
 */
final class RequestIds {
  private static final Pattern GIVEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private RequestIds() {}

  /** The X-Request-Id the client gave when it is a plain token of at most 64 characters, else a new one. */
  static String of(String given) {
    return given != null && GIVEN.matcher(given).matches() ? given : next();
  }

  static String next() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;              // version 4
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(msb, lsb).toString();
  }
}
