package dev.sourcegate.api;

import com.google.protobuf.Message;
import dev.sourcegate.auth.SessionCookie;
import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.BusFailures;
import dev.sourcegate.bus.Code;
import dev.sourcegate.bus.KnownAnswers;
import dev.sourcegate.bus.Messages.AuthCall;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.bus.Messages.SessionLookup;
import dev.sourcegate.bus.Messages.SourceCall;
import dev.sourcegate.bus.RpcException;
import dev.sourcegate.config.GatewayConfig;
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
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * Speaks Connect (unary, JSON and binary) on one port, next to /healthz, /readyz and /metrics. It knows
 * the protocol and the RPC table only: every RPC is answered by another verticle over the event bus,
 * except one whose answer is already known in full ({@link KnownAnswers}: a warm GetFile of an open
 * session), which is answered on the spot without the round trips.
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
  private HttpServer server;
  private BusClient bus;
  private final BodyDeadlines bodyDeadlines = new BodyDeadlines();
  private final DecodedRequests decoded = new DecodedRequests();
  private final RecentCookieHeaders cookieHeaders = new RecentCookieHeaders(SessionCookie.NAME);
  /** The pending sweep of bodyDeadlines, or -1: armed while some body is awaited, not per request. */
  private long sweepTimer = -1;

  public HttpVerticle(GatewayConfig config, GatewayMetrics metrics, Readiness readiness, LoadShedder shedder,
      AccessLog accessLog, ExtraRoutes extraRoutes, KnownAnswers known) {
    this.config = config;
    this.metrics = metrics;
    this.readiness = readiness;
    this.tenancy = new Tenancy(config.multitenant());
    this.shedder = shedder;
    this.accessLog = accessLog;
    this.extraRoutes = extraRoutes;
    this.known = known;
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
        .setIdleTimeout(120);
    bus = BusClient.of(vertx);
    server = vertx.createHttpServer(options).requestHandler(this::route);
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

  private void awaitBody(BodyDeadlines.Waiting exchange, long deadlineNanos) {
    bodyDeadlines.add(exchange, deadlineNanos);
    if (sweepTimer < 0) {
      scheduleSweep();
    }
  }

  /** One timer per sweep period while bodies are awaited, none when none is. */
  private void scheduleSweep() {
    sweepTimer = vertx.setTimer(BodyDeadlines.SWEEP_MS, id -> {
      sweepTimer = -1;
      bodyDeadlines.sweep(System.nanoTime());
      if (bodyDeadlines.size() > 0) {
        scheduleSweep();
      }
    });
  }

  private void route(HttpServerRequest req) {
    String path = req.path();
    Rpc rpc = Rpc.byPath(path);
    if (rpc != null) {
      new Exchange(req, rpc).run();
      return;
    }
    HttpServerResponse res = req.response();
    boolean get = req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD;
    switch (path) {
      case "/healthz" -> plain(req, get ? 200 : 405, "ok\n");
      case "/readyz" -> plain(req, get ? (readiness.isReady() ? 200 : 503) : 405,
          readiness.isReady() ? "ready\n" : "not ready\n");
      case "/metrics" -> {
        if (get) {
          end(req, res.putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
              Buffer.buffer(metrics.scrape()));
        } else {
          plain(req, 405, "");
        }
      }
      default -> {
        if (!path.startsWith(Rpc.SERVICE_PATH) && extraRoutes.handle(req)) {
          return;
        }
        if (path.startsWith(Rpc.SERVICE_PATH)) {
          metrics.recordRequest("unknown", Code.NOT_FOUND.connectName(), Duration.ZERO);
        }
        end(req, req.response().setStatusCode(404).putHeader("Content-Type", "application/json"),
            Buffer.buffer(errorBody(Code.NOT_FOUND, "unknown RPC path")));
      }
    }
  }

  private static void plain(HttpServerRequest req, int status, String body) {
    HttpServerResponse res = req.response();
    if (status == 405) {
      res.putHeader("Allow", "GET");
    }
    end(req, res.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8"), Buffer.buffer(body));
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

  /** One RPC from its first byte to its answer; it answers exactly once, whichever comes first. */
  private final class Exchange extends BodyDeadlines.Waiting {
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
    private boolean admitted;
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
        timeoutMs = ConnectHeaders.timeoutMillis(req.headers()).orElse(config.requestTimeoutMs());
        gzip = ConnectHeaders.gzipped(req.headers());
        tenant = tenancy.tenantOf(req.getHeader(Tenancy.HEADER));
        shedder.enter(tenant);
        admitted = true;
      } catch (RpcException e) {
        fail(e);
        return;
      }
      long deadline = System.currentTimeMillis() + timeoutMs;
      String lengthHeader = req.getHeader("Content-Length");
      if (lengthHeader != null && ConnectHeaders.digits(lengthHeader) && Long.parseLong(lengthHeader) > config.maxRequestBytes()) {
        fail(tooLarge());
        return;
      }
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
          String cookie = cookie();
          RpcReply hit = knownAnswer(cookie, request);
          if (hit != null) {
            succeed(hit);
            return;
          }
          armDeadline(deadline);
          CallContext ctx = new CallContext(tenant, requestId, deadline);
          dispatch(ctx, request, cookie).onComplete(reply -> {
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
        // the body is still on its way (it usually follows in the same read): the deadline covers its
        // reading too, checked by the verticle's sweep rather than a timer per request
        awaitBody(this, startNanos + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMs));
      }
    }

    /** The answer already known for this request, or null; a failure to find one is only a miss. */
    private RpcReply knownAnswer(String cookie, Message request) {
      try {
        return known.find(tenant, cookie, request);
      } catch (RuntimeException e) {
        return null;
      }
    }

    @Override
    void bodyTooLate() {
      fail(deadlineExceeded());
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
        if (over[0]) {
          return;
        }
        if (body.length() + chunk.length() > config.maxRequestBytes()) {
          over[0] = true;
          promise.tryFail(tooLarge());
        } else {
          body.appendBuffer(chunk);
        }
      });
      req.exceptionHandler(e -> promise.tryFail(new RpcException(Code.CANCELED, "request was not received in full")));
      req.endHandler(v -> promise.tryComplete(body));
      return promise.future();
    }

    private Future<RpcReply> dispatch(CallContext ctx, Message request, String cookie) {
      if (rpc.route() == Rpc.Route.AUTH) {
        return bus.<RpcReply>exchange(Addresses.AUTH_RPC, new AuthCall(ctx, cookie, request), ctx).map(this::response);
      }
      return bus.<Session>call(Addresses.AUTH_SESSION, new SessionLookup(ctx, cookie), ctx)
          .compose(session -> bus.<RpcReply>exchange(Addresses.RESOLVER_RPC, new SourceCall(ctx, session, request), ctx))
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
        // the rest of an oversized body is not worth reading
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
        if (admitted) {
          shedder.exit(tenant);
        }
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
