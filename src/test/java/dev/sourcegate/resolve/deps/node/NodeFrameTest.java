package dev.sourcegate.resolve.deps.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeFrameTest {
  private static NodeFrame parse(String path) {
    return NodeFrame.parse(path).orElseThrow();
  }

  @Test
  void namesThePackageAndTheMember() {
    NodeFrame f = parse("/usr/src/app/node_modules/express/lib/router/index.js");
    assertEquals("express", f.name());
    assertEquals("usr/src/app", f.prefix());
    assertEquals("node_modules/express", f.installPath());
    assertEquals("lib/router/index.js", f.member());
    assertEquals(null, f.storeVersion());
  }

  @Test
  void innermostNodeModulesWinsAndScopesAreKept() {
    NodeFrame f = parse("/app/node_modules/a/node_modules/@scope/b/dist/x.js");
    assertEquals("@scope/b", f.name());
    assertEquals("node_modules/a/node_modules/@scope/b", f.installPath());
    assertEquals("dist/x.js", f.member());
  }

  @Test
  void pnpmStorePathsCarryTheirVersion() {
    assertEquals("4.18.2", parse("/app/node_modules/.pnpm/express@4.18.2/node_modules/express/lib/router/index.js").storeVersion());
    NodeFrame scoped = parse("node_modules/.pnpm/@babel+core@7.24.0_supports-color@5.5.0/node_modules/@babel/core/lib/index.js");
    assertEquals("@babel/core", scoped.name());
    assertEquals("7.24.0", scoped.storeVersion());
    assertEquals("18.2.0", parse("/a/node_modules/.pnpm/react-dom@18.2.0(react@18.2.0)/node_modules/react-dom/index.js").storeVersion());
    // a sibling linked into another package's store directory: its version is not the directory's
    assertEquals(null, parse("/a/node_modules/.pnpm/express@4.18.2/node_modules/debug/src/index.js").storeVersion());
  }

  @Test
  void pathsOutsideNodeModulesAreNotPackages() {
    assertTrue(NodeFrame.parse("/usr/src/app/server.js").isEmpty());
    assertTrue(NodeFrame.parse("/app/my_node_modules/x/y.js").isEmpty());
    assertTrue(NodeFrame.parse("/app/node_modules/express").isEmpty());
    assertTrue(NodeFrame.parse("/app/node_modules/@scope/pkg").isEmpty());
  }

  @Test
  void packageLockKeysAreTriedAsNodeWouldFindThem() {
    NodeFrame f = parse("/srv/web/node_modules/a/node_modules/b/x.js");
    assertEquals(List.of("srv/web/node_modules/a/node_modules/b", "web/node_modules/a/node_modules/b",
        "node_modules/a/node_modules/b", "node_modules/b"), PackageLock.candidates(f));
  }
}
