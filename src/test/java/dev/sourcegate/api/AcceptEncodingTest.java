package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a response is gzipped: Accept-Encoding as HTTP defines it (codings, q-values, "*"). */
class AcceptEncodingTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "null|false",
      "''|false",
      "gzip|true",
      "GZIP|true",
      "x-gzip|true",
      "br, gzip;q=0.8|true",
      "gzip;q=0|false",
      "gzip; q=0.0|false",
      "gzip;q=0.001|true",
      "gzip;q=1|true",
      "gzip;q=2|false",
      "gzip;q=abc|false",
      "br|false",
      "identity|false",
      "*|true",
      "*;q=0|false",
      "gzip;q=0, *|false",
      "*, gzip;q=0|false",
      "br;q=1, *;q=0.5|true",
      "deflate, br|false",
      "gzipped|false",
      " gzip |true",
  })
  void gzipIsChosenWhenTheClientTakesIt(String header, boolean expected) {
    assertEquals(expected, ConnectHeaders.acceptsGzip(header), String.valueOf(header));
  }
}
