package dev.sourcegate.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.testkit.FakeGitHub;
import dev.sourcegate.testkit.TestGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared cache, coalescing, revalidation, large files and rate limits, seen from the API. */
@ExtendWith(VertxExtension.class)
class CacheBehaviourTest {
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String REPO = "https://github.com/acme/app";
  private FakeGitHub fake;
  private TestGateway gw;

  private Future<Void> start(Vertx vertx, Map<String, String> extraEnv) {
    fake = new FakeGitHub(vertx);
    fake.token("gho_alice").token("gho_bob")
        .file("acme", "app", SHA, "cmd/main.go", "package main")
        .file("acme", "app", "main", "cmd/main.go", "package main // on main")
        .commit("acme", "app", "main", FakeGitHub.commitJson("acme", "app", SHA, "m", "2026-01-01T00:00:00Z", null))
        .privateRepo("acme", "secret", "gho_alice")
        .file("acme", "secret", SHA, "main.py", "print('secret')");
    return TestGateway.start(vertx, fake, extraEnv, java.time.Clock.systemUTC()).map(g -> {
      gw = g;
      return null;
    });
  }

  @AfterEach
  void stop(VertxTestContext tc) {
    Future<Void> g = gw == null ? Future.succeededFuture() : gw.stop();
    g.compose(v -> fake.stop()).onComplete(tc.succeedingThenComplete());
  }

  private Future<HttpResponse<Buffer>> getFile(String token, String repo, String ref, String path) {
    return gw.call("GetFile", new JsonObject().put("repositoryURL", repo).put("ref", ref).put("localPath", path),
        TestGateway.cookieFor(token));
  }

  /**
   * Completes when the fake has seen a request for path: a background call is awaited as the event it is
   * (checked every 10 ms, 20 s at most), not given a fixed time to land.
   */
  private Future<FakeGitHub.Recorded> arrival(Vertx vertx, String path) {
    Promise<FakeGitHub.Recorded> seen = Promise.promise();
    long until = System.nanoTime() + 20_000_000_000L; // inside the 30 s test timeout
    vertx.setPeriodic(10, id -> {
      java.util.Optional<FakeGitHub.Recorded> r = fake.requests().stream().filter(x -> x.path().equals(path)).findFirst();
      if (r.isPresent() || System.nanoTime() > until) {
        vertx.cancelTimer(id);
        seen.tryComplete(r.orElse(null));
      }
    });
    return seen.future();
  }

  private static String text(HttpResponse<Buffer> res) {
    return new String(Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")));
  }

  @Test
  void warmRequestAsksNothingUpstream(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of())
        .compose(v -> getFile("gho_alice", REPO, SHA, "cmd/main.go"))
        .compose(first -> fake.settled().map(first))
        .compose(first -> {
          tc.verify(() -> assertEquals(200, first.statusCode(), first.bodyAsString()));
          fake.clearRequests();
          return getFile("gho_alice", REPO, SHA, "cmd/main.go");
        })
        .compose(second -> {
          tc.verify(() -> {
            assertEquals(200, second.statusCode());
            assertEquals("package main", text(second));
            assertEquals(List.of(), fake.paths(), "a warm GetFile by commit SHA makes no upstream call");
          });
          return gw.client().get("/metrics").send();
        })
        .onComplete(tc.succeeding(metrics -> tc.verify(() -> {
          assertTrue(metrics.bodyAsString().contains("sourcegate_cache_lookups_total{level=\"resolution\",result=\"hit\"} 1.0"),
              "the second GetFile was answered from the resolution cache");
          tc.completeNow();
        })));
  }

