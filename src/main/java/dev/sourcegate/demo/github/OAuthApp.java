package dev.sourcegate.demo.github;

/** The OAuth application registered with the simulated GitHub: its name, id, secret and callback URL. */
public interface OAuthApp {
  String name();

  String clientId();

  String clientSecret();

  String callbackUrl();
}
