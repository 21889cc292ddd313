package dev.sourcegate.loadtest;

import dev.sourcegate.loadtest.DataSet.FileRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The ceiling: a bare Vert.x HTTP server with as many event loops as the gateway's HTTP verticle (one per
 * core) that writes, for every hot GetFile of the data set, the very bytes the gateway writes for it, and
 * does nothing else. Its answers are computed once at start, keyed by the request body's bytes: a POST is
 * read in full and answered with the answer for its body, 404 for a body that is none of
 * {@link DataSet#hotRequests()}. No cookie check, no Connect header check, no JSON parsing, no upstream.
 *
 * <p>Same bytes as the gateway: the body is the gateway's GetFile answer for that request,
 * {"content":BASE64,"URL":"https://github.com/OWNER/REPO/blob/REF/PATH"} in that field order with no
 * spaces, the file being the one the request resolves to (see {@link #answerFor}); the headers are the
 * gateway's three, same names and same sizes: X-Request-Id (every gateway answer carries one, 36
 * characters when the client sent none, as Gatling does not; here a fixed id of that length, so the bare
 * endpoint writes the bytes without the work of drawing an id), Content-Type: application/json, and
 * content-length. So a bare run and a gateway run move the same bytes over the same connections, and the
 * gap between them is the gateway's own work. GET /readyz answers 200.
 *
 * <p>Options: {@code --port P} (default: a free port), {@code --port-file F}, {@code --instances N}
 * (default: available processors).
 */
public final class BareEndpoint {
  /** As long as the version-4 UUID the gateway gives a request that brought no X-Request-Id. */
  static final String REQUEST_ID = "00000000-0000-4000-8000-000000000000";
  private static final CharSequence REQUEST_ID_HEADER = HttpHeaders.createOptimized("X-Request-Id");
  private static final CharSequence REQUEST_ID_VALUE = HttpHeaders.createOptimized(REQUEST_ID);
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  static final class Server extends VerticleBase {
    private final Map<Buffer, Buffer> answers;
    private final int port;
    private HttpServer server;

    /** answers: read-only once built, so every event loop shares the one map. */
    Server(Map<Buffer, Buffer> answers, int port) {
      this.answers = answers;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(120)).requestHandler(this::handle);
      return server.listen(port == 0 ? -1 : port, "127.0.0.1");
    }

    private void handle(HttpServerRequest req) {
      if (req.method() == HttpMethod.POST) {
        req.body().onComplete(ar -> {
          Buffer answer = ar.succeeded() ? answers.get(ar.result()) : null;
          if (answer == null) {
            req.response().setStatusCode(404).end();
            return;
          }
          MultiMap headers = req.response().headers();
          headers.add(REQUEST_ID_HEADER, REQUEST_ID_VALUE).add(CONTENT_TYPE, JSON);
          req.response().end(answer);
        });
      } else if (req.path().equals("/readyz")) {
        req.response().end("ok\n");
      } else {
        req.response().setStatusCode(405).putHeader("Allow", "POST").end();
      }
    }
  }

  /** Every hot request's answer, keyed by the exact bytes of its body (DataSet.FileRequest.json). */
  static Map<Buffer, Buffer> hotAnswers() {
    DataSet d = DataSet.get();
    Map<Buffer, Buffer> answers = new HashMap<>();
    for (FileRequest r : d.hotRequests()) {
      answers.put(Buffer.buffer(r.json().getBytes(StandardCharsets.UTF_8)), Buffer.buffer(answerFor(d, r)));
    }
    return answers;
  }

  /**
   * The gateway's JSON answer to this request, byte for byte: the file expectRepo/expectPath at
   * expectSha, with the URL of that file at the ref the gateway names (see {@link #urlRef}).
   */
  public static String answerFor(DataSet d, FileRequest r) {
    DataSet.Repo repo = d.repos().get(r.expectRepo().substring(DataSet.OWNER.length() + 1));
    byte[] bytes = d.content(repo, r.expectPath(), r.expectSha());
    // base64 and a URL of path characters need no JSON escaping: the quotes are the whole encoding
    return "{\"content\":\"" + Base64.getEncoder().encodeToString(bytes) + "\",\"URL\":\""
        + repo.url() + "/blob/" + urlRef(repo, r) + "/" + r.expectPath() + "\"}";
  }

  /**
   * The request's own ref for a file of the repository asked for; for a file of a Go module the code
   * depends on (another repository), the version go.mod requires, i.e. the tag of that repository that
   * points at expectSha, as the gateway names it.
   */
  static String urlRef(DataSet.Repo repo, FileRequest r) {
    if (repo.url().equals(r.repositoryURL())) {
      return r.ref();
    }
    for (Map.Entry<String, String> tag : repo.tags().entrySet()) {
      if (tag.getValue().equals(r.expectSha())) {
        return tag.getKey();
      }
    }
    throw new IllegalStateException("no tag of " + repo.url() + " points at " + r.expectSha());
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    int instances = (int) a.longOpt("--instances", Runtime.getRuntime().availableProcessors());
    int port = (int) a.longOpt("--port", 0);
    Map<Buffer, Buffer> answers = hotAnswers();
    Vertx vertx = Vertx.vertx();
    java.util.List<Server> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      Server s = new Server(answers, port);
      servers.add(s);
      return s;
    }, new DeploymentOptions().setInstances(instances)).await();
    int actual = servers.get(0).server.actualPort();
    long bytes = answers.values().stream().mapToLong(Buffer::length).sum();
    System.out.println("bare endpoint listening on 127.0.0.1:" + actual + " (" + instances
        + " event loops, " + answers.size() + " answers, " + bytes + " bytes in all)");
    a.writePortFile(actual);
  }
}
