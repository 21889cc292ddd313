package dev.sourcegate.resolve;

import dev.sourcegate.api.proto.GetFileRequest;
import dev.sourcegate.api.proto.GetFileResponse;
import dev.sourcegate.bus.BusServer.Staleness;
import dev.sourcegate.bus.Messages.RpcReply;
import dev.sourcegate.bus.Messages.Session;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.SourceFile;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The one way a GetFile becomes an answer, for both routes that give one: the resolver (over the event
 * bus) and the HTTP verticle's warm front ({@link CachedAnswers}, no hop). Both check the request and
 * build its key here, look a finished answer up here under one access rule, and the resolver turns a
 * resolved file into the answer here; so the warm route can only ever serve what the resolver made, for
 * a caller the resolver would serve it to. One instance per event loop (its {@link GetFileKeys} is not
 * thread-safe); the cache and the access check are shared.
 */
public final class GetFileAnswers {
  /**
   * What a resolution read: the repositories a later caller must be allowed to read to be served it
   * again (as RepoRef.key), whether every read was at a full commit SHA (the answer never changes),
   * and whether any read was served from the cache because the upstream could not confirm it.
   */
  public record Provenance(List<String> repositories, boolean immutable, boolean stale) {}

  private final GetFileKeys keys;
  private final ResolutionCache resolutions;
  private final AccessCheck access;
  private final long refTtlNanos;

  public GetFileAnswers(GetFileKeys keys, ResolutionCache resolutions, AccessCheck access, GatewayConfig config) {
    this.keys = keys;
    this.resolutions = resolutions;
    this.access = access;
    this.refTtlNanos = Duration.ofMillis(config.cache().refTtlMs()).toNanos();
  }

  /** The request's parts and cache key; throws RpcException (invalid_argument) for one no route answers. */
  public GetFileKeys.Checked check(GetFileRequest request) {
    return keys.check(request);
  }

  /** The answer already made for this request, if this caller may read all it came from; else null. */
  public RpcReply known(GetFileKeys.Checked checked, Session session) {
    return reply(resolutions.get(checked.key(), session.tokenHash(), access));
  }

  /**
   * The same, for a look-up whose miss goes on to the resolver: the resolver counts that miss, so each
   * request is one look-up in the cache figures whichever route answers it.
   */
  public RpcReply knownBeforeResolver(GetFileKeys.Checked checked, Session session) {
    return reply(resolutions.find(checked.key(), session.tokenHash(), access));
  }

  /** The same, reusing the resolution this request's bytes found last on this event loop (see ResolutionCache.Recent). */
  RpcReply knownBeforeResolver(GetFileKeys.Checked checked, Session session, ResolutionCache.Recent recent) {
    return reply(resolutions.find(checked.key(), session.tokenHash(), access, recent));
  }

  /**
   * The answer of a resolved file. It is kept for the next caller unless a read was stale: a stale
   * answer is marked so (the Sourcegate-Stale header) and never served again from memory, where it
   * would lose that mark.
   */
  public RpcReply resolved(GetFileKeys.Checked checked, SourceFile file, Provenance reads, Staleness staleness) {
    GetFileResponse answer = GetFileResponse.newBuilder()
        .setContent(Base64.getEncoder().encodeToString(file.content()))
        .setURL(file.url())
        .build();
    if (reads.stale()) {
      staleness.mark();
      return new RpcReply(answer);
    }
    ResolutionCache.Resolution resolution = new ResolutionCache.Resolution(answer, reads.repositories(),
        reads.immutable() ? ResolutionCache.FOREVER : refTtlNanos);
    resolutions.put(checked.key(), resolution);
    return reply(resolution);
  }

  private static RpcReply reply(ResolutionCache.Resolution resolution) {
    return resolution == null ? null : new RpcReply(resolution.answer(), resolution.encoded());
  }
}
