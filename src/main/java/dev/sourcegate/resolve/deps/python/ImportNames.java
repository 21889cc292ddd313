package dev.sourcegate.resolve.deps.python;

import dev.sourcegate.source.RepoRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which distribution an import name comes from. Mostly the lock file's own names, PEP 503-normalised
 * ({@code typing_extensions} is typing-extensions); the rest is this table of the well-known distributions
 * whose top-level package is named otherwise. The facts are the distributions' own: each one's wheel lists
 * its top-level packages in {@code *.dist-info/top_level.txt} (and RECORD), and its documentation says
 * "pip install X, import Y". Where several distributions install one import name (opencv-python and its
 * headless build, psycopg2 and psycopg2-binary), each is a candidate and the locked one is taken.
 * A two-segment key is a namespace package's ({@code google/protobuf}), tried before the first segment.
 */
public final class ImportNames {
  private static final Map<String, List<String>> KNOWN = Map.ofEntries(
      Map.entry("yaml", List.of("pyyaml")),
      Map.entry("_yaml", List.of("pyyaml")),
      Map.entry("PIL", List.of("pillow")),
      Map.entry("google/protobuf", List.of("protobuf")),
      Map.entry("google/auth", List.of("google-auth")),
      Map.entry("google/api_core", List.of("google-api-core")),
      Map.entry("googleapiclient", List.of("google-api-python-client")),
      Map.entry("dateutil", List.of("python-dateutil")),
      Map.entry("bs4", List.of("beautifulsoup4")),
      Map.entry("sklearn", List.of("scikit-learn")),
      Map.entry("skimage", List.of("scikit-image")),
      Map.entry("cv2", List.of("opencv-python", "opencv-python-headless", "opencv-contrib-python",
          "opencv-contrib-python-headless")),
      Map.entry("jwt", List.of("pyjwt")),
      Map.entry("attr", List.of("attrs")),
      Map.entry("OpenSSL", List.of("pyopenssl")),
      Map.entry("Crypto", List.of("pycryptodome", "pycrypto")),
      Map.entry("nacl", List.of("pynacl")),
      Map.entry("dns", List.of("dnspython")),
      Map.entry("dotenv", List.of("python-dotenv")),
      Map.entry("multipart", List.of("python-multipart")),
      Map.entry("jose", List.of("python-jose")),
      Map.entry("magic", List.of("python-magic")),
      Map.entry("slugify", List.of("python-slugify")),
      Map.entry("docx", List.of("python-docx")),
      Map.entry("psycopg2", List.of("psycopg2", "psycopg2-binary")),
      Map.entry("MySQLdb", List.of("mysqlclient")),
      Map.entry("pkg_resources", List.of("setuptools")),
      Map.entry("_cffi_backend", List.of("cffi")),
      Map.entry("git", List.of("gitpython")),
      Map.entry("grpc", List.of("grpcio")),
      Map.entry("zmq", List.of("pyzmq")),
      Map.entry("serial", List.of("pyserial")),
      Map.entry("socks", List.of("pysocks")),
      Map.entry("websocket", List.of("websocket-client")),
      Map.entry("kafka", List.of("kafka-python")),
      Map.entry("fitz", List.of("pymupdf")),
      Map.entry("gi", List.of("pygobject")));

  private ImportNames() {}

  /**
   * The distributions (PEP 503 names) that may install the module at member, a path as installed
   * ({@code flask/app.py}, {@code google/protobuf/message.py}, {@code six.py}), most specific first.
   */
  public static List<String> candidates(String member) {
    String[] segments = member.split("/");
    List<String> out = new ArrayList<>();
    if (segments.length > 2) {
      out.addAll(KNOWN.getOrDefault(segments[0] + "/" + segments[1], List.of()));
    }
    String first = segments.length == 1 && segments[0].endsWith(".py")
        ? segments[0].substring(0, segments[0].length() - ".py".length()) : segments[0];
    out.addAll(KNOWN.getOrDefault(first, List.of()));
    String own = RepoRef.pep503(first);
    if (!own.isEmpty() && !out.contains(own)) {
      out.add(own);
    }
    return out;
  }
}
