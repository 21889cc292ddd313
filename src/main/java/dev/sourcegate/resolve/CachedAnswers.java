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

  /**
   * What a request's bytes alone decide (its check and cache key: the same bytes always give the same),
   * and the resolution they found last, kept in the memo of those bytes. The resolution is only reused
   * while the cache holds it, and only to a caller known to be allowed to read all it came from (the last
   * one found so, until that knowledge ends; any other is looked up, see ResolutionCache.Recent).
   */
  private record Remembered(GetFileKeys.Checked checked, ResolutionCache.Recent recent) {}

  @Override
  public RpcReply find(Session session, Message request, Memo memo) {
    if (!(request instanceof GetFileRequest r) || session == null) {
      return null;
    }
    Remembered remembered;
    if (memo.get() instanceof Remembered known) {
      remembered = known;
    } else {
      try {
        remembered = new Remembered(answers.check(r), new ResolutionCache.Recent());
      } catch (RpcException e) {
        // the resolver refuses it again, with the message and metrics of the usual way
        return null;
      }
      memo.set(remembered);
    }
    return answers.knownBeforeResolver(remembered.checked(), session, remembered.recent());
  }
}
