package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.rpc.Code;
import dev.sourcegate.rpc.RpcException;
import dev.sourcegate.source.Language;
import dev.sourcegate.source.SourceFile;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rust (docs/resolution.md §11, §15): crates from the registry or their git repository, the standard library at the exact rustc commit, the app's repository for the rest. */
class RustRulesTest {
  private static final String COMMIT = "90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf";

  @Test
  void libraryLayoutAtExactlyThatCommit() {
    String path = "library/std/src/sys/pal/unix/thread.rs";
    RulesFixture r = new RulesFixture(Optional.empty()).files("rust-lang/rust@" + COMMIT + ":" + path);
    r.expectFile("/rustc/" + COMMIT + "/" + path, "rust-lang/rust@" + COMMIT + ":" + path);
    assertEquals(List.of("github rust-lang/rust@" + COMMIT + ":" + path), r.reads());
  }

  @Test
  void olderSrcLibLayout() {
    String old = "e1884a8e3c3e813aada8254edfa120e85bf5ffca";
    RulesFixture r = new RulesFixture(Optional.empty()).files("rust-lang/rust@" + old + ":src/libcore/iter/range.rs");
    r.expectFile("/rustc/" + old + "/src/libcore/iter/range.rs", "rust-lang/rust@" + old + ":src/libcore/iter/range.rs");
  }

