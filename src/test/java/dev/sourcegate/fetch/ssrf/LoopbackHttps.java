package dev.sourcegate.fetch.ssrf;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fakes for the SSRF guard, all on 127.0.0.1: an https server with a self-signed certificate
 * for {@value #NAME} that counts TCP connections and records what it was asked, a plain TCP listener
 * that only counts connections, and a fake DNS that counts look-ups.
 */
public final class LoopbackHttps {
  /** The name the certificate is for; the fake DNS maps it to 127.0.0.1. */
  public static final String NAME = "vanity.test";

  /** One request as the server saw it. */
  public record Seen(String uri, String host, String sni) {}

  private final Vertx vertx;
  /** Made once: generating a key pair is slow. */
  private static final SelfSignedCertificate CERT = SelfSignedCertificate.create(NAME);
  public final AtomicInteger connections = new AtomicInteger();
  public final List<Seen> requests = new CopyOnWriteArrayList<>();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private HttpServer server;
  private int port;

  private static boolean warm;

  /**
   * Pays the JVM's one-time TLS costs (trust store loading, cipher-suite and EC class initialisation,
   * first handshake) on the calling test thread with a throwaway Vertx, so that a test's own event
   * loop is not reported as blocked by them (BlockedThreadGuard).
   */
  public static synchronized void warmUp() {
    if (warm) {
      return;
    }
    Vertx vertx = Vertx.vertx();
    try {
      LoopbackHttps fake = new LoopbackHttps(vertx);
      fake.start().compose(f -> {
        SafeHttpsClient client = new SafeHttpsClient(vertx,
            new SafeResolver(vertx, new FakeDns().answer(NAME, "127.0.0.1"), SafeResolver.ANY_ADDRESS),
            new SafeHttpsClient.Settings(f.port(), 10_000, 30_000, 0, f.trust()));
        return client.get("https://" + NAME + "/ok", io.vertx.core.MultiMap.caseInsensitiveMultiMap(), 1 << 20,
                System.currentTimeMillis() + 30_000)
            .eventually(client::close).eventually(fake::stop);
      }).toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
      warm = true;
    } catch (Exception e) {
      throw new IllegalStateException("TLS warm-up failed", e);
    } finally {
      vertx.close();
    }
  }

  public LoopbackHttps(Vertx vertx) {
    this.vertx = vertx;
  }

  public TrustOptions trust() {
    return CERT.trustOptions();
  }

  public int port() {
    return port;
  }

  /** GET path (without query) answers 302 to location. */
  public LoopbackHttps redirect(String path, String location) {
    redirects.put(path, location);
    return this;
  }

  /**
   * Paths: those given to {@link #redirect}; /ok and /ok/... answer a go-import page; /to?url=X
   * redirects to X (raw); /loop redirects to itself; /big answers 600 KiB; /slow never answers; anything else 404.
   */
  public Future<LoopbackHttps> start() {
    server = vertx.createHttpServer(new HttpServerOptions()
        .setHost("127.0.0.1")
        .setPort(0)
        .setSsl(true)
        .setSni(true)
        .setKeyCertOptions(CERT.keyCertOptions()));
    server.connectionHandler(c -> connections.incrementAndGet());
    server.requestHandler(req -> {
      requests.add(new Seen(req.uri(), req.getHeader("Host"), req.connection().indicatedServerName()));
      String path = req.path();
      if (redirects.containsKey(path)) {
        req.response().setStatusCode(302).putHeader("Location", redirects.get(path)).end();
      } else if (path.equals("/ok") || path.startsWith("/ok/")) {
        req.response().putHeader("Content-Type", "text/html").end(
            "<html><head><meta name=\"go-import\" content=\"" + NAME + "/ok git https://github.com/acme/ok\"></head></html>");
      } else if (path.equals("/to")) {
        req.response().setStatusCode(302).putHeader("Location", req.getParam("url")).end("moved");
      } else if (path.equals("/loop")) {
        req.response().setStatusCode(301).putHeader("Location", "/loop").end();
      } else if (path.equals("/big")) {
        req.response().end("x".repeat(600 * 1024));
      } else if (path.equals("/slow")) {
        // never answers
      } else {
        req.response().setStatusCode(404).end("no");
      }
    });
    return server.listen().map(s -> {
      port = s.actualPort();
      return this;
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** A plain TCP listener on 127.0.0.1 that counts connections and closes them. */
  public static Future<NetServer> tcpCounter(Vertx vertx, AtomicInteger connections) {
    return vertx.createNetServer()
        .connectHandler(socket -> {
          connections.incrementAndGet();
          socket.close();
        })
        .listen(0, "127.0.0.1");
  }

  /** A fake DNS: a fixed answer per name (addresses carry the name, as the system resolver's do), counted. */
  public static final class FakeDns implements SafeResolver.Lookup {
    private final Map<String, List<String>> answers = new ConcurrentHashMap<>();
    public final AtomicInteger lookups = new AtomicInteger();

    public FakeDns answer(String name, String... addresses) {
      answers.put(name, List.of(addresses));
      return this;
    }

    @Override
    public InetAddress[] lookup(String host) throws UnknownHostException {
      lookups.incrementAndGet();
      List<String> answer = answers.get(host);
      if (answer == null) {
        throw new UnknownHostException(host);
      }
      InetAddress[] out = new InetAddress[answer.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = AddressPolicyTest.parse(host, answer.get(i));
      }
      return out;
    }
  }

  /** The production check, except that the named hosts may be reached at any address (the test seam). */
  public static SafeResolver.AddressCheck publicOnlyExcept(String... trustedNames) {
    Set<String> trusted = Set.of(trustedNames);
    return (host, address) -> trusted.contains(host) ? Optional.empty() : AddressPolicy.refusal(address);
  }
}
