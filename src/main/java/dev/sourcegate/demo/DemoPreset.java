package dev.sourcegate.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A ready-made GetFile question for the demo page: what a Grafana front end would send for a function of
 * a profile of the sample shop. The page shows one button per preset; the tests resolve each of them.
 */
public record DemoPreset(String id, String label, String description, String repositoryUrl, String ref, String localPath,
    String rootPath, String functionName) {

  public static final String SHOP_URL = "https://github.com/demo/shop";

  public static final List<DemoPreset> ALL = List.of(
      new DemoPreset("go", "Go file",
          "A function of the Go service; the profile records the path under the module (last-resort rule).",
          SHOP_URL, "main", "github.com/demo/shop/internal/cart/cart.go", "",
          "github.com/demo/shop/internal/cart.(*Cart).Total"),
      new DemoPreset("go-module", "Go module dependency",
          "A file of github.com/demo/kit from the Go module cache; go.mod says which version.",
          SHOP_URL, "main", "/root/go/pkg/mod/github.com/demo/kit@v1.2.0/log/log.go", "",
          "github.com/demo/kit/log.(*Logger).Info"),
      new DemoPreset("python", "Python file",
          "A function of the Python checkout worker (relative path).",
          SHOP_URL, "main", "app/checkout.py", "", "place_order"),
      new DemoPreset("java", "Java function",
          "A JVM function name at tag v1.0.0; .pyroscope.yaml maps com/demo/shop to src/main/java.",
          SHOP_URL, "v1.0.0", "", "", "com/demo/shop/Cart$Item.total"),
      new DemoPreset("jdk", "JDK class",
          "A JDK frame under the Java sales report: no mapping needed; .tool-versions says JDK 21.0.5, so openjdk/jdk21u at jdk-21.0.5-ga.",
          SHOP_URL, "main", "HashMap.java", "", "java/util/HashMap.putVal"),
      new DemoPreset("cpython", "CPython module",
          "A standard-library frame of the Python report as the SDK records it (json/encoder.py): python/cpython at v3.12.4.",
          SHOP_URL, "main", "json/encoder.py", "", "iterencode"),
      new DemoPreset("node", "Node.js core file",
          "A timer callback of the Node storefront (node:internal/timers): nodejs/node lib/internal/timers.js at v20.11.1.",
          SHOP_URL, "main", "node:internal/timers", "", "listOnTimeout"),
      new DemoPreset("express", "npm dependency (express)",
          "An express frame of the Node storefront: web/package-lock.json locks express 4.18.2, read from the npm registry (here the demo's).",
          SHOP_URL, "main", "/usr/src/app/node_modules/express/lib/router/index.js", "web", "handle"),
      new DemoPreset("flask", "Python dependency (Flask)",
          "A Flask frame from site-packages: uv.lock pins flask 3.0.3, so the member is read from that release's wheel on (the simulated) PyPI.",
          SHOP_URL, "main", "/usr/local/lib/python3.12/site-packages/flask/app.py", "", "Flask.full_dispatch_request"),
      new DemoPreset("spring", "Java dependency (Spring)",
          "A Spring frame of the Java sales report: pom.xml imports spring-framework-bom 6.1.5, which sets spring-webmvc's version; the class is read from its sources jar on (the simulated) Maven repository.",
          SHOP_URL, "main", "DispatcherServlet.java", "", "org/springframework/web/servlet/DispatcherServlet.doDispatch"));

  /** As the page reads it (the API's own field names). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("label", label)
        .put("description", description)
        .put("repositoryURL", repositoryUrl)
        .put("ref", ref)
        .put("localPath", localPath)
        .put("rootPath", rootPath)
        .put("functionName", functionName);
  }

  public static JsonArray allAsJson() {
    JsonArray out = new JsonArray();
    ALL.forEach(p -> out.add(p.toJson()));
    return out;
  }
}
