package dev.sourcegate.resolve.deps.rust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.source.CrateNames;
import dev.sourcegate.source.PathGuard;
import dev.sourcegate.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Cargo's directories and Cargo.lock, read as Cargo writes them. */
class CargoFilesTest {
  @ParameterizedTest
  @CsvSource({
      "tokio-util-0.7.10, tokio-util, 0.7.10",
      "windows-sys-0.52.0, windows-sys, 0.52.0",
      "foo-1.0.0-beta.2, foo, 1.0.0-beta.2",
      "foo-bar2-1.0.0-rc.1+build.7, foo-bar2, 1.0.0-rc.1+build.7",
      "h2-0.4.2, h2, 0.4.2",
      "x25519-dalek-2.0.1, x25519-dalek, 2.0.1"})
  void aCrateDirectorySplitsIntoNameAndVersion(String dir, String name, String version) {
    String[] nv = CargoFrame.nameAndVersion(dir).orElseThrow();
    assertEquals(name, nv[0]);
    assertEquals(version, nv[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"serde", "serde-", "serde-1.0", "-1.0.0", "1x-1.0.0", "serde-v1.0.0", "serde-1.0.0-"})
  void notACrateDirectory(String dir) {
    assertEquals(Optional.empty(), CargoFrame.nameAndVersion(dir));
  }

  @Test
  void registryAndCheckoutPaths() {
    assertEquals(Optional.of(new CargoFrame.Registry("serde", "1.0.200", "src/de/mod.rs")), CargoFrame.parse(
        "C:\\Users\\u\\.cargo\\registry\\src\\index.crates.io-6f17d22bba15001f\\serde-1.0.200\\src\\de\\mod.rs"));
    assertEquals(Optional.of(new CargoFrame.GitCheckout("hyper", "a1b2c3d", "src/client.rs")),
        CargoFrame.parse("/root/.cargo/git/checkouts/hyper-0123456789abcdef/a1b2c3d/src/client.rs"));
    assertEquals(Optional.empty(), CargoFrame.parse("/root/.cargo/registry/src/no-hash-here/serde-1.0.0/src/lib.rs"));
    assertEquals(Optional.empty(), CargoFrame.parse("/build/app/src/registry/src/main.rs"));
  }

  @Test
  void aPinnedRefIsAValidGitRefAndParsesBack() {
    String sum = "ab".repeat(32);
    String ref = CrateNames.ref("1.0.0-beta.2+b.1", sum);
    assertEquals(ref, PathGuard.checkRef(ref));
    assertEquals(Optional.of(new CrateNames.Pinned("1.0.0-beta.2+b.1", sum)), CrateNames.parseRef(ref));
    assertEquals(Optional.of(new CrateNames.Pinned("0.7.10", null)), CrateNames.parseRef("0.7.10"));
    assertEquals(Optional.empty(), CrateNames.parseRef("0.7.10#sha256=xyz"));
    assertEquals(Optional.empty(), CrateNames.parseRef("../1.0.0"));
  }

  @Test
  void lockFormatsThreeAndFourAndTheirGitSources() throws IOException {
    String sum = "cd".repeat(32);
    CargoLock lock = CargoLock.parse("""
        version = 4

        [[package]]
        name = "app"
        version = "0.1.0"

        [[package]]
        name = "serde"
        version = "1.0.200"
        source = "sparse+https://index.crates.io/"
        checksum = "%s"

        [[package]]
        name = "hyper-util"
        version = "0.1.3"
        source = "git+https://github.com/hyperium/hyper-util.git?rev=a1b2c3d#a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
        """.formatted(sum));
    assertEquals(Optional.of(sum), lock.checksum("serde", "1.0.200"));
    assertEquals(Optional.empty(), lock.checksum("serde", "1.0.201"));
    assertEquals(Optional.empty(), lock.checksum("app", "0.1.0"));
    CargoLock.GitSource git = lock.gitCheckout("hyper-util", "a1b2c3d").orElseThrow();
    assertEquals("https://github.com/hyperium/hyper-util.git", git.url());
    assertEquals("a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", git.commit());
    assertEquals(Optional.empty(), lock.gitCheckout("hyper-util", "bbbbbbb"));
    assertEquals(Optional.empty(), lock.gitCheckout("hyper", "a1b2c3d"));
  }

  @Test
  void formatOneKeepsItsChecksumsInMetadata() throws IOException {
    String sum = "ef".repeat(32);
    CargoLock lock = CargoLock.parse("""
        [[package]]
        name = "libc"
        version = "0.2.150"
        source = "registry+https://github.com/rust-lang/crates.io-index"

        [metadata]
        "checksum libc 0.2.150 (registry+https://github.com/rust-lang/crates.io-index)" = "%s"
        """.formatted(sum));
    assertEquals(Optional.of(sum), lock.checksum("libc", "0.2.150"));
  }

  @Test
  void aLockThatDoesNotParseIsSkippedAndNamedAsLookedFor() {
    CargoLocks locks = CargoLockFiles.parseAll(List.of("svc/Cargo.lock", "Cargo.lock"),
        Arrays.asList(new SourceFile("[[package".getBytes(StandardCharsets.UTF_8), ""), null));
    assertTrue(locks.found().isEmpty());
    assertEquals("no Cargo.lock was found (looked for svc/Cargo.lock, Cargo.lock)", locks.read());
  }
}
