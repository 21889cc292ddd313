package dev.sourcegate.demo.github;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The simulated GitHub's repositories, found by owner/name without regard to case, as GitHub does. */
public final class RepositoryStore {
  private final Map<String, SimRepository> repos = new ConcurrentHashMap<>();
  private volatile boolean everyRepositoryExists;

  /**
   * Whether a repository never mentioned exists (public, empty) rather than answering 404: tests that
   * script only what they read need the access check of any repository to pass.
   */
  public RepositoryStore everyRepositoryExists(boolean exists) {
    this.everyRepositoryExists = exists;
    return this;
  }

  /** owner/name, created (public, no files) on first mention. */
  public SimRepository repository(String owner, String name) {
    return repos.computeIfAbsent(key(owner, name), k -> new SimRepository(owner, name));
  }

  public Optional<SimRepository> find(String owner, String name) {
    return everyRepositoryExists ? Optional.of(repository(owner, name)) : Optional.ofNullable(repos.get(key(owner, name)));
  }

  private static String key(String owner, String name) {
    return (owner + "/" + name).toLowerCase(Locale.ROOT);
  }
}
