package dev.sourcegate.resolve.deps.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.source.RepoRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which frames are dependencies', and which distributions an import name may come from. */
class PythonNamesTest {
  @Test
  void installedPathsKeepThePathBelowTheInstallDirectory() {
    assertEquals(Optional.of(new DependencyFrame("flask/app.py", true)),
        DependencyFrame.of("/usr/local/lib/python3.12/site-packages/flask/app.py"));
    assertEquals(Optional.of(new DependencyFrame("yaml/loader.py", true)),
        DependencyFrame.of("/usr/lib/python3/dist-packages/yaml/loader.py"));
    // a virtualenv inside a site-packages tree: the innermost one holds the file
    assertEquals(Optional.of(new DependencyFrame("six.py", true)),
        DependencyFrame.of("/opt/site-packages/tool/venv/lib/python3.11/site-packages/six.py"));
    assertEquals(Optional.empty(), DependencyFrame.of("/usr/local/lib/python3.12/site-packages/"));
  }

  @Test
  void relativeModulePathsMayBeDependencies() {
    assertEquals(Optional.of(new DependencyFrame("flask/app.py", false)), DependencyFrame.of("flask/app.py"));
    assertEquals(Optional.empty(), DependencyFrame.of("/srv/app/main.py"));
    assertEquals(Optional.empty(), DependencyFrame.of("./main.py"));
    assertEquals(Optional.empty(), DependencyFrame.of("<frozen runpy>"));
  }

  /** The table's distributions first, then the import name's own (a distribution may be named so too). */
  @Test
  void importNamesMapToDistributions() {
    assertEquals(List.of("pyyaml", "yaml"), ImportNames.candidates("yaml/loader.py"));
    assertEquals(List.of("pillow", "pil"), ImportNames.candidates("PIL/Image.py"));
    assertEquals(List.of("protobuf", "google"), ImportNames.candidates("google/protobuf/message.py"));
    assertEquals(List.of("python-dateutil", "dateutil"), ImportNames.candidates("dateutil/parser/_parser.py"));
    assertEquals(List.of("beautifulsoup4", "bs4"), ImportNames.candidates("bs4/element.py"));
    assertEquals(List.of("scikit-learn", "sklearn"), ImportNames.candidates("sklearn/base.py"));
    assertEquals(List.of("pyjwt", "jwt"), ImportNames.candidates("jwt/api_jwt.py"));
    assertEquals(List.of("attrs", "attr"), ImportNames.candidates("attr/_make.py"));
    assertTrue(ImportNames.candidates("cv2/__init__.py").containsAll(List.of("opencv-python", "opencv-python-headless")));
    assertEquals(List.of("typing-extensions"), ImportNames.candidates("typing_extensions.py"));
    assertEquals(List.of("flask"), ImportNames.candidates("flask/app.py"));
  }

  @Test
  void distributionNamesArePep503Normalised() {
    assertEquals("zope-interface", RepoRef.pep503("zope.interface"));
    assertEquals("python-dateutil", RepoRef.pep503("Python_DateUtil"));
    assertEquals(RepoRef.pypi("Flask"), RepoRef.pypi("flask"));
    assertTrue(RepoRef.pypi("flask").publicHost());
  }
}