  @Test
  void privateContentIsNotServedFromTheCacheToAnotherUser(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of())
        .compose(v -> getFile("gho_alice", "https://github.com/acme/secret", SHA, "main.py"))
        .compose(first -> fake.settled().map(first))
        .compose(first -> {
          tc.verify(() -> assertEquals(200, first.statusCode(), first.bodyAsString()));
          fake.clearRequests();
          return getFile("gho_bob", "https://github.com/acme/secret", SHA, "main.py");
        })
        .compose(bob -> {
          tc.verify(() -> {
            assertEquals(404, bob.statusCode(), bob.bodyAsString());
            assertTrue(!bob.bodyAsString().contains("secret')"), "no content leaks");
            assertTrue(fake.requests().stream().anyMatch(r -> r.path().equals("/api/repos/acme/secret")
                && "Bearer gho_bob".equals(r.headers().get("Authorization"))), "bob's access was checked with GitHub");
          });
          // bob's misses are re-checked in the background (to remember them): let those land first
          return fake.settled();
        })
        .compose(settled -> {
          fake.clearRequests();
          return getFile("gho_alice", "https://github.com/acme/secret", SHA, "main.py");
        })
        .onComplete(tc.succeeding(alice -> tc.verify(() -> {
          assertEquals(200, alice.statusCode());
          assertEquals(List.of(), fake.requests().stream()
                  .filter(r -> "Bearer gho_alice".equals(r.headers().get("Authorization"))).map(r -> r.path()).toList(),
              "alice's access is remembered: served from the cache");
          tc.completeNow();
        })));
  }

  @Test
  void publicContentIsSharedAcrossUsersAfterOneVisibilityCheck(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of())
        .compose(v -> getFile("gho_alice", REPO, SHA, "cmd/main.go"))
        .compose(v -> getFile("gho_bob", REPO, SHA, "cmd/main.go"))
        .compose(bob -> {
          tc.verify(() -> {
            assertEquals(200, bob.statusCode());
            assertEquals(1, fake.count("/api/repos/acme/app/contents/cmd/main.go"), "bob was served from the cache");
            assertTrue(fake.requests().stream().filter(r -> r.path().equals("/api/repos/acme/app")).count() <= 1,
                "one visibility check at most: " + fake.paths());
          });
          fake.clearRequests();
          return getFile("gho_carol", REPO, SHA, "cmd/main.go");
        })
        .onComplete(tc.succeeding(carol -> tc.verify(() -> {
          assertEquals(200, carol.statusCode());
          assertEquals(List.of(), fake.paths(), "a repository known to be public is shared without asking");
          tc.completeNow();
        })));
  }

  @Test
  void concurrentIdenticalRequestsShareOneUpstreamCall(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of()).compose(v -> {
      fake.delay(300);
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(getFile("gho_alice", REPO, SHA, "cmd/main.go"));
      }
      return Future.all(calls).map(all -> calls);
    }).onComplete(tc.succeeding(calls -> tc.verify(() -> {
      for (Future<HttpResponse<Buffer>> c : calls) {
        assertEquals(200, c.result().statusCode());
      }
      assertEquals(1, fake.count("/api/repos/acme/app/contents/cmd/main.go"), fake.paths().toString());
      tc.completeNow();
    })));
  }

  @Test
  void branchIsResolvedToACommitAndRevalidatedWithEtag(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_REF_TTL_MS", "100"))
        .compose(v -> getFile("gho_alice", REPO, "main", "cmd/main.go"))
        .compose(first -> {
          tc.verify(() -> {
            assertEquals(200, first.statusCode(), first.bodyAsString());
            assertTrue(fake.paths().contains("/api/repos/acme/app/commits/main"), fake.paths().toString());
          });
          Promise<Void> later = Promise.promise();
          vertx.setTimer(250, id -> later.complete());
          return later.future();
        })
        .compose(v -> {
          fake.clearRequests();
          return getFile("gho_alice", REPO, "main", "cmd/main.go");
        })
        .compose(second -> {
          tc.verify(() -> assertEquals(200, second.statusCode()));
          // revalidation runs in the background: wait for it to land
          return arrival(vertx, "/api/repos/acme/app/commits/main");
        })
        .onComplete(tc.succeeding(reval -> tc.verify(() -> {
          assertTrue(reval != null, "the branch was never revalidated: " + fake.paths());
          assertEquals("\"" + SHA + "\"", reval.headers().get("If-None-Match"));
          assertEquals(0, fake.count("/api/repos/acme/app/contents/"), "content keyed by commit is still valid");
          tc.completeNow();
        })));
  }

  @Test
  void filesOverOneMegabyteComeRawAndOverTheLimitAreRefused(Vertx vertx, VertxTestContext tc) {
    byte[] big = new byte[1_500_000];
    new Random(7).nextBytes(big);
    byte[] huge = new byte[2_500_000];
    start(vertx, Map.of("SOURCEGATE_MAX_FILE_BYTES", "2000000"))
        .compose(v -> {
          fake.file("acme", "app", SHA, "big.bin", big).file("acme", "app", SHA, "huge.bin", huge);
          return getFile("gho_alice", REPO, SHA, "big.bin");
        })
        .compose(res -> {
          tc.verify(() -> {
            assertEquals(200, res.statusCode(), res.bodyAsString());
            assertArrayEquals(big, Base64.getDecoder().decode(res.bodyAsJsonObject().getString("content")));
            assertTrue(fake.requests().stream().anyMatch(r -> r.path().endsWith("/big.bin")
                && r.headers().get("Accept").contains("raw")), "fetched through the raw media type");
          });
          return getFile("gho_alice", REPO, SHA, "huge.bin");
        })
        .onComplete(tc.succeeding(res -> tc.verify(() -> {
          assertEquals(429, res.statusCode(), res.bodyAsString());
          assertTrue(res.bodyAsJsonObject().getString("message").contains("larger than the limit of 2000000 bytes"));
          tc.completeNow();
        })));
  }

  @Test
  void rateLimitedTokenIsNotUsedBeforeTheResetButTheCacheStillAnswers(Vertx vertx, VertxTestContext tc) {
    long reset = System.currentTimeMillis() / 1000 + 3600;
    start(vertx, Map.of())
        .compose(v -> getFile("gho_alice", REPO, SHA, "cmd/main.go"))
        .compose(v -> {
          fake.intercept(ctx -> {
            if (ctx.request().path().contains("/contents/other")) {
              ctx.response().setStatusCode(403).putHeader("X-RateLimit-Remaining", "0")
                  .putHeader("X-RateLimit-Reset", String.valueOf(reset))
                  .end("{\"message\":\"API rate limit exceeded\"}");
              return true;
            }
            return false;
          });
          return getFile("gho_alice", REPO, SHA, "other.go");
        })
        .compose(limited -> {
          tc.verify(() -> {
            assertEquals(429, limited.statusCode(), limited.bodyAsString());
            assertEquals("resource_exhausted", limited.bodyAsJsonObject().getString("code"));
            assertTrue(limited.bodyAsJsonObject().getString("message").contains(java.time.Instant.ofEpochSecond(reset).toString()),
                limited.bodyAsString());
          });
          fake.clearRequests();
          return getFile("gho_alice", REPO, SHA, "another.go");
        })
        .compose(again -> {
          tc.verify(() -> {
            assertEquals(429, again.statusCode());
            assertEquals(List.of(), fake.paths(), "no call with a limited token before the reset");
          });
          return getFile("gho_alice", REPO, SHA, "cmd/main.go");
        })
        .onComplete(tc.succeeding(cached -> tc.verify(() -> {
          assertEquals(200, cached.statusCode(), "cached answers still flow");
          assertEquals(List.of(), fake.paths());
          tc.completeNow();
        })));
  }

  @Test
  void privateAccessIsRecheckedWithAConditionalRequest(Vertx vertx, VertxTestContext tc) {
    start(vertx, Map.of("SOURCEGATE_ACCESS_TTL_MS", "100"))
        .compose(v -> getFile("gho_bob", "https://github.com/acme/secret", SHA, "main.py"))
        .compose(v -> getFile("gho_alice", "https://github.com/acme/secret", SHA, "main.py"))
        .compose(first -> fake.settled().map(first))
        .compose(first -> {
          tc.verify(() -> assertEquals(200, first.statusCode(), first.bodyAsString()));
          Promise<Void> later = Promise.promise();
          vertx.setTimer(250, id -> later.complete());
          return later.future();
        })
        .compose(v -> getFile("gho_alice", "https://github.com/acme/secret", SHA, "main.py"))
        .compose(v -> {
          Promise<Void> later = Promise.promise();
          vertx.setTimer(250, id -> later.complete());
          return later.future();
        })
        .compose(v -> {
          fake.clearRequests();
          return getFile("gho_alice", "https://github.com/acme/secret", SHA, "main.py");
        })
        .onComplete(tc.succeeding(again -> tc.verify(() -> {
          assertEquals(200, again.statusCode(), again.bodyAsString());
          FakeGitHub.Recorded check = fake.requests().stream().filter(r -> r.path().equals("/api/repos/acme/secret"))
              .findFirst().orElseThrow(() -> new AssertionError("access re-checked after its TTL: " + fake.paths()));
          assertEquals("\"repo-acme-secret\"", check.headers().get("If-None-Match"));
          assertEquals(0, fake.count("/api/repos/acme/secret/contents/"), "content still from the cache");
          tc.completeNow();
        })));
  }

  @Test
  void aCachedAnswerIsServedInEveryEncodingWithoutAskingAgain(Vertx vertx, VertxTestContext tc) {
    Map<String, String> gzip = Map.of("Accept-Encoding", "gzip");
    JsonObject ask = new JsonObject().put("repositoryURL", REPO).put("ref", SHA).put("localPath", "cmd/main.go");
    List<Buffer> gzipped = new ArrayList<>();
    start(vertx, Map.of())
        .compose(v -> gw.call("GetFile", ask, TestGateway.cookieFor("gho_alice")))
        .compose(plain -> fake.settled().map(plain))
        .compose(plain -> {
          tc.verify(() -> assertEquals(200, plain.statusCode(), plain.bodyAsString()));
          fake.clearRequests();
          return gw.call("GetFile", ask, TestGateway.cookieFor("gho_alice"), gzip).compose(first -> {
            gzipped.add(first.body());
            tc.verify(() -> {
              assertEquals("gzip", first.getHeader("Content-Encoding"));
              assertEquals(plain.bodyAsJsonObject(), new JsonObject(gunzip(first.body())));
            });
            return gw.call("GetFile", ask, TestGateway.cookieFor("gho_bob"), gzip);
          });
        })
        .compose(second -> {
          tc.verify(() -> {
            assertEquals(200, second.statusCode());
            assertEquals("gzip", second.getHeader("Content-Encoding"));
            assertEquals(gzipped.get(0), second.body(), "the gzipped body was made once and reused");
          });
          byte[] proto = dev.sourcegate.api.proto.GetFileRequest.newBuilder()
              .setRepositoryURL(REPO).setRef(SHA).setLocalPath("cmd/main.go").build().toByteArray();
          return gw.client().post("/vcs.v1.VCSService/GetFile").putHeader("Content-Type", "application/proto")
              .putHeader("Cookie", dev.sourcegate.auth.SessionCookie.NAME + "=" + TestGateway.cookieFor("gho_alice"))
              .sendBuffer(Buffer.buffer(proto));
        })
        .onComplete(tc.succeeding(binary -> tc.verify(() -> {
          assertEquals(200, binary.statusCode());
          assertEquals("application/proto", binary.getHeader("Content-Type"));
          var file = dev.sourcegate.api.proto.GetFileResponse.parseFrom(binary.body().getBytes());
          assertEquals("package main", new String(Base64.getDecoder().decode(file.getContent())));
          assertEquals(List.of(), fake.paths(), "every encoding came from the cache");
          tc.completeNow();
        })));
  }

  private static String gunzip(Buffer gz) throws java.io.IOException {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.getBytes()))) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
