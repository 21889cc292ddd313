package dev.sourcegate.resolve;

import com.google.protobuf.Message;
import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.rpc.RpcException;

/**
 * A GetFile the resolver has answered before, for a caller whose session is already open and who is
 * known to be allowed to read every repository the answer came from, answered on the HTTP verticle's
 * loop so that a warm click costs no event-bus round trip. The check, the key, the look-up and the answer
 * are the resolver's own ({@link GetFileAnswers}). The session is the one the HTTP verticle admitted the
 * request with (a cookie opened lately, looked up once per request). Anything else (no such session, a
 * miss, an invalid request, another method) answers null and goes the usual way.
 */
public final class CachedAnswers implements KnownAnswers {
  private final GetFileAnswers answers;

  /** answers: this instance's own (it is not thread-safe). */
  public CachedAnswers(GetFileAnswers answers) {
    this.answers = answers;
  }

  @Override
  public RpcReply find(Session session, Message request) {
    if (!(request instanceof GetFileRequest r) || session == null) {
      return null;
    }
    GetFileKeys.Checked checked;
    try {
      checked = answers.check(r);
    } catch (RpcException e) {
      // the resolver refuses it again, with the message and metrics of the usual way
      return null;
    }
    return answers.knownBeforeResolver(checked, session);
  }
}
