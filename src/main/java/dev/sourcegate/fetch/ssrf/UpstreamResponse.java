package dev.sourcegate.fetch.ssrf;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** An upstream's answer, read in full (within the caller's size limit). */
public record UpstreamResponse(int status, MultiMap headers, Buffer body) {}
