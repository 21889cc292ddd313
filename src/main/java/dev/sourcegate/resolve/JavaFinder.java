package dev.sourcegate.resolve;

import dev.sourcegate.source.SourceFile;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.resolve.rules.LanguageRules;
import dev.sourcegate.resolve.rules.Lookups;
import dev.sourcegate.resolve.rules.MappingReader;
import dev.sourcegate.resolve.rules.ResolveContext;
import dev.sourcegate.source.Language;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Java (docs/resolution.md §6). JVM profiles name classes, not files, so the file comes from the
 * function name and only mappings say where it is: there is no fallback.
 */
final class JavaFinder implements LanguageRules {
  static final String NO_MAPPING = "no mappings provided, file not resolvable";

  @Override
  public Language language() {
    return Language.JAVA;
  }

  @Override
  public Future<SourceFile> find(ResolveContext ctx) {
    Optional<String> file = sourceFileOf(ctx.query().functionName());
    if (file.isEmpty()) {
      return Future.failedFuture(RpcException.notFound(NO_MAPPING));
    }
    return Lookups.notFoundAs(MappingReader.readWhole(ctx.matches(), file.get(), ctx), NO_MAPPING);
  }

  /**
   * {@code org/example/App$Inner.method} -> {@code org/example/App.java}: in the last "/" segment the
   * top-level class ends at the first "." (method) or "$" (nested or synthetic class).
   *
   * <p>Everything from the first "$" on is dropped before looking for the last "/": a JDK hidden class
   * ({@code org/example/App$$Lambda$12/0x0000000800c03000.apply}) has a "/" after its "$", and its source
   * is still App.java. For every other name this gives the same answer as the plain rule.
   */
  static Optional<String> sourceFileOf(String functionName) {
    if (functionName == null) {
      return Optional.empty();
    }
    int dollar = functionName.indexOf('$');
    String name = dollar < 0 ? functionName : functionName.substring(0, dollar);
    int slash = name.lastIndexOf('/');
    String dirs = name.substring(0, slash + 1);
    String last = name.substring(slash + 1);
    int end = last.length();
    for (int i = 0; i < last.length(); i++) {
      char c = last.charAt(i);
      if (c == '.' || c == '$') {
        end = i;
        break;
      }
    }
    String className = last.substring(0, end);
    return className.isEmpty() ? Optional.empty() : Optional.of(dirs + className + ".java");
  }
}
