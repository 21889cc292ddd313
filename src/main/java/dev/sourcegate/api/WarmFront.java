package dev.sourcegate.api;

import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;

/**
 * The warm route: an answer already known in full for an admitted session (a GetFile the resolver
 * answered before, made by the resolver's own code; see resolve.CachedAnswers), given with no event-bus
 * hop. Everything it cannot answer takes the verticles, which also give every error, so a failure to
 * find an answer is only a miss. Off (KnownAnswers.NONE) when SOURCEGATE_WARM_ANSWERS is false.
 */
final class WarmFront {
  private final KnownAnswers known;

  WarmFront(KnownAnswers known) {
    this.known = known;
  }

  /** The known answer, or null. Answers in memory are never stale: a stale one is never kept. */
  AnswerWriter.Answer find(Session session, DecodedRequests.Decoded request) {
    if (session == null) {
      return null;
    }
    try {
      RpcReply reply = known.find(session, request.request(), request.memo());
      return reply == null ? null : new AnswerWriter.Answer(reply, false);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
