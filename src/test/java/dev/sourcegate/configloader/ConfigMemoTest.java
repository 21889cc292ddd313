package dev.sourcegate.configloader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.bus.Addresses;
import dev.sourcegate.bus.BusClient;
import dev.sourcegate.bus.BusServer;
import dev.sourcegate.bus.LocalRecordCodec;
import dev.sourcegate.bus.Messages.CallContext;
import dev.sourcegate.bus.Messages.ConfigQuery;
import dev.sourcegate.bus.Messages.ConfigReply;
import dev.sourcegate.bus.Messages.FetchRequest;
import dev.sourcegate.bus.Messages.FetchedFile;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.settings.SettingsLoader;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The config-loader's memo is keyed by what names the bytes (repository, commit, path), never by the
 * identity of the fetcher's answer: a stub fetcher answers a new instance every time and changes the
 * bytes behind an unchanged commit, which only a memo keyed by the commit would not see.
 */
@ExtendWith(VertxExtension.class)
class ConfigMemoTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String ONE = "version: v1\nsource_code:\n  mappings:\n"
      + "    - path:\n        - prefix: a\n      language: go\n      source:\n        local: { path: x }\n";
  private static final String TWO = ONE
      + "    - path:\n        - prefix: b\n      language: go\n      source:\n        local: { path: y }\n";

  /** What the stub fetcher answers next: the file's text and the version it says it was read at. */
  private volatile String text = ONE;
  private volatile String version = SHA;

  private final class StubFetcher extends VerticleBase {
    @Override
    public Future<?> start() {
      return BusServer.serve(vertx, Addresses.FETCH, (FetchRequest q) -> Future.succeededFuture(
          new FetchedFile(new SourceFile(text.getBytes(StandardCharsets.UTF_8), "u"), version)));
    }
  }

  @Test
  void aConfigIsParsedOncePerCommitAndEveryTimeWhenReadAtARefName(Vertx vertx, VertxTestContext tc) {
    LocalRecordCodec.registerAll(vertx);
    BusClient bus = BusClient.of(vertx);
    vertx.deployVerticle(new StubFetcher())
        .compose(id -> vertx.deployVerticle(new ConfigLoaderVerticle(SettingsLoader.load(Map.of()))))
        .compose(id -> mappings(bus))
        .compose(first -> {
          tc.verify(() -> assertEquals(1, first));
          text = TWO;
          return mappings(bus);
        })
        .compose(sameCommit -> {
          tc.verify(() -> assertEquals(1, sameCommit, "the same commit's file is not parsed again"));
          version = "ref:main";
          return mappings(bus);
        })
        .compose(byName -> {
          tc.verify(() -> assertEquals(2, byName, "a file read at a ref's name is parsed each time"));
          version = "fedcba9876543210fedcba9876543210fedcba98";
          return mappings(bus);
        })
        .onComplete(tc.succeeding(otherCommit -> tc.verify(() -> {
          assertEquals(2, otherCommit, "another commit is another file");
          tc.completeNow();
        })));
  }

  private static Future<Integer> mappings(BusClient bus) {
    CallContext ctx = new CallContext("t", "r", System.currentTimeMillis() + 10_000);
    ConfigQuery q = new ConfigQuery(ctx, Session.of("gho_x"), RepoRef.github("acme", "app"), "main", "");
    return bus.<ConfigReply>call(Addresses.CONFIG_LOAD, q, ctx).map(r -> r.config().mappings().size());
  }
}
