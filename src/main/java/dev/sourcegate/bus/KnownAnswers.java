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
  KnownAnswers NONE = (session, request, memo) -> null;

  /**
   * session: the caller's session, already opened and valid (the HTTP verticle found it at admission);
   * memo: where the look-up may keep what it worked out from this request's exact bytes, for the next
   * request with the same bytes on the same event loop (see {@link Memo}).
   */
  Messages.RpcReply find(Messages.Session session, Message request, Memo memo);

  /** The same, with nothing kept for the next request. */
  default Messages.RpcReply find(Messages.Session session, Message request) {
    return find(session, request, new Memo());
  }

  /**
   * One slot per distinct request body on one event loop, handed back with every request that has those
   * exact bytes (the HTTP verticle keeps it beside the decoded message). The look-up keeps in it what
   * follows from the bytes alone (the checked request and its key) and the answer it found last, so a
   * repeated click skips the look-ups that would find them again. It is only ever touched by the event
   * loop that owns it; what it holds is used only while it still holds (see resolve.CachedAnswers).
   */
  final class Memo {
    private Object value;

    public Object get() {
      return value;
    }

    public void set(Object value) {
      this.value = value;
    }
  }
}
