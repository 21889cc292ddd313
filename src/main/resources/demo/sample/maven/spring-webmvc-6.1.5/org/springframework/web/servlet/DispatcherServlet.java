// demo stand-in of org/springframework/web/servlet/DispatcherServlet.java from spring-webmvc-6.1.5-sources.jar:
// the demo's simulated Maven repository serves this file, so the demo runs offline; with SOURCEGATE_MAVEN_URL
// left at https://repo1.maven.org/maven2 the gateway reads the real one.
package org.springframework.web.servlet;

import java.util.List;

/** The front controller of Spring's web framework: hands each request to the handler that maps it. */
public class DispatcherServlet {
  private final List<HandlerMapping> handlerMappings;

  public DispatcherServlet(List<HandlerMapping> handlerMappings) {
    this.handlerMappings = handlerMappings;
  }

  protected void doDispatch(Request request, Response response) throws Exception {
    Handler handler = handlerFor(request);
    if (handler == null) {
      response.sendError(404);
      return;
    }
    handler.handle(request, response);
  }

  private Handler handlerFor(Request request) {
    for (HandlerMapping mapping : handlerMappings) {
      Handler handler = mapping.handlerFor(request);
      if (handler != null) {
        return handler;
      }
    }
    return null;
  }

  /** What the stand-in needs of the rest of the framework. */
  public interface HandlerMapping {
    Handler handlerFor(Request request);
  }

  public interface Handler {
    void handle(Request request, Response response) throws Exception;
  }

  public interface Request {}

  public interface Response {
    void sendError(int status);
  }
}
