package dev.sourcegate.api;

import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Connect RPC from its first byte to its answer, given exactly once, whichever comes first. The body
 * has SOURCEGATE_BODY_TIMEOUT_MS to arrive whatever Connect-Timeout-Ms says, itself cut to
 * SOURCEGATE_MAX_REQUEST_TIMEOUT_MS, so a slot is never held for long by a client that sends nothing. The
 * warm front answers when it can, else the event bus; {@link AnswerWriter} writes either answer.
 */
final class Exchange extends SweptDeadlines.Waiting implements Admission.Party {
  private final ExchangeServices s;
  private final HttpServerRequest req;
  private final Rpc rpc;
  private final ConnectionGuard.Tracked connection;
  private final long startNanos = System.nanoTime();
  private final String requestId;
  private final boolean gzipOut;
  private ConnectCodec codec;
  private boolean gzipIn;
  private long deadlineTimer = -1;
  private long timeoutMs;
  private boolean answered;
  private boolean left;
  private String tenant;
  private String cookie;
  private Admission admission;
  /** The body is abandoned half-read (too large, too slow): an HTTP/1.x connection cannot carry on. */
  private boolean abandonBody;
  private boolean stale;

  /** connection: the state of the request's connection, given back when the exchange leaves. */
  Exchange(ExchangeServices services, HttpServerRequest req, Rpc rpc, ConnectionGuard.Tracked connection) {
    this.s = services;
    this.req = req;
    this.rpc = rpc;
    this.connection = connection;
    this.gzipOut = ConnectHeaders.acceptsGzip(req.getHeader(HeaderNames.ACCEPT_ENCODING));
    this.requestId = RequestIds.of(req.getHeader(HeaderNames.REQUEST_ID));
  }

  void run() {
    s.metrics().requestEntered();
    req.response().endHandler(v -> leave());
    req.response().closeHandler(v -> {
      cancelTimer();
      leave();
    });
    if (!acceptHeaders()) {
      return;
    }
    long deadline = System.currentTimeMillis() + timeoutMs;
    RecentCookieHeaders.Found found = s.cookieHeaders().find(req.getHeader(HeaderNames.COOKIE));
    cookie = found.value();
    admission = new Admission(s.shedder(), s.sessions(), s.bus(), tenant);
    Future<Buffer> received = BodyReader.read(req, s.config().maxRequestBytes(), () -> answered, () -> abandonBody = true);
    received.onComplete(ar -> received(ar, deadline));
    if (!answered && !received.isComplete()) {
      // the body is still on its way (it usually follows in the same read): it has the body timeout or
      // the Connect deadline, whichever is shorter, checked by the verticle's sweep, not a timer each
      s.bodyDeadlines().add(this, startNanos + TimeUnit.MILLISECONDS.toNanos(bodyWaitMs()));
    }
    long until = Math.min(deadline, System.currentTimeMillis() + bodyWaitMs());
    admission.admit(req, found, new CallContext(tenant, requestId, until), this);
  }

  /** Checks what the headers promise; false when that alone has been answered. */
  private boolean acceptHeaders() {
    if (req.method() != HttpMethod.POST) {
      finishHttp(405, "Allow", "POST");
      return false;
    }
    Optional<ConnectCodec> c = ConnectCodec.forContentType(req.getHeader(HeaderNames.CONTENT_TYPE));
    if (c.isEmpty()) {
      finishHttp(415, "Accept-Post", HttpVerticle.ACCEPT_POST);
      return false;
    }
    codec = c.get();
    try {
      ConnectHeaders.checkProtocolVersion(req.headers());
      // the client's deadline is honoured up to the server's cap: a slot is never promised for longer
      timeoutMs = Math.min(ConnectHeaders.timeoutMillis(req.headers()).orElse(s.config().requestTimeoutMs()),
          s.admission().maxRequestTimeoutMs());
      gzipIn = ConnectHeaders.gzipped(req.headers());
      // single-tenant ignores X-Scope-OrgID: not even looked up
      tenant = s.tenancy().multitenant() ? s.tenancy().tenantOf(req.getHeader(HeaderNames.TENANT)) : Tenancy.ANONYMOUS;
    } catch (RpcException e) {
      fail(e);
      return false;
    }
    if (BodyReader.declaredOver(req, s.config().maxRequestBytes())) {
      abandonBody = true;
      fail(BodyReader.tooLarge(s.config().maxRequestBytes()));
      return false;
    }
    return true;
  }

