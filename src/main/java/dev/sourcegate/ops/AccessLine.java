package dev.sourcegate.ops;

/**
 * One request's access-log line as its fields, queued by an event loop and formatted by the writer thread.
 * The time is the request's, taken when it was logged.
 */
record AccessLine(long epochMillis, String tenant, String requestId, String method, String code, int status,
    double durationMs, boolean stale) {}
