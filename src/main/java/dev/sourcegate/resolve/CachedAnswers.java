package dev.sourcegate.resolve;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.rpc.RpcException;

/**
 * A GetFile the resolver has answered before, for a caller whose session is already open and who is
 * known to be allowed to read every repository the answer came from: the same checks as the resolver's
 * own cache look-up (same key, same access rule), made on the HTTP verticle's loop so that a warm click
 * costs no event-bus round trip. Anything else (a cookie not opened lately, a miss, an invalid request,
 * another method) answers null and goes the usual way.
 */
public final class CachedAnswers implements KnownAnswers {
  /** The session of a cookie already opened and still valid, or null; it must never decrypt or block. */
  @FunctionalInterface
  public interface OpenSessions {
    Session known(String tenant, String sessionCookie);
  }

  private final OpenSessions sessions;
  private final ResolutionCache resolutions;
  private final AccessCheck access;
  private final GetFileKeys keys;

  /** keys: this instance's own (it is not thread-safe); the rest is shared. */
  public CachedAnswers(OpenSessions sessions, ResolutionCache resolutions, AccessCheck access, GetFileKeys keys) {
    this.sessions = sessions;
    this.resolutions = resolutions;
    this.access = access;
    this.keys = keys;
  }

  @Override
  public RpcReply find(String tenant, String sessionCookie, Message request) {
    if (!(request instanceof GetFileRequest r)) {
      return null;
    }
    Session session = sessions.known(tenant, sessionCookie);
    if (session == null) {
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
