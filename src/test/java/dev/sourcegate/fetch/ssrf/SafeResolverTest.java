package dev.sourcegate.fetch.ssrf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SafeResolverTest {
  private static long soon() {
    return System.currentTimeMillis() + 5000;
  }

  @Test
  void theSystemResolversLoopbackAnswerForLocalhostIsRefused(Vertx vertx, VertxTestContext tc) {
    // /etc/hosts maps localhost to 127.0.0.1 (and maybe ::1): a name whose DNS answer is private.
    SafeResolver.system(vertx, false).resolve("localhost", soon()).onComplete(tc.failing(e -> tc.verify(() -> {
      Refused r = assertInstanceOf(Refused.class, e);
      assertTrue(r.reason().contains("loopback"), r.reason());
      tc.completeNow();
    })));
  }

  @Test
  void allowPrivateAcceptsTheSystemsLoopbackAnswer(Vertx vertx, VertxTestContext tc) {
    SafeResolver.system(vertx, true).resolve("localhost", soon()).onComplete(tc.succeeding(addresses -> tc.verify(() -> {
      assertTrue(addresses.stream().allMatch(InetAddress::isLoopbackAddress), addresses.toString());
      tc.completeNow();
    })));
  }

  @Test
  void onePrivateAddressAmongPublicOnesRefusesTheHost(Vertx vertx, VertxTestContext tc) {
    LoopbackHttps.FakeDns dns = new LoopbackHttps.FakeDns()
        .answer("mixed.example.com", "140.82.112.3", "2606:4700::1111", "10.0.0.5");
    new SafeResolver(vertx, dns, SafeResolver.PUBLIC_ONLY).resolve("mixed.example.com", soon())
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertTrue(((Refused) e).reason().contains("10.0.0.5"), e.getMessage());
          tc.completeNow();
        })));
  }

  @Test
  void mappedAndNat64FormsOfPrivateAddressesAreRefused(Vertx vertx, VertxTestContext tc) {
    LoopbackHttps.FakeDns dns = new LoopbackHttps.FakeDns()
        .answer("mapped.example.com", "::ffff:169.254.169.254")
        .answer("nat64.example.com", "64:ff9b::a00:1");
    SafeResolver resolver = new SafeResolver(vertx, dns, SafeResolver.PUBLIC_ONLY);
    resolver.resolve("mapped.example.com", soon())
        .onComplete(tc.failing(e -> tc.verify(() -> assertInstanceOf(Refused.class, e))))
        .recover(e -> resolver.resolve("nat64.example.com", soon()))
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertInstanceOf(Refused.class, e);
          tc.completeNow();
        })));
  }

  @Test
  void publicAnswersComeBackWithoutTheirNameSoNobodyCanResolveItAgain(Vertx vertx, VertxTestContext tc) {
    LoopbackHttps.FakeDns dns = new LoopbackHttps.FakeDns()
        .answer("example.com", "140.82.112.3", "140.82.112.3", "2606:4700::1111");
    new SafeResolver(vertx, dns, SafeResolver.PUBLIC_ONLY).resolve("example.com", soon())
        .onComplete(tc.succeeding(addresses -> tc.verify(() -> {
          assertEquals(2, addresses.size(), "duplicates dropped");
          assertEquals(List.of("140.82.112.3", "2606:4700:0:0:0:0:0:1111"),
              addresses.stream().map(InetAddress::getHostAddress).toList());
          for (InetAddress a : addresses) {
            // A bare address's host name is its literal, so toString starts with "/".
            assertTrue(a.toString().startsWith("/"), a.toString());
          }
          tc.completeNow();
        })));
  }

  @Test
  void noAnswerIsARefusal(Vertx vertx, VertxTestContext tc) {
    new SafeResolver(vertx, new LoopbackHttps.FakeDns(), SafeResolver.PUBLIC_ONLY).resolve("nowhere.example.com", soon())
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertInstanceOf(Refused.class, e);
          tc.completeNow();
        })));
  }

  @Test
  void aSlowResolverMeetsTheDeadline(Vertx vertx, VertxTestContext tc) {
    // The DNS answer comes only when the test releases it, so the failure can only be the deadline's:
    // no race between a 200 ms deadline and a 2 s sleep on a busy machine.
    CountDownLatch answer = new CountDownLatch(1);
    SafeResolver.Lookup slow = host -> {
      try {
        answer.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new InetAddress[] {InetAddress.getByName("140.82.112.3")};
    };
    new SafeResolver(vertx, slow, SafeResolver.PUBLIC_ONLY).resolve("slow.example.com", System.currentTimeMillis() + 200)
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertEquals(Code.DEADLINE_EXCEEDED, ((RpcException) e).code());
          assertEquals(1, answer.getCount(), "the deadline answered while DNS still had not");
          answer.countDown();
          tc.completeNow();
        })));
  }
}
