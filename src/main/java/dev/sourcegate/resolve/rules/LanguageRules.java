package dev.sourcegate.resolve.rules;

import dev.sourcegate.source.Language;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.function.Predicate;

/**
 * One language's resolution rules (docs/resolution.md §4-§7). SourceResolver keeps one per
 * {@link Language} and hands each request to the rules of the language chosen by §3; adding a language is
 * one implementation plus its line in SourceResolver's list.
 */
public interface LanguageRules {

  Language language();

  /** The file these rules find for the request, or a NOT_FOUND that says what was looked for. */
  Future<SourceFile> find(ResolveContext ctx);

  /**
   * Starts, without waiting, reads {@link #find} is likely to make for a path with this language's
   * extension; {@code chosen} tells, once the .pyroscope.yaml is read, whether §3 still picks this
   * language (a mapping may name another). Only reads the rules themselves could make. None by default.
   */
  default void prefetch(FileQuery q, Future<PyroscopeConfig> config, SourceReader reader,
      Predicate<PyroscopeConfig> chosen) {}
}
