package dev.sourcegate.api;

import com.google.protobuf.Message;
import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.bus.Headers;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.KnownSessions;
import dev.sourcegate.bus.Messages.AuthCall;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.bus.Messages.SessionLookup;
import dev.sourcegate.bus.Messages.SourceCall;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.ops.AccessLog;
import dev.sourcegate.ops.GatewayMetrics;
import dev.sourcegate.ops.LoadShedder;
import dev.sourcegate.ops.Readiness;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Speaks Connect (unary, JSON and binary) on one port, next to /healthz, /readyz and /metrics. It knows
 * the protocol and the RPC table only: every RPC is answered by another verticle over the event bus,
 * except one whose answer is already known in full ({@link KnownAnswers}: a warm GetFile of an open
 * session), which is answered on the spot without the round trips.
 *
 * <p>Admission happens on the headers, before any body byte is read: a request whose session cookie
 * opens for its tenant spends that tenant's in-flight budget; any other request (no cookie, an unknown
 * or forged one, a cookie of another tenant) spends the small budget for requests without a session,
 * so that nobody can lock a tenant out by naming it in X-Scope-OrgID. A cookie not opened lately is
 * opened by the auth verticle first, with the request paused. The body then has SOURCEGATE_BODY_TIMEOUT_MS
 * to arrive whatever Connect-Timeout-Ms says, and Connect-Timeout-Ms itself is cut to
 * SOURCEGATE_MAX_REQUEST_TIMEOUT_MS, so a slot is never held for long by a client that sends nothing.
 */
public final class HttpVerticle extends VerticleBase {
  static final String ACCEPT_POST = "application/json, application/proto";
  private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private final Readiness readiness;
  private final Tenancy tenancy;
  private final LoadShedder shedder;
  private final AccessLog accessLog;
  private final ExtraRoutes extraRoutes;
  private final KnownAnswers known;
  private final KnownSessions sessions;
  private final OpsRoutes opsRoutes;
  private final java.util.concurrent.atomic.AtomicInteger openConnections;
  private final Runnable connectionRefused;
  private final GatewayConfig.Admission admission;
  private ConnectionGuard connections;
  private final ChunkedFraming framing = new ChunkedFraming();
  private HttpServer server;
  private BusClient bus;
  private SweptDeadlines.Swept bodyDeadlines;
  private final DecodedRequests decoded = new DecodedRequests();
  private final RecentCookieHeaders cookieHeaders = new RecentCookieHeaders(SessionCookie.NAME);

  /**
   * sessions: cookies opened lately (admission without a hop); openConnections: shared by every instance
   * (the cap is for the port); connectionRefused: told of each connection closed at the cap.
   */
  public HttpVerticle(GatewayConfig config, GatewayMetrics metrics, Readiness readiness, LoadShedder shedder,
      AccessLog accessLog, ExtraRoutes extraRoutes, KnownAnswers known, KnownSessions sessions,
      java.util.concurrent.atomic.AtomicInteger openConnections, Runnable connectionRefused) {
    this.config = config;
    this.metrics = metrics;
    this.readiness = readiness;
    this.tenancy = new Tenancy(config.multitenant());
    this.shedder = shedder;
    this.accessLog = accessLog;
    this.extraRoutes = extraRoutes;
    this.known = known;
    this.sessions = sessions;
    this.openConnections = openConnections;
    this.connectionRefused = connectionRefused;
    this.admission = config.admission();
    this.opsRoutes = new OpsRoutes(readiness, metrics);
  }

  /** Reply header that marks an answer served from the cache while GitHub could not confirm it. */
  public static final String STALE_HEADER = "Sourcegate-Stale";

