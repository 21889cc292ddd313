package dev.sourcegate.api;

import com.google.protobuf.Message;
import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.Messages.AuthCall;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.bus.Messages.SessionLookup;
import dev.sourcegate.bus.Messages.SourceCall;
import io.vertx.core.Future;

/** The cold route: hands an RPC to the verticle that answers it, over the event bus. */
final class RpcDispatch {
  private final BusClient bus;

  RpcDispatch(BusClient bus) {
    this.bus = bus;
  }

  /**
   * The login RPCs go to the auth verticle with the cookie; source RPCs to the resolver with the
   * caller's session: the one opened at admission when there is one (the look-up is not made twice),
   * else the auth verticle opens the cookie first.
   */
  Future<AnswerWriter.Answer> send(Rpc rpc, CallContext ctx, String cookie, Admission admission, Message request) {
    if (rpc.route() == Rpc.Route.AUTH) {
      return answer(bus.exchange(Addresses.AUTH_RPC, new AuthCall(ctx, cookie, request), ctx));
    }
    Session session = admission.session();
    if (session != null) {
      return answer(bus.exchange(Addresses.RESOLVER_RPC, new SourceCall(ctx, session, request), ctx));
    }
    if (admission.refusal() != null) {
      return Future.failedFuture(admission.refusal());
    }
    return answer(bus.<Session>call(Addresses.AUTH_SESSION, new SessionLookup(ctx, cookie), ctx)
        .compose(s -> bus.exchange(Addresses.RESOLVER_RPC, new SourceCall(ctx, s, request), ctx)));
  }

  private static Future<AnswerWriter.Answer> answer(Future<io.vertx.core.eventbus.Message<RpcReply>> reply) {
    return reply.map(r -> new AnswerWriter.Answer(r.body(), BusClient.stale(r)));
  }
}
