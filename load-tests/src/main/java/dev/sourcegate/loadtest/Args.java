package dev.sourcegate.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Minimal "--name value" command-line options. */
final class Args {
  private final String[] args;

  Args(String[] args) {
    this.args = args;
  }

  String opt(String name, String dflt) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }

  /** Whether a "--name" without a value was given. */
  boolean flag(String name) {
    for (String a : args) {
      if (a.equals(name)) {
        return true;
      }
    }
    return false;
  }

  long longOpt(String name, long dflt) {
    String v = opt(name, null);
    return v == null ? dflt : Long.parseLong(v);
  }

  /** Writes the port atomically (temp file, then rename) so that a waiting script never reads half a line. */
  void writePortFile(int port) throws IOException {
    String file = opt("--port-file", null);
    if (file == null) {
      return;
    }
    Path target = Path.of(file);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, port + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
