package dev.sourcegate.resolve.rules;

import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.CommitSha;
import dev.sourcegate.source.ReleaseLink;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * How a resolution rule asks GitHub, through its {@link SourceReader}, for the first {@link ReleaseLink}
 * the repository holds. A candidate at the commit the package was built from is asked first: it is nearly
 * always there, so the tags are asked (all at once) only when it is missing. Never fails: any failure, or
 * no candidate found, is an empty answer and the rule keeps the registry's link. The reader reads with the
 * caller's own access and a resolution answer is the caller's, so there is no visibility check here (the
 * fetch side's GitHubTagLinks has one: a registry provider's answers are shared by every caller).
 */
public final class ReleaseLinks {
  private ReleaseLinks() {}

  public static Future<Optional<String>> first(SourceReader reader, List<ReleaseLink> candidates) {
    List<ReleaseLink> packaged = candidates.stream().filter(c -> CommitSha.isFull(c.ref())).toList();
    List<ReleaseLink> tagged = candidates.stream().filter(c -> !CommitSha.isFull(c.ref())).toList();
    return Lookups.orElseIfNotFound(firstOf(reader, packaged), () -> firstOf(reader, tagged))
        .map(found -> Optional.of(found.url()))
        .otherwise(Optional.empty());
  }

  /** The first candidate in order that exists, as a file whose URL is that candidate's page. */
  private static Future<SourceFile> firstOf(SourceReader reader, List<ReleaseLink> candidates) {
    return Lookups.firstFoundSpeculatively(candidates,
        c -> reader.githubFile(c.repository().owner(), c.repository().repo(), c.ref(), c.path())
            .map(file -> new SourceFile(file.content(), c.url())),
        () -> RpcException.notFound("not in the package's repository"), candidates.size());
  }
}
