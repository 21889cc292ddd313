package dev.sourcegate.demo.github;

import static dev.sourcegate.demo.github.Answers.esc;

import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** {@code /avatars/{login}}: a generated SVG avatar, public, so that commit authors have a face in the demo. */
final class Avatars {
  private Avatars() {}

  static void handle(RoutingContext ctx) {
    String login = ctx.pathParam("login");
    if (login == null || !login.matches("[A-Za-z0-9-]{1,39}")) {
      Answers.json(ctx.response(), 404, Answers.notFound());
      return;
    }
    int hue = Math.floorMod(login.hashCode(), 360);
    String initial = login.substring(0, 1).toUpperCase(Locale.ROOT);
    String svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="80" height="80" viewBox="0 0 80 80">
          <rect width="80" height="80" rx="40" fill="hsl(%d,55%%,45%%)"/>
          <text x="40" y="53" font-family="sans-serif" font-size="38" font-weight="bold" fill="#fff" text-anchor="middle">%s</text>
        </svg>
        """.formatted(hue, esc(initial));
    ctx.response().putHeader("Content-Type", "image/svg+xml").putHeader("Cache-Control", "max-age=3600").end(svg);
  }
}
