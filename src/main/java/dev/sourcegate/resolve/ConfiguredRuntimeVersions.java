package dev.sourcegate.resolve;

import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.resolve.rules.RuntimeVersionSource;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Runtime versions from configuration alone: the same answer for every repository, read nowhere. The
 * version a repository declares (.ruby-version, Gemfile, Dockerfile) is another source's business; this
 * one is what is left when none says.
 */
final class ConfiguredRuntimeVersions implements RuntimeVersionSource {
  /** SOURCEGATE_DEFAULT_RUBY's default: the Ruby release line most services ran when this was written. */
  static final String DEFAULT_RUBY = "3.3";

  private final Optional<String> ruby;

  /** {@code ruby} empty or blank: no Ruby version is known. */
  ConfiguredRuntimeVersions(String ruby) {
    this.ruby = Optional.ofNullable(ruby).map(String::trim).filter(v -> !v.isEmpty());
  }

  @Override
  public Future<Optional<String>> ruby(ResolveContext ctx) {
    return Future.succeededFuture(ruby);
  }
}
