package dev.sourcegate.fetch;

import dev.sourcegate.fetch.registry.GemArchive;
import dev.sourcegate.fetch.registry.Integrity;
import dev.sourcegate.fetch.registry.RegistryOrigin;
import dev.sourcegate.fetch.registry.TarLimits;
import dev.sourcegate.fetch.ssrf.UpstreamResponse;
import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.settings.GatewayConfig;
import dev.sourcegate.source.ReleaseLink;
import dev.sourcegate.source.RepoRef;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ruby gems from RubyGems or a mirror that speaks its API (Artifactory, Nexus, Gemfury):
 * {@link RepoRef#rubygems}, the ref the exact version ({@code 1.16.0}, or {@code 1.16.0-x86_64-linux} for
 * a platform build), the path a file of the gem ({@code lib/rack/request.rb}).
 *
 * <p>{@code GET <registry>/api/v2/rubygems/<gem>/versions/<version>.json[?platform=]} gives the .gem's
 * SHA-256 and the gem's source repository; the .gem is downloaded from {@code <registry>/gems/<file>.gem}
 * (where Bundler and {@code gem install} read it, so every mirror serves it) up to a cap, checked against
 * the SHA-256, and the one member is read from its {@code data.tar.gz} off the event loop. Published
 * versions never change, so the generic layer caches every answer forever.
 *
 * <p>The answer links to the file in the gem's GitHub repository at the version's tag when the metadata
 * names a public one and the file is there ({@link GitHubTagLinks}, asked while the .gem downloads), else
 * to the version's page on rubygems.org; never to the registry itself, which may be internal.
 */