  private void received(AsyncResult<Buffer> ar, long deadline) {
    s.bodyDeadlines().remove(this);
    if (answered) {
      return; // e.g. the body came after its deadline had been answered: nothing left to do
    }
    if (ar.failed()) {
      fail(ar.cause());
      return;
    }
    try {
      Buffer body = gzipIn ? Gzip.inflate(ar.result(), s.config().maxRequestBytes()) : ar.result();
      answer(s.decoded().decoded(rpc, codec, body), deadline);
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** The warm front's answer when it has one, else the answer of the verticle that serves the RPC. */
  private void answer(DecodedRequests.Decoded decoded, long deadline) {
    if (deadline - System.currentTimeMillis() <= 0) {
      // as the event-bus way would: no time left is deadline_exceeded, known answer or not
      fail(deadlineExceeded());
      return;
    }
    AnswerWriter.Answer warm = s.warm().find(admission.session(), decoded);
    if (warm != null) {
      succeed(warm);
      return;
    }
    armDeadline(deadline);
    s.dispatch().send(rpc, new CallContext(tenant, requestId, deadline), cookie, admission, decoded.request())
        .onComplete(reply -> {
          if (reply.succeeded()) {
            succeed(reply.result());
          } else {
            fail(reply.cause());
          }
        });
  }

  /** How long the body may take: the body timeout, or the whole deadline when that is shorter. */
  private long bodyWaitMs() {
    return Math.min(timeoutMs, s.admission().bodyTimeoutMs());
  }

  @Override
  void expired() {
    abandonBody = true;
    fail(s.admission().bodyTimeoutMs() < timeoutMs ? new RpcException(Code.DEADLINE_EXCEEDED, "request body not"
        + " received within " + s.admission().bodyTimeoutMs() + " ms (SOURCEGATE_BODY_TIMEOUT_MS)") : deadlineExceeded());
  }

  @Override
  public boolean answered() {
    return answered;
  }

  @Override
  public boolean left() {
    return left;
  }

  @Override
  public void refused(RpcException e) {
    fail(e);
  }

  private RpcException deadlineExceeded() {
    return new RpcException(Code.DEADLINE_EXCEEDED, "deadline of " + timeoutMs + " ms exceeded");
  }

  /** Starts the exact deadline timer, once, when the exchange waits for another verticle. */
  private void armDeadline(long deadline) {
    if (deadlineTimer < 0 && !answered) {
      long wait = Math.max(1, deadline - System.currentTimeMillis());
      deadlineTimer = s.vertx().setTimer(wait, id -> fail(deadlineExceeded()));
    }
  }

  private void succeed(AnswerWriter.Answer answer) {
    if (!begin()) {
      return;
    }
    stale = answer.stale();
    AnswerWriter.ok(req, codec, gzipOut, answer);
    record(OkTimers.OK, 200);
  }

  private void fail(Throwable failure) {
    if (!begin()) {
      return;
    }
    RpcException e = BusFailures.toRpc(failure);
    if (e.code() == Code.RESOURCE_EXHAUSTED && e.getMessage().startsWith("request body exceeds")) {
      abandonBody = true;
    }
    AnswerWriter.error(req, e, gzipOut, abandonBody);
    record(e.code().connectName(), e.code().httpStatus());
  }

  private void finishHttp(int status, String header, String value) {
    if (!begin()) {
      return;
    }
    AnswerWriter.bare(req, status, header, value);
    record(status == 405 ? "method_not_allowed" : "unsupported_media_type", status);
  }

  private boolean begin() {
    if (answered || req.response().ended() || req.response().closed()) {
      return false;
    }
    answered = true;
    s.bodyDeadlines().remove(this);
    cancelTimer();
    req.response().putHeader(HeaderNames.REQUEST_ID, requestId);
    return true;
  }

  /** Counts the exchange out once, whether the response ended or the connection went away. */
  private void leave() {
    if (!left) {
      left = true;
      s.bodyDeadlines().remove(this);
      s.metrics().requestLeft();
      if (admission != null) {
        admission.exit();
      }
      s.connections().requestEnded(connection);
    }
  }

  private void cancelTimer() {
    if (deadlineTimer >= 0) {
      s.vertx().cancelTimer(deadlineTimer);
      deadlineTimer = -1;
    }
  }

  private void record(String code, int status) {
    long tookNanos = System.nanoTime() - startNanos;
    s.okTimers().record(rpc, code, tookNanos);
    s.accessLog().log(tenant, requestId, rpc.method(), code, status, tookNanos / 1e6, stale);
  }
}
