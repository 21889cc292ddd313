package dev.sourcegate.testkit;

import java.io.PrintStream;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints every skipped test with its reason on the console. Surefire writes an assumption's message only
 * into its report files, so a test skipped for a missing tool (buf, redis-server, Chromium) looked, on the
 * console of {@code mvn verify}, like a test that ran; registered for every test class through
 * META-INF/services (extension autodetection is on in junit-platform.properties).
 */
public final class SkipReasonPrinter implements TestWatcher {
  private final PrintStream out;

  public SkipReasonPrinter() {
    this(System.out);
  }

  SkipReasonPrinter(PrintStream out) {
    this.out = out;
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    out.println(line(context, cause == null || cause.getMessage() == null ? "aborted (no reason given)" : cause.getMessage()));
    out.flush();
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    out.println(line(context, reason.orElse("disabled (no reason given)")));
    out.flush();
  }

  static String line(ExtensionContext context, String reason) {
    String test = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
    // Assumptions prefix their message with "Assumption failed: "; the reason reads better without it
    String why = reason.startsWith("Assumption failed: ") ? reason.substring("Assumption failed: ".length()) : reason;
    return "SKIPPED " + test + ": " + why;
  }
}
