package dev.sourcegate.bus;

import com.google.protobuf.Message;

/**
 * Answers an RPC from memory when everything it needs is already known (an opened session, a finished
 * answer its caller may read), with no event-bus hop; null when anything is missing, and the RPC then
 * takes the usual way through the verticles, which also report every error. A look-up does no I/O and
 * nothing that can block, so the HTTP verticle asks on its event loop. One instance per event loop.
 */
@FunctionalInterface
public interface KnownAnswers {
  KnownAnswers NONE = (session, request) -> null;

  /** session: the caller's session, already opened and valid (the HTTP verticle found it at admission). */
  Messages.RpcReply find(Messages.Session session, Message request);
}
