package dev.sourcegate.demo;

import dev.sourcegate.Gateway;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.demo.registries.SimulatedNpm;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.settings.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The gateway with an embedded simulated GitHub ({@link DemoGitHub}) and a page at {@code /} to try it
 * ({@link DemoPage}): what Main starts when SOURCEGATE_DEMO=true or {@code --demo}.
 *
 * <p>Every upstream points at the simulated GitHub, the GitHub App is a demo one (its secret and, unless
 * GITHUB_SESSION_SECRET is set, the session secret are random per start), and the OAuth callback is the
 * page itself, {@code http://localhost:<port>/}. All other settings come from the configuration as usual.
 */
public final class DemoMode {
  public static final String CLIENT_ID = "Iv1.50urc3ga7ed3m0";
  public static final String APP_NAME = "sourcegate demo";

  /** A running demo: the gateway, its simulated GitHub and npm registry, and the page to open. */
  public record Running(Gateway gateway, DemoGitHub github, SimulatedNpm npm, String pageUrl) {
    /** Stops the gateway (gracefully, as Main does on SIGTERM), then the simulated GitHub and registry. */
    public Future<Void> stop() {
      return gateway.stop().eventually(github::stop).eventually(npm::stop);
    }

    public int port() {
      return gateway.port();
    }
  }

  private record Prepared(SampleRepositories repos, SimulatedNpm npm, int port, String clientSecret, String sessionSecret) {}

  private DemoMode() {}

  /**
   * Starts the simulated GitHub, then the gateway pointed at it. env is the environment the configuration
   * is read with (Main passes the process environment; tests pass their own). Blocking work (classpath and
   * configuration reads, choosing a port) runs on a worker thread, so this may be called from anywhere.
   */
  public static Future<Running> start(Vertx vertx, Map<String, String> env, Clock clock) {
    return vertx.executeBlocking(() -> prepare(vertx, env)).compose(prepared -> prepared.npm().start().map(prepared))
        .compose(prepared -> {
      String callback = "http://localhost:" + prepared.port() + "/";
      DemoGitHub github = new DemoGitHub(vertx,
          new DemoGitHub.App(APP_NAME, CLIENT_ID, prepared.clientSecret(), callback), prepared.repos(), clock);
      return github.start().compose(gh -> vertx.executeBlocking(() -> {
        Map<String, String> demoEnv = new HashMap<>(env);
        demoEnv.putAll(overrides(gh, prepared, callback));
        demoEnv.put(Setting.NPM_URL.envName(), prepared.npm().baseUrl());
        GatewayConfig config = SettingsLoader.load(demoEnv);
        DemoPage page = DemoPage.load(gh.baseUrl());
        return new Gateway(vertx, config, clock, page);
      })).compose(Gateway::start)
          .map(gateway -> new Running(gateway, github, prepared.npm(), callback))
          .recover(e -> github.stop().eventually(prepared.npm()::stop).transform(v -> Future.<Running>failedFuture(e)));
    });
  }

  /** The settings demo mode sets, whatever the configuration says. */
  static Map<String, String> overrides(DemoGitHub github, String clientSecret, String sessionSecret, String callback,
      int port) {
    Map<String, String> o = new HashMap<>();
    o.put(Setting.GITHUB_URL.envName(), github.baseUrl());
    o.put(Setting.GITHUB_API_URL.envName(), github.apiUrl());
    // nothing may leave the machine: Go vanity pages and googlesource are asked of the simulated GitHub (404)
    o.put(Setting.GO_GET_URL.envName(), github.baseUrl() + "/go-get");
    o.put(Setting.GOOGLESOURCE_URL.envName(), github.baseUrl() + "/googlesource");
    // dependency frames: the simulated PyPI's stand-in wheels (SamplePackages), and no mirror credentials
    o.put(Setting.PYPI_URL.envName(), github.baseUrl() + SamplePackages.PREFIX);
    o.put(Setting.PYPI_TOKEN.envName(), "");
    // the demo has no gems: a gem frame asks the simulated GitHub (404), never rubygems.org
    o.put(Setting.RUBYGEMS_URL.envName(), github.baseUrl() + "/rubygems");
    o.put(Setting.RUBYGEMS_TOKEN.envName(), "");
    o.put(Setting.MAVEN_URL.envName(), github.baseUrl() + SampleMavenArtifacts.PREFIX);
    o.put(Setting.MAVEN_TOKEN.envName(), "");
    o.put(Setting.GITHUB_CLIENT_ID.envName(), CLIENT_ID);
    o.put(Setting.GITHUB_CLIENT_SECRET.envName(), clientSecret);
    o.put(Setting.GITHUB_SESSION_SECRET.envName(), sessionSecret);
    o.put(Setting.GITHUB_CALLBACK_URL.envName(), callback);
    o.put(Setting.PORT.envName(), String.valueOf(port));
    o.put(Setting.DEMO.envName(), "true");
    return o;
  }

  private static Map<String, String> overrides(DemoGitHub github, Prepared p, String callback) {
    return overrides(github, p.clientSecret(), p.sessionSecret(), callback, p.port());
  }

  private static Prepared prepare(Vertx vertx, Map<String, String> env) {
    GatewayConfig base = SettingsLoader.load(env);
    SampleRepositories repos = SampleRepositories.load();
    // the callback URL names the port, so it must be known before the gateway starts
    int port = base.port() != 0 ? base.port() : freePort(base.host());
    SecureRandom random = new SecureRandom();
    String sessionSecret = base.githubApp().sessionSecret().isEmpty() ? randomHex(random, 32) : base.githubApp().sessionSecret();
    return new Prepared(repos, DemoNpm.registry(vertx), port, randomHex(random, 20), sessionSecret);
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static String randomHex(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
