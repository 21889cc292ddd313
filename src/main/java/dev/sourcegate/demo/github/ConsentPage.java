package dev.sourcegate.demo.github;

import static dev.sourcegate.demo.github.Answers.esc;

/** The simulated GitHub's HTML: the consent page of the OAuth app and the frame every page shares. */
final class ConsentPage {
  private ConsentPage() {}

  /** The consent card: who is signed in, what the app may read, Authorize and Cancel. */
  static String card(OAuthApp app, String redirect, String state, String cancel) {
    return """
        <div class="card">
          <div class="logos" aria-hidden="true"><span class="logo">sg</span><span class="dots">&middot;&middot;&middot;</span><span class="logo gh">GH</span></div>
          <h1>Authorize %s</h1>
          <p class="who">Signed in to the <strong>simulated GitHub</strong> as <strong>demo-user</strong>.</p>
          <ul>
            <li>Read the demo repositories <code>demo/shop</code> and <code>demo/kit</code></li>
            <li>Nothing leaves this machine: this GitHub lives inside the gateway's process</li>
          </ul>
          <form method="post" action="/login/oauth/authorize">
            <input type="hidden" name="client_id" value="%s">
            <input type="hidden" name="redirect_uri" value="%s">
            <input type="hidden" name="state" value="%s">
            <button type="submit" id="authorize" data-testid="authorize">Authorize %s</button>
          </form>
          <p class="cancel"><a href="%s" data-testid="cancel">Cancel</a></p>
          <p class="small">Authorizing will redirect to <code>%s</code></p>
        </div>
        """.formatted(esc(app.name()), esc(app.clientId()), esc(redirect), esc(state), esc(app.name()),
        esc(cancel), esc(redirect));
  }

  static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · Simulated GitHub</title>
        <style>
          body { margin: 0; font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: #f6f8fa; color: #1f2328; }
          header { background: #24292f; color: #fff; padding: 14px 24px; font-weight: 600; }
          header small { font-weight: 400; opacity: .75; margin-left: 8px; }
          .card { max-width: 460px; margin: 40px auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 24px 28px; }
          h1 { font-size: 22px; font-weight: 500; text-align: center; margin: 8px 0 16px; }
          .logos { display: flex; justify-content: center; align-items: center; gap: 12px; }
          .logo { display: inline-flex; width: 56px; height: 56px; border-radius: 50%%; align-items: center; justify-content: center;
                  background: #8250df; color: #fff; font-weight: 700; font-size: 20px; }
          .logo.gh { background: #24292f; }
          .dots { color: #8c959f; font-size: 22px; letter-spacing: 2px; }
          .who { text-align: center; color: #59636e; }
          ul { padding-left: 20px; }
          button { width: 100%%; padding: 10px; font-size: 15px; font-weight: 600; color: #fff; background: #1f883d;
                   border: 1px solid rgba(31,35,40,.15); border-radius: 6px; cursor: pointer; }
          button:hover { background: #1a7f37; }
          .cancel { text-align: center; }
          .small { font-size: 12px; color: #59636e; text-align: center; word-break: break-all; }
          code { font-size: 13px; }
        </style>
        </head>
        <body>
        <header>Simulated GitHub <small>part of the sourcegate demo</small></header>
        <main>%s</main>
        </body>
        </html>
        """.formatted(esc(title), body);
  }

}
