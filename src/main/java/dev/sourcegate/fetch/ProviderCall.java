package dev.sourcegate.fetch;

/**
 * One read as a provider sees it: the caller's token (null or empty when there is none), the deadline in
 * epoch milliseconds, and the scope its upstream faults count under, set by the fetcher from the
 * repository reference ({@link SourceProvider#scope}).
 */
public record ProviderCall(String token, long deadline, UpstreamScope scope) {
  /**
   * The same call with at least ms left: for work in the background (a revalidation, an access check
   * behind a remembered miss) that should not die with the request that started it.
   */
  public ProviderCall withAtLeast(long ms) {
    return new ProviderCall(token, Math.max(deadline, System.currentTimeMillis() + ms), scope);
  }

  @Override
  public String toString() {
    return "ProviderCall[token=***, deadline=" + deadline + ", scope=" + scope + "]";
  }
}
