package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sourcegate.bus.EncodedForms;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every codec, plain or gzipped, has a form of its own among a cached answer's encoded forms. */
class AnswerFormsTest {
  @Test
  void everyCodecPlainOrGzippedHasAFormOfItsOwn() {
    Set<Integer> forms = new HashSet<>();
    for (ConnectCodec codec : ConnectCodec.values()) {
      for (boolean gzip : new boolean[] {false, true}) {
        int form = AnswerWriter.form(codec, gzip);
        assertTrue(form >= 0 && form < EncodedForms.FORMS, codec + " gzip=" + gzip + ": form " + form);
        forms.add(form);
      }
    }
    assertEquals(2 * ConnectCodec.values().length, forms.size(), "no two share a form");
  }
}
