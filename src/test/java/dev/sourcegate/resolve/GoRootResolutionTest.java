package dev.sourcegate.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sourcegate.source.Language;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Go standard library files under every GOROOT form, read from golang/go at the release the path names. */
class GoRootResolutionTest {

  @Test
  void anSdkDirectoryReadsItsReleaseTag() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("golang/go@go1.22.4:src/net/http/server.go");
    r.expectFile("/home/u/sdk/go1.22.4/src/net/http/server.go", "golang/go@go1.22.4:src/net/http/server.go");
    assertEquals(List.of("github golang/go@go1.22.4:src/net/http/server.go"), r.reads());
  }

  @Test
  void aDebianReleaseLineReadsItsReleaseBranch() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("golang/go@release-branch.go1.22:src/fmt/print.go");
    r.expectFile("/usr/lib/go-1.22/src/fmt/print.go", "golang/go@release-branch.go1.22:src/fmt/print.go");
  }

  @Test
  void aSnapWithoutReleaseReadsMasterAsBefore() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("golang/go@master:src/fmt/print.go");
    r.expectFile("/snap/go/10585/src/fmt/print.go", "golang/go@master:src/fmt/print.go");
  }

  @Test
  void aFileTheReleaseLacksIsNotFoundAndNeverReadFromTheApp() {
    RulesFixture r = new RulesFixture(Optional.empty()).files("acme/app@r1:fmt/gone.go", "acme/app@r1:gone.go");
    r.expectNotFound("/home/u/.asdf/installs/golang/1.20.5/go/src/fmt/gone.go", "at go1.20.5");
    assertEquals(List.of("github golang/go@go1.20.5:src/fmt/gone.go"), r.reads());
  }

  @Test
  void aMappingOverridesTheGorootRule() {
    RulesFixture r = new RulesFixture(Optional.empty())
        .mappings(RulesFixture.github(Language.GO, "acme", "go-fork", "patched", "src", "/opt/homebrew/Cellar/go/1.22.4/libexec/src"))
        .files("acme/go-fork@patched:src/fmt/print.go", "golang/go@go1.22.4:src/fmt/print.go");
    r.expectFile("/opt/homebrew/Cellar/go/1.22.4/libexec/src/fmt/print.go", "acme/go-fork@patched:src/fmt/print.go");
  }
}
