package dev.sourcegate.fetch.ssrf;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a host name and accepts the answer only when EVERY address in it passes the address check
 * (one private answer among public ones refuses the host: a client may connect to any of them).
 * The addresses it returns carry no host name, so whoever connects to them cannot resolve the name
 * again (no DNS rebinding between the check and the connection).
 */
public final class SafeResolver {
  /** The blocking name look-up; the system resolver in production, a fake in tests. */
  @FunctionalInterface
  public interface Lookup {
    InetAddress[] lookup(String host) throws UnknownHostException;
  }

  /** Why a host's resolved address may not be reached, or empty when it may. */
  @FunctionalInterface
  public interface AddressCheck {
    Optional<String> refusal(String host, InetAddress address);
  }

  /** Public addresses only (the default). */
  public static final AddressCheck PUBLIC_ONLY = (host, address) -> AddressPolicy.refusal(address);
  /** Any address (SOURCEGATE_GO_GET_ALLOW_PRIVATE=true, for tests only). */
  public static final AddressCheck ANY_ADDRESS = (host, address) -> Optional.empty();

  private static final int DNS_THREADS = 4;

  private final Lookup lookup;
  private final AddressCheck check;
  private final WorkerExecutor dns;

  public SafeResolver(Vertx vertx, Lookup lookup, AddressCheck check) {
    this.lookup = lookup;
    this.check = check;
    this.dns = vertx.createSharedWorkerExecutor("sourcegate-dns", DNS_THREADS, 10, TimeUnit.SECONDS);
  }

  /**
   * The JVM's resolver (InetAddress.getAllByName). It blocks, so it runs on a small dedicated worker
   * pool, never on an event loop. Chosen over Vert.x's DnsClient because it answers exactly as the
   * rest of the host does (/etc/hosts, nsswitch, search rules, both A and AAAA in one call), so a name
   * that the operating system maps to an internal address is seen as internal here too.
   */
  public static SafeResolver system(Vertx vertx, boolean allowPrivate) {
    return new SafeResolver(vertx, InetAddress::getAllByName, allowPrivate ? ANY_ADDRESS : PUBLIC_ONLY);
  }

  /**
   * The host's addresses, all of them acceptable, in the resolver's order; fails with {@link Refused}
   * (no answer, or an address refused) or with deadline_exceeded.
   */
  public Future<List<InetAddress>> resolve(String host, long deadlineMillis) {
    long budget = deadlineMillis - System.currentTimeMillis();
    if (budget <= 0) {
      return Future.failedFuture(new RpcException(Code.DEADLINE_EXCEEDED, "deadline exceeded"));
    }
    // ordered=false: look-ups of different hosts must not queue behind one slow DNS answer.
    return dns.executeBlocking(() -> lookup.lookup(host), false)
        .timeout(budget, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(e instanceof TimeoutException
            ? new RpcException(Code.DEADLINE_EXCEEDED, "DNS did not answer in time")
            : e instanceof Refused ? e : new Refused("no DNS answer (" + e.getClass().getSimpleName() + ")")))
        .compose(answer -> {
          try {
            return Future.succeededFuture(accept(host, answer));
          } catch (Refused r) {
            return Future.failedFuture(r);
          }
        });
  }

  private List<InetAddress> accept(String host, InetAddress[] answer) {
    if (answer == null || answer.length == 0) {
      throw new Refused("no DNS answer");
    }
    Map<String, InetAddress> unique = new LinkedHashMap<>();
    for (InetAddress a : answer) {
      Optional<String> why = check.refusal(host, a);
      if (why.isPresent()) {
        throw new Refused("resolves to " + a.getHostAddress() + ": " + why.get());
      }
      InetAddress bare = bare(a);
      unique.putIfAbsent(bare.getHostAddress(), bare);
    }
    return new ArrayList<>(unique.values());
  }

  /** The same address without the name it was found under. */
  private static InetAddress bare(InetAddress a) {
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (UnknownHostException e) {
      throw new Refused("malformed address");
    }
  }

  public Future<Void> close() {
    return dns.close();
  }
}
