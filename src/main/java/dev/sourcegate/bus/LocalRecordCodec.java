package dev.sourcegate.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes an immutable record across the local event bus by reference. The wire methods refuse to work:
 * these messages must never leave the JVM (no clustering), and a silent serialisation would hide that.
 */
public final class LocalRecordCodec<T> implements MessageCodec<T, T> {
  private final String name;

  private LocalRecordCodec(Class<T> type) {
    this.name = "local:" + type.getName();
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new IllegalStateException(name + " is local only");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new IllegalStateException(name + " is local only");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  /** Registers a codec for every record in {@link Messages}; safe to call again on the same Vertx. */
  public static synchronized void registerAll(Vertx vertx) {
    EventBus bus = vertx.eventBus();
    for (Class<?> type : Messages.class.getDeclaredClasses()) {
      if (type.isRecord()) {
        register(bus, type);
      }
    }
    register(bus, HopTracing.Traced.class);
  }

  private static <T> void register(EventBus bus, Class<T> type) {
    try {
      bus.registerDefaultCodec(type, new LocalRecordCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // a second gateway in the same Vertx (tests) shares the first one's codecs
    }
  }
}
