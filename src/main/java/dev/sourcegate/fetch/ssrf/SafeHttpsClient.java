package dev.sourcegate.fetch.ssrf;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * GETs a URL that came from untrusted data (a profile) without letting it reach the gateway's own
 * network. Every hop of the request:
 * <ul>
 *   <li>must be https on the one allowed port (443), with a DNS name as host (see {@link HostNames}):
 *       no IP literal, no user-info, no other port;</li>
 *   <li>is resolved by a {@link SafeResolver}, which refuses the host when any of its addresses is
 *       not public;</li>
 *   <li>connects to the address that was checked, never to the name again, so a second DNS answer
 *       cannot swap in an internal address (rebinding); the Host header, TLS SNI and certificate
 *       hostname verification all use the name;</li>
 *   <li>follows at most {@code maxRedirects} redirects, by hand, each Location (relative ones resolved
 *       against the current URL) checked by the same rules and resolved again.</li>
 * </ul>
 * The body is capped, and the whole chain (DNS look-ups, connections, redirects) is bounded by the
 * caller's deadline and by one upstream timeout. A hop that breaks a rule fails with {@link Refused}.
 *
 * <p>Over 250 lines on purpose: every check a hop goes through sits in this one file, in the order it
 * runs, so that whoever audits the SSRF guard reads one class rather than following a request across
 * several (the rules for names and addresses, which stand alone, are in HostNames and SafeResolver).
 */
public final class SafeHttpsClient {
  /**
   * port is 443 in production (a test seam otherwise); trust is null for the JVM's trust store.
   * timeoutMs bounds the whole chain of hops, connectTimeoutMs each connection and TLS handshake.
   */
  public record Settings(int port, int connectTimeoutMs, int timeoutMs, int maxRedirects, TrustOptions trust) {
    public static Settings production(int connectTimeoutMs, int timeoutMs) {
      return new Settings(443, connectTimeoutMs, timeoutMs, 3, null);
    }
  }

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Vertx vertx;
  private final SafeResolver resolver;
  private final Settings settings;
  private final HttpClientAgent client;