public final class RubyGemsProvider implements SourceProvider {
  public static final String UPSTREAM = "the RubyGems registry";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,100}");
  /** version, then -platform (versions have no '-': RubyGems writes a prerelease 1.0.0.pre.rc1). */
  private static final Pattern REF = Pattern.compile("(\\d{1,9}(?:\\.[0-9A-Za-z]{1,40}){0,10})(?:-([A-Za-z][A-Za-z0-9_.-]{0,60}))?");
  private static final int MAX_METADATA_BYTES = 1024 * 1024;
  private static final int MAX_REDIRECTS = 3;

  private final Vertx vertx;
  private final UpstreamClient http;
  private final RegistryOrigin registry;
  private final int maxGemBytes;
  private final TarLimits limits;
  private final GitHubTagLinks links;

  RubyGemsProvider(Vertx vertx, UpstreamClient http, GatewayConfig.RubyGems config, int maxFileBytes,
      GitHubTagLinks links) {
    this.vertx = vertx;
    this.http = http;
    this.registry = RegistryOrigin.withAuthorization(config.url(), authorization(config.token()));
    this.maxGemBytes = config.maxGemBytes();
    this.limits = TarLimits.forMember(maxFileBytes, config.maxGemBytes());
    this.links = links;
  }

  /** user:password is Basic; anything else goes as it is (RubyGems' API keys, or "Bearer ..."). */
  static String authorization(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    return token.contains(":") && !token.contains(" ")
        ? "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)) : token;
  }

  @Override
  public String host() {
    return RepoRef.RUBYGEMS;
  }

  @Override
  public String upstreamName() {
    return UPSTREAM;
  }

  @Override
  public boolean fixedRef(String ref) {
    return REF.matcher(ref).matches();
  }

  @Override
  public Future<SourceFile> file(ProviderCall call, RepoRef where, String ref, String member) {
    String name = where.repo();
    Matcher m = REF.matcher(ref);
    if (!NAME.matcher(name).matches() || !m.matches()) {
      return Future.failedFuture(RpcException.notFound("not a Ruby gem name and version: " + name + " " + ref));
    }
    String version = m.group(1);
    String platform = m.group(2) == null ? "ruby" : m.group(2);
    String what = "gem " + name + " " + ref;
    String url = registry.base() + "/api/v2/rubygems/" + UrlPaths.encode(name) + "/versions/" + UrlPaths.encode(version)
        + ".json" + (platform.equals("ruby") ? "" : "?platform=" + UrlPaths.encode(platform));
    MultiMap headers = registry.headers().add("Accept", "application/json");
    return http.get(url, headers, MAX_METADATA_BYTES, "rubygems-version", call.deadline(), call.scope())
        .compose(res -> release(res, what, platform))
        .compose(release -> {
          Future<byte[]> bytes = gem(call, name + "-" + ref + ".gem", release, member, what);
          Future<Optional<String>> page = sourcePage(call, release, version, member);
          return Future.join(bytes, page).transform(done -> bytes.failed() ? Future.failedFuture(bytes.cause())
              : Future.succeededFuture(new SourceFile(bytes.result(),
                  page.result().orElseGet(() -> registryPage(name, ref)))));
        });
  }

  private static Future<GemRelease> release(UpstreamResponse res, String what, String platform) {
    if (res.status() == 404) {
      return Future.failedFuture(RpcException.notFound(what + " not found in the registry"));
    }
    if (res.status() != 200) {
      return Future.failedFuture(status(res.status(), what));
    }
    GemRelease release = GemRelease.parse(res.body().toString(StandardCharsets.UTF_8), what);
    if (!release.platform().equals(platform)) {
      // a mirror that ignores ?platform= answers another build, whose .gem is not the one asked
      return Future.failedFuture(RpcException.notFound("the registry has no " + platform + " build of " + what
          + " (it answered " + release.platform() + ")"));
    }
    return Future.succeededFuture(release);
  }

  /** The member's bytes from the .gem; empty when the gem has no such file. */
  private Future<byte[]> gem(ProviderCall call, String file, GemRelease release, String member, String what) {
    String url = registry.base() + "/gems/" + UrlPaths.encode(file);
    return download(call, url, 0, what).compose(gem -> vertx.executeBlocking(() -> extract(gem, release, member, what), false))
        .compose(found -> found.map(Future::succeededFuture)
            .orElseGet(() -> Future.failedFuture(RpcException.notFound("file " + member + " not found in " + what))));
  }

  /** GETs the .gem, following the registry's redirects within its own origin only (its answer is data). */
  private Future<byte[]> download(ProviderCall call, String url, int redirects, String what) {
    return http.get(url, registry.headers(), maxGemBytes, "rubygems-gem", call.deadline(), call.scope())
        .recover(e -> Future.failedFuture(e instanceof CappedBuffer.Overflow
            ? new FileTooLargeException("the .gem of " + what, maxGemBytes) : e))
        .compose(res -> {
          String location = res.headers().get("Location");
          if (res.status() >= 300 && res.status() < 400 && location != null && redirects < MAX_REDIRECTS) {
            String next = URI.create(url).resolve(location.trim()).toString();
            if (!registry.isOwn(next)) {
              return Future.failedFuture(new RpcException(Code.UNKNOWN,
                  "the registry sends the .gem of " + what + " outside the registry; it is not fetched"));
            }
            return download(call, next, redirects + 1, what);
          }
          if (res.status() != 200) {
            return Future.failedFuture(res.status() == 404 ? RpcException.notFound("the .gem of " + what + " is missing")
                : status(res.status(), "the .gem of " + what));
          }
          return Future.succeededFuture(res.body().getBytes());
        });
  }

  private Optional<byte[]> extract(byte[] gem, GemRelease release, String member, String what) {
    return ArchiveMemberRead.read(() -> {
      Integrity.verify(gem, sri(release.sha256()), null, "the .gem of " + what);
      return GemArchive.member(gem, member, limits);
    }, member, what, "the .gem", limits.maxMemberBytes());
  }

  /** RubyGems' hex SHA-256 as a Subresource-Integrity string; null (refused) when it is none. */
  private static String sri(String hex) {
    if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
      return null;
    }
    return "sha256-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  /**
   * The file's page in the gem's GitHub repository, at the first tag that has it; empty when the metadata
   * names no repository, or no tag has the file, or GitHub cannot say now (the registry's page is linked).
   */
  private Future<Optional<String>> sourcePage(ProviderCall call, GemRelease release, String version, String member) {
    return links.find(call, release.source().map(source -> ReleaseLink.candidates(
        RepoRef.github(source.owner(), source.repo()), source.tags(version), source.directory(), List.of(member)))
        .orElse(List.of()));
  }

  /** A stable public page of the version (rubygems.org keeps every published version's page). */
  static String registryPage(String name, String ref) {
    return "https://rubygems.org/gems/" + UrlPaths.encode(name) + "/versions/" + UrlPaths.encode(ref);
  }

  private static RpcException status(int s, String what) {
    if (s == 401 || s == 403) {
      return new RpcException(Code.PERMISSION_DENIED, UPSTREAM + " refused to serve " + what + " (" + s
          + "): check SOURCEGATE_RUBYGEMS_TOKEN");
    }
    Code code = s == 429 ? Code.RESOURCE_EXHAUSTED : s >= 500 ? Code.UNAVAILABLE : Code.UNKNOWN;
    return new RpcException(code, UPSTREAM + " answered " + s + " for " + what);
  }
}