  @Override
  public Future<?> start() {
    // Responses are gzipped here rather than by Vert.x's compressor: that one sits in every connection's
    // pipeline and looks at every response, while a cached answer can be gzipped once and kept (see
    // EncodedForms). No WebSocket is served, so no WebSocket compression handler either.
    HttpServerOptions options = new HttpServerOptions()
        .setCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxHeaderSize(16 * 1024)
        .setIdleTimeout((int) admission.headerTimeoutMs())
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
    bus = BusClient.of(vertx);
    bodyDeadlines = new SweptDeadlines.Swept(vertx, SweptDeadlines.SWEEP_MS);
    connections = new ConnectionGuard(vertx, openConnections, admission.maxConnections(),
        admission.headerTimeoutMs(), admission.idleTimeoutMs(), connectionRefused);
    server = vertx.createHttpServer(options)
        .connectionHandler(connections::accepted)
        .requestHandler(this::route);
    // a negative port makes every instance of this verticle share one randomly chosen port
    int port = config.port() == 0 ? -1 : config.port();
    return server.listen(port, config.host());
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Stops accepting connections; requests already being served finish (bounded by the timeout). */
  public Future<Void> shutdown(Duration grace) {
    return server.shutdown(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private void route(HttpServerRequest req) {
    if (!connections.requestStarted(req)) {
      return; // its connection was refused at the cap and is being closed
    }
    if (!framing.admit(req)) {
      return; // it came behind a Transfer-Encoding request on the same connection: never read
    }
    String path = req.path();
    Rpc rpc = Rpc.byPath(path);
    if (rpc != null) {
      new Exchange(req, rpc).run();
      return;
    }
    req.response().endHandler(v -> connections.requestEnded(req));
    if (opsRoutes.handle(req)) {
      return;
    }
    if (!path.startsWith(Rpc.SERVICE_PATH) && extraRoutes.handle(req)) {
      return;
    }
    if (path.startsWith(Rpc.SERVICE_PATH)) {
      metrics.recordRequest("unknown", Code.NOT_FOUND.connectName(), Duration.ZERO);
    }
    end(req, req.response().setStatusCode(404).putHeader("Content-Type", "application/json"),
        Buffer.buffer(errorBody(Code.NOT_FOUND, "unknown RPC path")));
  }

  /** Ends the response with this body, gzipped when the client takes gzip (a HEAD or an empty body never is). */
  private static void end(HttpServerRequest req, HttpServerResponse res, Buffer body) {
    end(req, res, body, ConnectHeaders.acceptsGzip(req.getHeader("Accept-Encoding")));
  }

  private static void end(HttpServerRequest req, HttpServerResponse res, Buffer body, boolean gzip) {
    if (gzip && body.length() > 0 && req.method() != HttpMethod.HEAD) {
      gzipped(res).end(Gzip.deflate(body));
    } else {
      res.end(body);
    }
  }

  /** The headers of a gzipped answer. */
  private static HttpServerResponse gzipped(HttpServerResponse res) {
    return res.putHeader("Content-Encoding", "gzip").putHeader("Vary", "Accept-Encoding");
  }

  static String errorBody(Code code, String message) {
    return new JsonObject().put("code", code.connectName()).put("message", message).encode();
  }

  /** Which in-flight budget an exchange spends, once admitted. */
  private enum Budget { NONE, SESSION, UNAUTHENTICATED }

  /** One RPC from its first byte to its answer; it answers exactly once, whichever comes first. */
  private final class Exchange extends SweptDeadlines.Waiting {
    private final HttpServerRequest req;
    private final Rpc rpc;
    private final long startNanos = System.nanoTime();
    private final String requestId;
    private ConnectCodec codec;
    private long deadlineTimer = -1;
    private long timeoutMs;
    private boolean answered;
    private boolean left;
    private String tenant;
    private String cookie;
    private Budget budget = Budget.NONE;
    /** The caller's session, once its cookie is known to open for the tenant (at admission). */
    private Session session;
    /** Why the cookie did not open, when the auth verticle was asked at admission and refused it. */
    private Throwable refusal;
    /** The body is abandoned half-read (too large, too slow): an HTTP/1.x connection cannot carry on. */
    private boolean abandonBody;
    private boolean stale;
    private final boolean gzipOut;

    Exchange(HttpServerRequest req, Rpc rpc) {
      this.req = req;
      this.rpc = rpc;
      this.gzipOut = ConnectHeaders.acceptsGzip(req.getHeader("Accept-Encoding"));
      String given = req.getHeader("X-Request-Id");
      this.requestId = given != null && REQUEST_ID.matcher(given).matches() ? given : RequestIds.next();
    }

    void run() {
      metrics.inFlight().incrementAndGet();
      req.response().endHandler(v -> leave());
      req.response().closeHandler(v -> {
        cancelTimer();
        leave();
      });
      if (req.method() != HttpMethod.POST) {
        finishHttp(405, "Allow", "POST");
        return;
      }
      Optional<ConnectCodec> c = ConnectCodec.forContentType(req.getHeader("Content-Type"));
      if (c.isEmpty()) {
        finishHttp(415, "Accept-Post", ACCEPT_POST);
        return;
      }
      codec = c.get();
      boolean gzip;
      try {
        ConnectHeaders.checkProtocolVersion(req.headers());
        // the client's deadline is honoured up to the server's cap: a slot is never promised for longer
        timeoutMs = Math.min(ConnectHeaders.timeoutMillis(req.headers()).orElse(config.requestTimeoutMs()),
            admission.maxRequestTimeoutMs());
        gzip = ConnectHeaders.gzipped(req.headers());
        tenant = tenancy.tenantOf(req.getHeader(Tenancy.HEADER));
      } catch (RpcException e) {
        fail(e);
        return;
      }
      long deadline = System.currentTimeMillis() + timeoutMs;
      String lengthHeader = req.getHeader("Content-Length");
      if (lengthHeader != null && ConnectHeaders.digits(lengthHeader) && Long.parseLong(lengthHeader) > config.maxRequestBytes()) {
        abandonBody = true;
        fail(tooLarge());
        return;
      }
      cookie = cookie();
      Future<Buffer> received = readBody();
      received.onComplete(ar -> {
        bodyDeadlines.remove(this);
        if (answered) {
          return; // e.g. the body came after its deadline had been answered: nothing left to do
        }
        if (ar.failed()) {
          fail(ar.cause());
          return;
        }
        try {
          Buffer body = gzip ? Gzip.inflate(ar.result(), config.maxRequestBytes()) : ar.result();
          Message request = decoded.decode(rpc, codec, body);
          if (deadline - System.currentTimeMillis() <= 0) {
            // as the event-bus way would: no time left is deadline_exceeded, known answer or not
            fail(deadlineExceeded());
            return;
          }
          RpcReply hit = knownAnswer(request);
          if (hit != null) {
            succeed(hit);
            return;
          }
          armDeadline(deadline);
          CallContext ctx = new CallContext(tenant, requestId, deadline);
          dispatch(ctx, request).onComplete(reply -> {
            if (reply.succeeded()) {
              succeed(reply.result());
            } else {
              fail(reply.cause());
            }
          });
        } catch (RuntimeException e) {
          fail(e);
        }
      });
      if (!answered && !received.isComplete()) {
        // the body is still on its way (it usually follows in the same read): it has the body timeout or
        // the Connect deadline, whichever is shorter, checked by the verticle's sweep, not a timer each
        bodyDeadlines.add(this, startNanos + TimeUnit.MILLISECONDS.toNanos(bodyWaitMs()));
      }
      admit(deadline);
    }

    /** How long the body may take: the body timeout, or the whole deadline when that is shorter. */
    private long bodyWaitMs() {
      return Math.min(timeoutMs, admission.bodyTimeoutMs());
    }

    /**
     * Spends the budget the request is entitled to, on its headers alone. A cookie opened lately is
     * known here without a hop; another cookie is opened by the auth verticle, the body paused meanwhile
     * (the slot it will spend is not yet known, and bytes not read cost nothing).
     */
    private void admit(long deadline) {
      if (answered) {
        return;
      }
      if (cookie == null) {
        enter(Budget.UNAUTHENTICATED);
        return;
      }
      session = sessions.known(tenant, cookie);
      if (session != null) {
        enter(Budget.SESSION);
        return;
      }
      req.pause();
      long until = Math.min(deadline, System.currentTimeMillis() + bodyWaitMs());
      CallContext ctx = new CallContext(tenant, requestId, until);
      bus.<Session>call(Addresses.AUTH_SESSION, new SessionLookup(ctx, cookie), ctx).onComplete(ar -> {
        if (left) {
          return; // gone: no slot to take, nothing to read
        }
        if (!answered) { // not answered meanwhile (by the body deadline)
          if (ar.succeeded()) {
            session = ar.result();
            enter(Budget.SESSION);
          } else {
            refusal = ar.cause();
            enter(Budget.UNAUTHENTICATED);
          }
        }
        // read on: the body of a refused or late request is drained, not kept (an HTTP/2 stream left
        // paused would hold its share of the connection's flow-control window)
        req.resume();
      });
    }

    private void enter(Budget b) {
      try {
        if (b == Budget.SESSION) {
          shedder.enter(tenant);
        } else {
          shedder.enterUnauthenticated();
        }
        budget = b;
      } catch (RpcException e) {
        fail(e);
      }
    }

    /** The answer already known for this request, or null; a failure to find one is only a miss. */
    private RpcReply knownAnswer(Message request) {
      if (session == null) {
        return null;
      }
      try {
        return known.find(session, request);
      } catch (RuntimeException e) {
        return null;
      }
    }

    @Override
    void expired() {
      if (admission.bodyTimeoutMs() < timeoutMs) {
        abandonBody = true;
        fail(new RpcException(Code.DEADLINE_EXCEEDED, "request body not received within "
            + admission.bodyTimeoutMs() + " ms (SOURCEGATE_BODY_TIMEOUT_MS)"));
      } else {
        abandonBody = true;
        fail(deadlineExceeded());
      }
    }

    private RpcException deadlineExceeded() {
      return new RpcException(Code.DEADLINE_EXCEEDED, "deadline of " + timeoutMs + " ms exceeded");
    }

    /** Starts the exact deadline timer, once, when the exchange waits for another verticle. */
    private void armDeadline(long deadline) {
      if (deadlineTimer < 0 && !answered) {
        long left = Math.max(1, deadline - System.currentTimeMillis());
        deadlineTimer = vertx.setTimer(left, id -> fail(deadlineExceeded()));
      }
    }

    private RpcException tooLarge() {
      return new RpcException(Code.RESOURCE_EXHAUSTED,
          "request body exceeds the limit of " + config.maxRequestBytes() + " bytes");
    }

    /** Collects the body but stops keeping bytes past the limit. */
    private Future<Buffer> readBody() {
      io.vertx.core.Promise<Buffer> promise = io.vertx.core.Promise.promise();
      Buffer body = Buffer.buffer();
      boolean[] over = {false};
      req.handler(chunk -> {
        if (over[0] || answered) {
          return; // answered already (refused, or too late): the rest is drained, not kept
        }
        if (body.length() + chunk.length() > config.maxRequestBytes()) {
          over[0] = true;
          promise.tryFail(tooLarge());
        } else {
          body.appendBuffer(chunk);
        }
      });
      req.exceptionHandler(e -> {
        if (e instanceof io.netty.handler.codec.DecoderException || e instanceof IllegalArgumentException) {
          // the body's framing is broken, e.g. Content-Length with Transfer-Encoding: Netty drops the length
          // and reads chunks (RFC 9112 6.3) that are not there. Nothing after it can be framed
          abandonBody = true;
          promise.tryFail(RpcException.invalidArgument("request body is not valid chunked encoding"
              + " (a request must not carry both Content-Length and Transfer-Encoding)"));
        } else {
          promise.tryFail(new RpcException(Code.CANCELED, "request was not received in full"));
        }
      });
      req.endHandler(v -> promise.tryComplete(body));
      return promise.future();
    }

    private Future<RpcReply> dispatch(CallContext ctx, Message request) {
      if (rpc.route() == Rpc.Route.AUTH) {
        return bus.<RpcReply>exchange(Addresses.AUTH_RPC, new AuthCall(ctx, cookie, request), ctx).map(this::response);
      }
      if (session != null) {
        // opened at admission: the look-up is not made twice
        return bus.<RpcReply>exchange(Addresses.RESOLVER_RPC, new SourceCall(ctx, session, request), ctx).map(this::response);
      }
      if (refusal != null) {
        return Future.failedFuture(refusal);
      }
      return bus.<Session>call(Addresses.AUTH_SESSION, new SessionLookup(ctx, cookie), ctx)
          .compose(s -> bus.<RpcReply>exchange(Addresses.RESOLVER_RPC, new SourceCall(ctx, s, request), ctx))
          .map(this::response);
    }

    private RpcReply response(io.vertx.core.eventbus.Message<RpcReply> reply) {
      stale = BusClient.stale(reply);
      return reply.body();
    }

    private String cookie() {
      return cookieHeaders.value(req.getHeader(io.vertx.core.http.HttpHeaders.COOKIE));
    }

    private void succeed(RpcReply reply) {
      if (!begin()) {
        return;
      }
      Message response = reply.response();
      Buffer body;
      if (reply.encoded() == null) {
        body = codec.encode(response);
        body = gzipOut ? Gzip.deflate(body) : body;
      } else {
        // a cached answer: its bodies are made once, plain and gzipped, and reused
        body = reply.encoded().get(codec.contentType(), () -> codec.encode(response));
        if (gzipOut) {
          Buffer plainBody = body;
          body = reply.encoded().get(codec.contentType() + ";gzip", () -> Gzip.deflate(plainBody));
        }
      }
      HttpServerResponse res = req.response();
      if (stale) {
        res.putHeader(STALE_HEADER, "served from cache; GitHub could not confirm the ref");
      }
      if (gzipOut) {
        gzipped(res);
      }
      res.setStatusCode(200).putHeader("Content-Type", codec.contentType()).end(body);
      record("ok", 200);
    }

    private void fail(Throwable failure) {
      if (!begin()) {
        return;
      }
      RpcException e = BusFailures.toRpc(failure);
      HttpServerResponse res = req.response();
      res.setStatusCode(e.code().httpStatus()).putHeader("Content-Type", "application/json");
      if (e.code() == Code.RESOURCE_EXHAUSTED && e.getMessage().startsWith("request body exceeds")) {
        abandonBody = true;
      }
      if (abandonBody && req.version() != HttpVersion.HTTP_2) {
        // the rest of the body is not worth reading, and an HTTP/1.x connection cannot skip it. HTTP/2
        // forbids connection headers (RFC 9113 8.2.2): there the stream alone ends with the answer
        res.putHeader("Connection", "close");
      }
      end(req, res, Buffer.buffer(errorBody(e.code(), e.getMessage())), gzipOut);
      record(e.code().connectName(), e.code().httpStatus());
    }

    private void finishHttp(int status, String header, String value) {
      if (!begin()) {
        return;
      }
      req.response().setStatusCode(status).putHeader(header, value).end();
      record(status == 405 ? "method_not_allowed" : "unsupported_media_type", status);
    }

    private boolean begin() {
      if (answered || req.response().ended() || req.response().closed()) {
        return false;
      }
      answered = true;
      bodyDeadlines.remove(this);
      cancelTimer();
      req.response().putHeader("X-Request-Id", requestId);
      return true;
    }

    /** Counts the exchange out once, whether the response ended or the connection went away. */
    private void leave() {
      if (!left) {
        left = true;
        bodyDeadlines.remove(this);
        metrics.inFlight().decrementAndGet();
        if (budget == Budget.SESSION) {
          shedder.exit(tenant);
        } else if (budget == Budget.UNAUTHENTICATED) {
          shedder.exitUnauthenticated();
        }
        connections.requestEnded(req);
      }
    }

    private void cancelTimer() {
      if (deadlineTimer >= 0) {
        vertx.cancelTimer(deadlineTimer);
        deadlineTimer = -1;
      }
    }

    private void record(String code, int status) {
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      metrics.recordRequest(rpc.method(), code, took);
      accessLog.log(tenant, requestId, rpc.method(), code, status, took.toNanos() / 1e6, stale);
    }
  }
}