  public SafeHttpsClient(Vertx vertx, SafeResolver resolver, Settings settings) {
    this.vertx = vertx;
    this.resolver = resolver;
    this.settings = settings;
    HttpClientOptions options = new HttpClientOptions()
        .setSsl(true)
        .setVerifyHost(true) // hostname verification against the name in the URL (not the address)
        .setForceSni(true)
        .setUseAlpn(false)
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setConnectTimeout(settings.connectTimeoutMs())
        .setSslHandshakeTimeout(settings.connectTimeoutMs())
        .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS)
        // One connection per hop: a pooled connection is never handed to another name or address.
        .setKeepAlive(false)
        .setDecompressionSupported(true); // the body cap counts decompressed bytes
    if (settings.trust() != null) {
      options.setTrustOptions(settings.trust());
    }
    this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(16));
  }

  /**
   * The final answer (a 200 with its body, or any other status with whatever body it had, within
   * maxBytes), after at most maxRedirects redirects. Fails with {@link Refused} when a hop breaks a
   * rule, with deadline_exceeded, resource_exhausted (body too large) or unavailable.
   */
  public Future<UpstreamResponse> get(String url, MultiMap headers, int maxBytes, long deadlineMillis) {
    long end = Math.min(deadlineMillis, System.currentTimeMillis() + settings.timeoutMs());
    URI first;
    try {
      first = checked(new URI(url));
    } catch (URISyntaxException e) {
      return Future.failedFuture(new Refused("malformed URL"));
    } catch (Refused r) {
      return Future.failedFuture(r);
    }
    return hop(first, headers, maxBytes, end, 0);
  }

  private Future<UpstreamResponse> hop(URI target, MultiMap headers, int maxBytes, long end, int redirects) {
    return resolver.resolve(target.getHost(), end)
        .recover(e -> Future.failedFuture(e instanceof Refused r && redirects > 0
            ? new Refused("redirect to " + target.getHost() + ": " + r.reason()) : e))
        .compose(addresses -> fetch(addresses, 0, target, headers, maxBytes, end))
        .compose(res -> {
          String location = res.headers().get("Location");
          if (!REDIRECTS.contains(res.status()) || location == null) {
            return Future.succeededFuture(res);
          }
          if (redirects >= settings.maxRedirects()) {
            return Future.failedFuture(new Refused("more than " + settings.maxRedirects() + " redirects"));
          }
          URI next;
          try {
            next = checked(resolve(target, location.trim()));
          } catch (Refused r) {
            return Future.failedFuture(new Refused("redirect: " + r.reason()));
          }
          return hop(next, headers, maxBytes, end, redirects + 1);
        });
  }

  /** Tries the checked addresses in order; only a failure to connect moves on to the next one. */
  private Future<UpstreamResponse> fetch(List<InetAddress> addresses, int index, URI target, MultiMap headers,
      int maxBytes, long end) {
    long remaining = end - System.currentTimeMillis();
    if (remaining <= 0) {
      return Future.failedFuture(deadline());
    }
    String path = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        // The TCP peer is the checked address, bare (no host name that could be looked up again) ...
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(addresses.get(index), settings.port())))
        // ... while the authority (Host header, SNI, certificate check) is the name.
        .setHost(target.getHost())
        .setPort(settings.port())
        .setSsl(true)
        .setURI(path)
        .setFollowRedirects(false)
        .setConnectTimeout(Math.min(settings.connectTimeoutMs(), remaining))
        .setIdleTimeout(remaining);
    return client.request(options)
        .timeout(remaining, TimeUnit.MILLISECONDS)
        .transform(ar -> {
          if (ar.succeeded()) {
            return exchange(ar.result(), target, headers, maxBytes, end);
          }
          if (index + 1 < addresses.size() && !(ar.cause() instanceof TimeoutException)) {
            return fetch(addresses, index + 1, target, headers, maxBytes, end);
          }
          return Future.failedFuture(transportFailure(ar.cause(), target.getHost()));
        });
  }

  private Future<UpstreamResponse> exchange(HttpClientRequest request, URI target, MultiMap headers, int maxBytes,
      long end) {
    Promise<UpstreamResponse> answer = Promise.promise();
    long remaining = end - System.currentTimeMillis();
    if (remaining <= 0) {
      request.reset();
      return Future.failedFuture(deadline());
    }
    long timer = vertx.setTimer(remaining, id -> {
      if (answer.tryFail(deadline())) {
        request.reset();
      }
    });
    request.putHeader("User-Agent", "sourcegate");
    request.headers().addAll(headers);
    request.send().onComplete(ar -> {
      if (ar.failed()) {
        answer.tryFail(transportFailure(ar.cause(), target.getHost()));
        return;
      }
      HttpClientResponse res = ar.result();
      res.exceptionHandler(e -> answer.tryFail(transportFailure(e, target.getHost())));
      if (REDIRECTS.contains(res.statusCode())) {
        // The body of a redirect is not wanted: drop the connection rather than read it.
        answer.tryComplete(new UpstreamResponse(res.statusCode(), res.headers(), Buffer.buffer()));
        request.reset();
        return;
      }
      Buffer body = Buffer.buffer();
      res.handler(chunk -> {
        if (body.length() + chunk.length() > maxBytes) {
          if (answer.tryFail(new RpcException(Code.RESOURCE_EXHAUSTED,
              "the upstream answer is larger than the limit of " + maxBytes + " bytes"))) {
            request.reset();
          }
          return;
        }
        body.appendBuffer(chunk);
      });
      res.endHandler(v -> answer.tryComplete(new UpstreamResponse(res.statusCode(), res.headers(), body)));
    });
    return answer.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** An absolute https URL on the allowed port whose host is an acceptable DNS name, or Refused. */
  URI checked(URI uri) {
    if (!uri.isAbsolute() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw new Refused("not an https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new Refused("user-info in the URL");
    }
    if (uri.getHost() == null) {
      throw new Refused("no acceptable host in the URL");
    }
    HostNames.refusal(uri.getHost()).ifPresent(why -> {
      throw new Refused(why);
    });
    if (uri.getPort() != -1 && uri.getPort() != settings.port()) {
      throw new Refused("port " + uri.getPort() + " is not allowed");
    }
    return uri;
  }

  /** A Location header against the URL that answered it (RFC 3986 section 5). */
  private static URI resolve(URI current, String location) {
    try {
      if (location.startsWith("?")) {
        // java.net.URI keeps RFC 2396's rule here (drops the last path segment); RFC 3986 keeps the path.
        String path = current.getRawPath() == null || current.getRawPath().isEmpty() ? "/" : current.getRawPath();
        return new URI(current.getScheme() + "://" + current.getRawAuthority() + path + location);
      }
      return current.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new Refused("malformed Location");
    }
  }

  private static RpcException deadline() {
    return new RpcException(Code.DEADLINE_EXCEEDED, "the upstream did not answer in time");
  }

  /** A TLS failure says more than "could not be reached": the host's certificate did not verify. */
  private static RpcException transportFailure(Throwable e, String host) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new RpcException(Code.UNAVAILABLE, host + " could not be reached over verified TLS");
      }
    }
    return TransportFailures.of(e, host);
  }

  public Future<Void> close() {
    return client.close().eventually(resolver::close);
  }
}
