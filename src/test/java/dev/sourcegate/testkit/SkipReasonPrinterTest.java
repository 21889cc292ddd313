package dev.sourcegate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

class SkipReasonPrinterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final SkipReasonPrinter printer = new SkipReasonPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  /** Only the two methods the printer asks for; anything else would be a change worth noticing. */
  private static ExtensionContext context(Class<?> testClass, String displayName) {
    return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getRequiredTestClass" -> testClass;
          case "getDisplayName" -> displayName;
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anAbortedTestIsPrintedWithTheAssumptionsMessage() {
    printer.testAborted(context(SkipReasonPrinterTest.class, "needsRedis()"),
        new TestAbortedException("Assumption failed: redis-server not installed"));
    assertEquals("SKIPPED SkipReasonPrinterTest.needsRedis(): redis-server not installed" + System.lineSeparator(), printed());
  }

  @Test
  void anAbortWithoutMessageStillSaysItWasSkipped() {
    printer.testAborted(context(SkipReasonPrinterTest.class, "x()"), new TestAbortedException());
    assertEquals("SKIPPED SkipReasonPrinterTest.x(): aborted (no reason given)" + System.lineSeparator(), printed());
  }

  @Test
  void aDisabledTestIsPrintedWithItsReason() {
    printer.testDisabled(context(SkipReasonPrinterTest.class, "y()"), Optional.of("flaky upstream"));
    assertEquals("SKIPPED SkipReasonPrinterTest.y(): flaky upstream" + System.lineSeparator(), printed());
  }

  @Test
  void itIsRegisteredForEveryTestClass() throws Exception {
    String services = Files.readString(
        Path.of("src/test/resources/META-INF/services/org.junit.jupiter.api.extension.Extension"));
    assertTrue(services.lines().anyMatch(SkipReasonPrinter.class.getName()::equals), services);
    assertTrue(Files.readString(Path.of("src/test/resources/junit-platform.properties"))
        .contains("junit.jupiter.extensions.autodetection.enabled=true"));
  }
}
