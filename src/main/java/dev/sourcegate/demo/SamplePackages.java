package dev.sourcegate.demo;

import dev.sourcegate.demo.registries.SimulatedPyPi;
import dev.sourcegate.demo.registries.WheelBuilder;
import java.util.Map;

/**
 * The demo's simulated PyPI: a stand-in wheel of each distribution the sample shop's uv.lock pins and the
 * page shows (flask 3.0.3), built in memory from the sample files, so a dependency frame resolves offline.
 */
final class SamplePackages {
  static final String PREFIX = "/pypi-registry";
  static final String FLASK = "pypi/flask-3.0.3/";

  private SamplePackages() {}

  /** Reads the classpath: call it off the event loop. */
  static SimulatedPyPi load() {
    byte[] wheel = new WheelBuilder()
        .member("flask/__init__.py", SampleRepositories.read(FLASK + "flask/__init__.py"))
        .member("flask/app.py", SampleRepositories.read(FLASK + "flask/app.py"))
        .build("flask", "3.0.3");
    return new SimulatedPyPi(PREFIX).wheel("flask", "3.0.3", wheel)
        .projectUrls("flask", "3.0.3", Map.of("Source", "https://github.com/pallets/flask/"));
  }
}
