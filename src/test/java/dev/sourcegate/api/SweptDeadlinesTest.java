package dev.sourcegate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list of exchanges awaiting their body: joins, leaves, and a sweep that takes out only the late. */
class SweptDeadlinesTest {
  private final SweptDeadlines list = new SweptDeadlines();
  private final List<String> late = new ArrayList<>();

  private class Named extends SweptDeadlines.Waiting {
    final String name;
    Named(String name) {
      this.name = name;
    }

    @Override
    void expired() {
      late.add(name);
    }
  }

  @Test
  void aSweepTakesOutOnlyThoseWhoseDeadlineHasPassed() {
    Named a = new Named("a");
    Named b = new Named("b");
    Named c = new Named("c");
    list.add(a, 100);
    list.add(b, 300);
    list.add(c, 200);
    list.sweep(99);
    assertEquals(List.of(), late);
    list.sweep(200);
    assertEquals(List.of("c", "a"), late, "every one due, in list order");
    assertEquals(1, list.size());
    list.sweep(1_000);
    assertEquals(List.of("c", "a", "b"), late);
    assertEquals(0, list.size());
    list.sweep(10_000);
    assertEquals(3, late.size(), "nobody is told twice");
  }

  @Test
  void aBodyThatArrivedIsNeverLate() {
    Named a = new Named("a");
    Named b = new Named("b");
    Named c = new Named("c");
    list.add(a, 10);
    list.add(b, 10);
    list.add(c, 10);
    list.remove(b); // the middle
    list.remove(c); // the head
    list.remove(c); // twice is harmless
    list.sweep(100);
    assertEquals(List.of("a"), late);
    assertEquals(0, list.size());
  }

  @Test
  void joiningTwiceKeepsOneEntryAndTheFirstDeadline() {
    Named a = new Named("a");
    list.add(a, 10);
    list.add(a, 1_000);
    assertEquals(1, list.size());
    list.sweep(20);
    assertEquals(List.of("a"), late);
  }

  @Test
  void aLateExchangeMayLeaveOthersDuringTheSweep() {
    Named b = new Named("b");
    Named a = new Named("a") {
      @Override
      void expired() {
        super.expired();
        list.remove(b); // e.g. the same connection went away
      }
    };
    list.add(b, 500);
    list.add(a, 10); // head, then b
    list.sweep(20);
    assertEquals(List.of("a"), late);
    assertEquals(0, list.size());
  }

  @Test
  void oneThatLeftDuringTheSweepIsNotToldItIsLate() {
    Named b = new Named("b");
    Named c = new Named("c");
    Named a = new Named("a") {
      @Override
      void expired() {
        super.expired();
        list.remove(b);
      }
    };
    list.add(c, 10);
    list.add(b, 10);
    list.add(a, 10); // a, b, c: all due
    list.sweep(20);
    assertEquals(List.of("a", "c"), late, "b left before its turn; c is still reached");
    assertEquals(0, list.size());
  }

  @Test
  void manyWaitersAreSweptInOnePass() {
    List<Named> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Named n = new Named("n" + i);
      all.add(n);
      list.add(n, i % 2 == 0 ? 5 : 50);
    }
    list.sweep(10);
    assertEquals(5_000, late.size());
    assertTrue(late.stream().allMatch(x -> Integer.parseInt(x.substring(1)) % 2 == 0));
    assertEquals(5_000, list.size());
  }
}