  @Test
  void aFileTheCommitLacksIsNotFoundAndNeverReadFromTheApp() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:library/core/src/gone.rs", "acme/app@r1:gone.rs");
    r.expectNotFound("/rustc/" + COMMIT + "/library/core/src/gone.rs", "Rust source file not found: library/core/src/gone.rs at " + COMMIT);
    assertEquals(List.of("github rust-lang/rust@" + COMMIT + ":library/core/src/gone.rs"), r.reads());
  }

  @Test
  void aMappingOverridesTheRustcRule() {
    RulesFixture r = new RulesFixture(Optional.empty())
        .mappings(RulesFixture.github(Language.RUST, "acme", "rust-fork", "1.80-patched", "", "/rustc/" + COMMIT))
        .files("acme/rust-fork@1.80-patched:library/std/src/io/mod.rs", "rust-lang/rust@" + COMMIT + ":library/std/src/io/mod.rs");
    r.expectFile("/rustc/" + COMMIT + "/library/std/src/io/mod.rs", "acme/rust-fork@1.80-patched:library/std/src/io/mod.rs");
    assertEquals(List.of("github acme/rust-fork@1.80-patched:library/std/src/io/mod.rs"), r.reads());
  }

  private static final String SUM = "3b9ff1c5d4b4a9c3e6b2a7f0b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f7a8b";
  private static final String HYPER_SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
  private static final String LOCK = """
      version = 3

      [[package]]
      name = "serde"
      version = "1.0.200"
      source = "registry+https://github.com/rust-lang/crates.io-index"
      checksum = "%s"

      [[package]]
      name = "hyper"
      version = "1.0.0"
      source = "git+https://github.com/hyperium/hyper?branch=master#%s"

      [[package]]
      name = "inhouse"
      version = "0.1.0"
      source = "git+https://git.example.com/team/inhouse#%s"
      """.formatted(SUM, HYPER_SHA, "f".repeat(40));
  private static final String SERDE_FILE = "/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/serde-1.0.200/src/de/mod.rs";

  @Test
  void aRegistryCrateIsReadAtThePathsVersionPinnedToCargoLocksChecksum() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:Cargo.lock", "acme/app@r1:src/de/mod.rs");
    r.reader.file("acme/app@r1:Cargo.lock", LOCK).crateFile("serde@1.0.200#sha256=" + SUM + ":src/de/mod.rs", "serde de");
    Future<SourceFile> f = r.resolve(SERDE_FILE);
    assertEquals("serde de", new String(f.result().content(), StandardCharsets.UTF_8));
    assertEquals("https://docs.rs/crate/serde/1.0.200#sha256=" + SUM + "/source/src/de/mod.rs", f.result().url());
    String crate = "crates serde@1.0.200#sha256=" + SUM + ":";
    assertEquals(List.of("github acme/app@r1:Cargo.lock", crate + "src/de/mod.rs", crate + "Cargo.toml", crate + ".cargo_vcs_info.json"),
        r.reads());
  }

  @ParameterizedTest
  @CsvSource({
      "/usr/local/cargo/registry/src/github.com-1ecc6299db9ec823/tokio-util-0.7.10/src/codec/mod.rs, tokio-util, 0.7.10, src/codec/mod.rs",
      "/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/windows-sys-0.52.0/src/lib.rs, windows-sys, 0.52.0, src/lib.rs",
      "/opt/cargo-home/registry/src/index.crates.io-6f17d22bba15001f/foo-1.0.0-beta.2/src/a-1.2.3/x.rs, foo, 1.0.0-beta.2, src/a-1.2.3/x.rs",
      "registry/src/index.crates.io-6f17d22bba15001f/base64-0.21.7+build.5/src/lib.rs, base64, 0.21.7+build.5, src/lib.rs"})
  void withoutALockTheVersionComesFromThePath(String localPath, String crate, String version, String member) {
    RulesFixture r = new RulesFixture(Optional.empty());
    r.reader.crateFile(crate + "@" + version + ":" + member, "crate file");
    r.expectFile(localPath, "crate file");
    assertEquals("github acme/app@r1:Cargo.lock", r.reads().get(0));
    assertEquals("crates " + crate + "@" + version + ":" + member, r.reads().get(1));
  }

  @Test
  void theLinkIsTheCratesGitHubRepositoryAtThePackagedCommit() {
    String sha1 = "0123456789abcdef0123456789abcdef01234567";
    RulesFixture r = new RulesFixture(Optional.empty());
    String crate = "serde@1.0.200#sha256=" + SUM + ":";
    r.reader.file("acme/app@r1:Cargo.lock", LOCK).crateFile(crate + "src/de/mod.rs", "serde de")
        .crateFile(crate + "Cargo.toml", "[package]\nname = \"serde\"\nrepository = \"https://github.com/serde-rs/serde\"\n")
        .crateFile(crate + ".cargo_vcs_info.json", "{\"git\": {\"sha1\": \"" + sha1 + "\"}, \"path_in_vcs\": \"serde\"}")
        .file("serde-rs/serde@" + sha1 + ":serde/src/de/mod.rs", "repository copy");
    Future<SourceFile> f = r.resolve(SERDE_FILE);
    assertEquals("serde de", new String(f.result().content(), StandardCharsets.UTF_8), "the bytes are the crate's");
    assertEquals("https://github.com/serde-rs/serde/blob/" + sha1 + "/serde/src/de/mod.rs", f.result().url());
  }

  @Test
  void withoutAPackagedCommitTheFirstTagThatHoldsTheFileIsLinked() {
    RulesFixture r = new RulesFixture(Optional.empty());
    r.reader.crateFile("tokio@1.38.0:src/runtime/park.rs", "park")
        .crateFile("tokio@1.38.0:Cargo.toml", "[package]\nrepository = \"https://github.com/tokio-rs/tokio.git\"\n")
        .file("tokio-rs/tokio@tokio-1.38.0:src/runtime/park.rs", "at tag")
        .file("tokio-rs/tokio@tokio-v1.38.0:src/runtime/park.rs", "at another tag");
    Future<SourceFile> f = r.resolve("/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.38.0/src/runtime/park.rs");
    assertEquals("park", new String(f.result().content(), StandardCharsets.UTF_8));
    assertEquals("https://github.com/tokio-rs/tokio/blob/tokio-v1.38.0/src/runtime/park.rs", f.result().url(),
        "the tags in order: v1.38.0, 1.38.0, tokio-v1.38.0, tokio-1.38.0");
  }

  @Test
  void noGitHubRepositoryOrNoFileThereLinksToDocsRs() {
    RulesFixture r = new RulesFixture(Optional.empty());
    r.reader.crateFile("anyhow@1.0.80:src/lib.rs", "anyhow")
        .crateFile("anyhow@1.0.80:Cargo.toml", "[package]\nrepository = \"https://github.com/dtolnay/anyhow\"\n")
        .fail("github dtolnay/anyhow@v1.0.80:src/lib.rs", new RpcException(Code.RESOURCE_EXHAUSTED, "rate limited"));
    Future<SourceFile> f = r.resolve("/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/anyhow-1.0.80/src/lib.rs");
    assertEquals("https://docs.rs/crate/anyhow/1.0.80/source/src/lib.rs", f.result().url());
  }

  @Test
  void aGitDependencyIsReadFromGitHubAtTheCommitCargoLockPins() {
    RulesFixture r = new RulesFixture(Optional.empty());
    r.reader.file("acme/app@r1:Cargo.lock", LOCK).file("hyperium/hyper@" + HYPER_SHA + ":src/client/conn.rs");
    r.expectFile("/root/.cargo/git/checkouts/hyper-0123456789abcdef/a1b2c3d/src/client/conn.rs",
        "hyperium/hyper@" + HYPER_SHA + ":src/client/conn.rs");
    assertEquals(List.of("github acme/app@r1:Cargo.lock", "github hyperium/hyper@" + HYPER_SHA + ":src/client/conn.rs"), r.reads());
  }

  @Test
  void aGitDependencyNoLockNamesOrNotOnGitHubIsNotFound() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:src/client.rs");
    r.expectNotFound("/root/.cargo/git/checkouts/hyper-0123456789abcdef/a1b2c3d/src/client.rs",
        "is in no Cargo.lock; no Cargo.lock was found (looked for Cargo.lock)");
    r.reader.file("acme/app@r1:Cargo.lock", LOCK);
    RulesFixture withLock = new RulesFixture(Optional.empty());
    withLock.reader.file("acme/app@r1:Cargo.lock", LOCK);
    withLock.expectNotFound("/root/.cargo/git/checkouts/hyper-0123456789abcdef/9999999/src/client.rs",
        "lock files read: Cargo.lock");
    withLock.expectNotFound("/root/.cargo/git/checkouts/inhouse-0123456789abcdef/fffffff/src/lib.rs", "is not on GitHub");
  }

  @Test
  void aCargoPathThatNamesNoCrateIsNotFoundWithoutAGuess() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:src/lib.rs");
    r.expectNotFound("/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/not-a-version/src/lib.rs",
        "not a crate directory");
    assertEquals(List.of(), r.reads());
  }

  @Test
  void aMappingWinsOverTheCrateRules() {
    RulesFixture r = new RulesFixture(Optional.empty())
        .mappings(RulesFixture.github(Language.RUST, "acme", "serde-fork", "main", "", "/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/serde-1.0.200"))
        .files("acme/serde-fork@main:src/de/mod.rs");
    r.expectFile(SERDE_FILE, "acme/serde-fork@main:src/de/mod.rs");
    assertEquals(List.of("github acme/serde-fork@main:src/de/mod.rs"), r.reads());
  }

  @Test
  void aVendoredCrateIsTheCommittedCopyElseTheRegistrysAtTheLockedVersion() {
    RulesFixture committed = new RulesFixture(Optional.empty()).files("acme/app@r1:vendor/serde/src/de/mod.rs");
    committed.reader.file("acme/app@r1:Cargo.lock", LOCK);
    committed.expectFile("/build/app/vendor/serde/src/de/mod.rs", "acme/app@r1:vendor/serde/src/de/mod.rs");

    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:src/de/mod.rs");
    r.reader.file("acme/app@r1:Cargo.lock", LOCK).crateFile("serde@1.0.200#sha256=" + SUM + ":src/de/mod.rs", "serde de");
    r.expectFile("/build/app/vendor/serde/src/de/mod.rs", "serde de");
    assertEquals("github acme/app@r1:vendor/serde/src/de/mod.rs", r.reads().get(1));
  }

  @Test
  void aVendorDirectoryNoLockNamesIsTheApplicationsOwn() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:src/vendor/shim/io.rs");
    r.reader.file("acme/app@r1:Cargo.lock", LOCK);
    r.expectFile("/build/app/src/vendor/shim/io.rs", "acme/app@r1:src/vendor/shim/io.rs");
  }

  @Test
  void aMissingMemberIsTheRegistrysNotFound() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:src/de/mod.rs");
    r.expectNotFound("/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/serde-1.0.200/src/de/mod.rs",
        "src/de/mod.rs is not in crate serde");
  }

  @Test
  void applicationFilesAreWalkedInTheAppRepositoryOnly() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:src/main.rs");
    r.expectFile("/build/app/src/main.rs", "acme/app@r1:src/main.rs");
    assertEquals(List.of("github acme/app@r1:build/app/src/main.rs", "github acme/app@r1:app/src/main.rs",
        "github acme/app@r1:src/main.rs"), r.reads());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/rustc/abc/library/std/src/lib.rs", "/rustc/" + COMMIT + "/", "/x/rustc/" + COMMIT + "/library/std/src/lib.rs",
      "/rustc/" + "90B35A6239C3D8BDABC530A6A0816F7FF89A0AAF" + "/library/std/src/lib.rs"})
  void notARustcPath(String localPath) {
    assertEquals(Optional.empty(), RustFinder.rustcFile(localPath));
  }
}
