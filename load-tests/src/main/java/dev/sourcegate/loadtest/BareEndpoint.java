package dev.sourcegate.loadtest;

import dev.sourcegate.loadtest.DataSet.FileRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * The ceiling: a bare Vert.x HTTP server with as many event loops as the gateway's HTTP verticle (one per
 * core). Any POST is read in full and answered with one fixed JSON body shaped and sized like a typical
 * GetFile answer ({"content": base64 of the median-sized hot file, "URL": its GitHub page}); no cookie
 * check, no routing, no upstream. GET /readyz answers 200. Options: {@code --port P} (default: a free port),
 * {@code --port-file F}, {@code --instances N} (default: available processors).
 */
public final class BareEndpoint {

  static final class Server extends VerticleBase {
    private final Buffer body;
    private final int port;
    private HttpServer server;

    Server(Buffer body, int port) {
      this.body = body;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(120)).requestHandler(this::handle);
      return server.listen(port == 0 ? -1 : port, "127.0.0.1");
    }

    private void handle(HttpServerRequest req) {
      if (req.method() == HttpMethod.POST) {
        req.body().onComplete(ar -> req.response()
            .putHeader("Content-Type", "application/json")
            .end(body));
      } else if (req.path().equals("/readyz")) {
        req.response().end("ok\n");
      } else {
        req.response().setStatusCode(405).putHeader("Allow", "POST").end();
      }
    }
  }

  /** The JSON the bare endpoint answers: what the gateway answers for the hot file of median size. */
  static Buffer typicalGetFileAnswer() {
    DataSet d = DataSet.get();
    int median = d.medianHotFileSize();
    FileRequest closest = d.hotRequests().get(0);
    for (FileRequest r : d.hotRequests()) {
      DataSet.Repo repo = d.repos().get(r.expectRepo().substring(DataSet.OWNER.length() + 1));
      if (d.content(repo, r.expectPath(), r.expectSha()).length == median) {
        closest = r;
        break;
      }
    }
    DataSet.Repo repo = d.repos().get(closest.expectRepo().substring(DataSet.OWNER.length() + 1));
    byte[] bytes = d.content(repo, closest.expectPath(), closest.expectSha());
    return new JsonObject()
        .put("content", Base64.getEncoder().encodeToString(bytes))
        .put("URL", repo.url() + "/blob/" + closest.ref() + "/" + closest.expectPath())
        .toBuffer();
  }

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    int instances = (int) a.longOpt("--instances", Runtime.getRuntime().availableProcessors());
    int port = (int) a.longOpt("--port", 0);
    Buffer body = typicalGetFileAnswer();
    Vertx vertx = Vertx.vertx();
    java.util.List<Server> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> {
      Server s = new Server(body, port);
      servers.add(s);
      return s;
    }, new DeploymentOptions().setInstances(instances)).await();
    int actual = servers.get(0).server.actualPort();
    System.out.println("bare endpoint listening on 127.0.0.1:" + actual + " (" + instances
        + " event loops, answer " + body.length() + " bytes)");
    a.writePortFile(actual);
  }
}
