package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.source.Language;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rust (docs/resolution.md §10): the standard library at the exact rustc commit, the app's repository for the rest. */
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

  @ParameterizedTest
  @ValueSource(strings = {
      "/home/u/.cargo/registry/src/index.crates.io-6f17d22bba15001f/tokio-1.38.0/src/runtime/park.rs",
      "/usr/local/cargo/registry/src/github.com-1ecc6299db9ec823/serde-1.0.200/src/de/mod.rs",
      "/root/.cargo/git/checkouts/hyper-0123456789abcdef/a1b2c3d/src/client.rs"})
  void cargoCratesAreNotFoundWithoutAGuess(String localPath) {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:src/runtime/park.rs", "acme/app@r1:src/de/mod.rs",
        "acme/app@r1:src/client.rs");
    r.expectNotFound(localPath, "Rust crates from Cargo's registry are not resolved yet");
    assertEquals(List.of(), r.reads());
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
