package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sourcegate.resolve.go.GoStdPackages;
import dev.sourcegate.resolve.rules.FileQuery;
import dev.sourcegate.resolve.rules.RuntimeVersionSource;
import dev.sourcegate.resolve.runtime.RuntimeSources;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.Mapping;
import dev.sourcegate.source.MappingSource;
import dev.sourcegate.source.PyroscopeConfig;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Resolves one request of acme/app at ref r1 over a {@link FakeSourceReader} whose files answer their own
 * key, and checks the file answered or the failure, for the runtime and path-walk rule tests.
 */
final class RulesFixture {
  static final String CONFIG = "config acme/app@r1:";

  final FakeSourceReader reader = new FakeSourceReader();
  private final SourceResolver resolver;

  /** Ruby's version, as the version source answers it (empty: unknown); look-ups one at a time. */
  RulesFixture(Optional<String> rubyVersion) {
    this(rubyVersion, 1);
  }

  RulesFixture(Optional<String> rubyVersion, int window) {
    RuntimeVersionSource versions = ctx -> Future.succeededFuture(rubyVersion);
    this.resolver = new SourceResolver(GoStdPackages.load(), window, RuntimeSources.withDefaultSettings(), versions);
  }

  RulesFixture files(String... keys) {
    for (String k : keys) {
      reader.file(k);
    }
    return this;
  }

  RulesFixture mappings(Mapping... mappings) {
    reader.config(new PyroscopeConfig(List.of(mappings)));
    return this;
  }

  static Mapping github(Language lang, String owner, String repo, String ref, String path, String pathPrefix) {
    return new Mapping(List.of(pathPrefix), List.of(), lang, new MappingSource.GitHub(owner, repo, ref, path));
  }

  Future<SourceFile> resolve(String localPath) {
    Future<SourceFile> f = resolver.resolve(new FileQuery("acme", "app", "r1", localPath, "", ""), reader);
    assertTrue(f.isComplete(), "resolution over completed futures completes at once");
    return f;
  }

  /** The file with key {@code expected} ("owner/repo@ref:path") is the answer. */
  void expectFile(String localPath, String expected) {
    Future<SourceFile> f = resolve(localPath);
    if (f.failed()) {
      fail("expected " + expected + " but failed: " + f.cause() + "; calls " + reader.calls());
    }
    assertEquals(expected, new String(f.result().content(), StandardCharsets.UTF_8), () -> "calls " + reader.calls());
  }

  /** NOT_FOUND whose message contains {@code messagePart}. */
  void expectNotFound(String localPath, String messagePart) {
    Future<SourceFile> f = resolve(localPath);
    if (f.succeeded()) {
      fail("expected NOT_FOUND but got " + new String(f.result().content(), StandardCharsets.UTF_8) + "; calls " + reader.calls());
    }
    RpcException e = assertInstanceOf(RpcException.class, f.cause());
    assertTrue(RpcException.isNotFound(e), e.toString());
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  /** Every upstream call after the .pyroscope.yaml, in order. */
  List<String> reads() {
    List<String> calls = reader.calls();
    assertEquals(CONFIG, calls.get(0));
    return calls.subList(1, calls.size());
  }
}
