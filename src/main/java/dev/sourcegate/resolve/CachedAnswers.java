package dev.sourcegate.resolve;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.bus.RpcException;

/**
 * A GetFile the resolver has answered before, for a caller whose session is already open and who is
 * known to be allowed to read every repository the answer came from: the same checks as the resolver's
 * own cache look-up (same key, same access rule), made on the HTTP verticle's loop so that a warm click
 * costs no event-bus round trip. The session is the one the HTTP verticle admitted the request with (a
 * cookie opened lately, looked up once per request). Anything else (no such session, a miss, an invalid
 * request, another method) answers null and goes the usual way.
 */
public final class CachedAnswers implements KnownAnswers {
  private final ResolutionCache resolutions;
  private final AccessCheck access;
  private final GetFileKeys keys;

  /** keys: this instance's own (it is not thread-safe); the rest is shared. */
  public CachedAnswers(ResolutionCache resolutions, AccessCheck access, GetFileKeys keys) {
    this.resolutions = resolutions;
    this.access = access;
    this.keys = keys;
  }

  @Override
  public RpcReply find(Session session, Message request) {
    if (!(request instanceof GetFileRequest r) || session == null) {
      return null;
    }
    ResolutionCache.Key key;
    try {
      key = keys.check(r).key();
    } catch (RpcException e) {
      // the resolver refuses it again, with the message and metrics of the usual way
      return null;
    }
    ResolutionCache.Resolution known = resolutions.find(key, session.tokenHash(), access);
    return known == null ? null : new RpcReply(known.answer(), known.encoded());
  }
}
