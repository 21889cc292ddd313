package dev.sourcegate.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Each form is encoded once and kept; forms are kept apart. */
class EncodedFormsTest {
  @Test
  void eachFormIsEncodedOnceAndKeptApart() {
    EncodedForms forms = new EncodedForms();
    AtomicInteger encodes = new AtomicInteger();
    Buffer[] first = new Buffer[EncodedForms.FORMS];
    for (int round = 0; round < 3; round++) {
      for (int form = 0; form < EncodedForms.FORMS; form++) {
        int f = form;
        Buffer body = forms.get(form, () -> {
          encodes.incrementAndGet();
          return Buffer.buffer("form " + f);
        });
        assertEquals("form " + form, body.toString());
        if (round == 0) {
          first[form] = body;
        } else {
          assertSame(first[form], body);
        }
      }
    }
    assertEquals(EncodedForms.FORMS, encodes.get());
  }

  @Test
  void aRacingEncodeGivesWayToTheFirstKept() {
    EncodedForms forms = new EncodedForms();
    Buffer kept = Buffer.buffer("kept");
    // the encode of a caller that lost the race: another caller's body lands while it encodes
    Buffer got = forms.get(1, () -> {
      forms.get(1, () -> kept);
      return Buffer.buffer("late");
    });
    assertSame(kept, got);
    assertSame(kept, forms.get(1, () -> Buffer.buffer("never")));
  }
}
