package dev.sourcegate.fetch.isolation;

import dev.sourcegate.ops.Caches;

import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Everything that stands between the gateway and one upstream host: a breaker per scope (a repository,
 * say), the host-wide adaptive throttle and the retry budget. A scope's faults open only that scope; the
 * host-wide throttle hears at most minCalls faults of each scope per window. With K = 2 it refuses only
 * while faults outnumber answers, and never below hostMinCalls calls: with hostMinCalls at least twice
 * minCalls (the configuration insists), one failing repository can never make it refuse another
 * repository's calls, while an outage spread over many scopes does.
 */
public final class HostGuard {
  /** Why a call was refused without being sent. */
  public enum Refusal { SCOPE_OPEN, HOST_THROTTLED }

  /** A call's pass through the guard: refused, or admitted and to be handed back to {@link #record}. */
  public static final class Admission {
    private final ScopeBreaker breaker;
    private final boolean probe;
    private final Refusal refusal;

    private Admission(ScopeBreaker breaker, boolean probe, Refusal refusal) {
      this.breaker = breaker;
      this.probe = probe;
      this.refusal = refusal;
    }

    /** null when the call may go. */
    public Refusal refusal() {
      return refusal;
    }

    public boolean probe() {
      return probe;
    }
  }

  /** Bounded and forgetting: scope keys come from request data, so their number must not grow without end. */
  private static final long MAX_SCOPES = 100_000;

  private final BreakerSettings settings;
  private final LongSupplier ticker;
  private final DoubleSupplier random;
  private final Cache<String, ScopeBreaker> scopes;
  private final AdaptiveThrottle throttle;
  private final RetryBudget retryBudget;

  public HostGuard(BreakerSettings settings, LongSupplier ticker, DoubleSupplier random) {
    this.settings = settings;
    this.ticker = ticker;
    this.random = random;
    long keepNanos = 2 * Math.max(settings.windowNanos(), settings.openNanos());
    this.scopes = Caches.builder()
        .maximumSize(MAX_SCOPES)
        .expireAfterAccess(Duration.ofNanos(keepNanos))
        .ticker(ticker::getAsLong)
        .build();
    this.throttle = new AdaptiveThrottle(settings.windowNanos(), BreakerSettings.ACCEPTS_MULTIPLIER, settings.hostMinCalls());
    this.retryBudget = new RetryBudget(settings.windowNanos(), settings.retryBudgetRatio(), settings.retryBudgetMinPerSecond());
  }

  /** Asks whether a call in this scope may be sent now. */
  public Admission admit(String scopeKey) {
    long now = ticker.getAsLong();
    ScopeBreaker breaker = scopes.get(scopeKey, k -> new ScopeBreaker(settings));
    ScopeBreaker.Admission a = breaker.admit(now);
    if (a == ScopeBreaker.Admission.REJECTED) {
      return new Admission(breaker, false, Refusal.SCOPE_OPEN);
    }
    boolean probe = a == ScopeBreaker.Admission.PROBE;
    if (!throttle.admit(now, random.getAsDouble())) {
      if (probe) {
        breaker.record(now, Outcome.NEUTRAL, true);
      }
      return new Admission(breaker, false, Refusal.HOST_THROTTLED);
    }
    return new Admission(breaker, probe, null);
  }

  /** Notes how an admitted call ended. */
  public void record(Admission admission, Outcome outcome) {
    if (admission.refusal != null) {
      return;
    }
    long now = ticker.getAsLong();
    // a scope that has already shown its faults tells the host nothing more: it is that scope's outage
    boolean news = admission.breaker.record(now, outcome, admission.probe);
    if (outcome != Outcome.FAULT || news) {
      throttle.record(now, outcome);
    }
  }

  /** A first attempt was sent: it earns the retry budget its share. */
  public void firstAttempt() {
    retryBudget.firstAttempt(ticker.getAsLong());
  }

  /** Takes a retry from the host's budget; false when the budget is spent. */
  public boolean tryRetry() {
    return retryBudget.tryRetry(ticker.getAsLong());
  }

  /** The host-wide throttle's refusal probability right now (0 while the host answers). */
  public double rejectProbability() {
    return throttle.rejectProbability(ticker.getAsLong());
  }

  /** Scopes whose breaker is open or probing. */
  public long openScopes() {
    return scopes.asMap().values().stream().filter(b -> b.state() != ScopeBreaker.State.CLOSED).count();
  }

  /** Whether this scope's calls are paused (open or half-open), for tests and diagnostics. */
  public boolean scopeOpen(String scopeKey) {
    ScopeBreaker b = scopes.getIfPresent(scopeKey);
    return b != null && b.state() != ScopeBreaker.State.CLOSED;
  }
}
