package dev.sourcegate.resolve.go;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The import paths of Go's standard library (resource /go-std-packages.txt, one per line). Loaded once
 * per JVM: the list is small and never changes while running. Create it at startup, not on an event loop,
 * since the first load reads the class path.
 */
public final class GoStdPackages {
  private static final String RESOURCE = "/go-std-packages.txt";

  private final Set<String> packages;

  public GoStdPackages(Collection<String> packages) {
    this.packages = Set.copyOf(packages);
  }

  /** The list shipped with the service, read from the class path the first time it is asked for. */
  public static GoStdPackages load() {
    return Holder.INSTANCE;
  }

  public boolean contains(String importPath) {
    return packages.contains(importPath);
  }

  /**
   * True when {@code dir} is a standard package or lies inside one. The list names the packages of one Go
   * release; internal packages of other releases (runtime/internal/atomic in Go 1.20) still live under a
   * listed package, and under $GOROOT/src nothing but the standard library does.
   */
  public boolean containsOrIsInside(String dir) {
    String d = dir;
    while (!d.isEmpty()) {
      if (packages.contains(d)) {
        return true;
      }
      int slash = d.lastIndexOf('/');
      d = slash < 0 ? "" : d.substring(0, slash);
    }
    return false;
  }

  public int size() {
    return packages.size();
  }

  private static final class Holder {
    static final GoStdPackages INSTANCE = readResource();
  }

  private static GoStdPackages readResource() {
    try (InputStream in = GoStdPackages.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("class path resource " + RESOURCE + " is missing");
      }
      Set<String> out = new HashSet<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          String p = line.trim();
          if (!p.isEmpty() && !p.startsWith("#")) {
            out.add(p);
          }
        }
      }
      return new GoStdPackages(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
