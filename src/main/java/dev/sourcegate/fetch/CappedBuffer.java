package dev.sourcegate.fetch;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Collects a response body but fails as soon as it grows past a limit, so a huge or endless answer
 * costs at most the limit in memory.
 */
final class CappedBuffer implements WriteStream<Buffer> {
  private final Buffer buffer = Buffer.buffer();
  private final int limit;
  private final String what;

  CappedBuffer(int limit, String what) {
    this.limit = limit;
    this.what = what;
  }

  /** The body went past the limit: told apart from a rate limit, which has the same code. */
  static final class Overflow extends RpcException {
    Overflow(String message) {
      super(Code.RESOURCE_EXHAUSTED, message);
    }
  }

  Buffer buffer() {
    return buffer;
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (buffer.length() + data.length() > limit) {
      return Future.failedFuture(new Overflow(what + " is larger than the limit of " + limit + " bytes"));
    }
    buffer.appendBuffer(data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  @Override
  public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
    return this;
  }
}
