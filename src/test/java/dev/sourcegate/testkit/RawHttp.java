package dev.sourcegate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading HTTP/1.1 answers off a raw socket, for tests that must write malformed or slow requests. */
public final class RawHttp {
  private RawHttp() {}

  /** Reads one HTTP/1.1 response (headers and a Content-Length body); EOF ends it too. */
  public static String response(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    int length = -1;
    int headEnd = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      got.write(b);
      String text = got.toString(StandardCharsets.ISO_8859_1);
      if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
        headEnd = text.length();
        for (String line : text.split("\r\n")) {
          if (line.toLowerCase().startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
      }
      if (headEnd >= 0 && text.length() - headEnd >= Math.max(0, length)) {
        break;
      }
    }
    return got.toString(StandardCharsets.UTF_8);
  }
}
