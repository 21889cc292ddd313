package dev.sourcegate.api;

/**
 * Things of one HTTP verticle that must happen before a deadline, swept by one timer rather than a
 * timer each: exchanges whose request body is still arriving, and connections that owe the headers of
 * their next request. An exchange joins when its headers have been read (Vert.x delivers the body after
 * the request handler returns) and leaves when its body has arrived, nearly always in the same read: a
 * timer of its own per request would be set and cancelled for nothing (in Vert.x a map entry and a
 * priority-queue insert and removal), where joining and leaving a linked list costs a few field writes,
 * and only a late member is ever looked at by a sweep. An exchange that goes on to wait for another
 * verticle arms its own exact timer. Deadlines are System.nanoTime() values (a wall-clock step must not
 * fail or extend them). Single-threaded: used from the verticle's event loop only.
 */
final class SweptDeadlines {
  /** How often waiting bodies are checked: the most a late body's deadline answer can lag. */
  static final long SWEEP_MS = 25;

  /** A member of the list. */
  abstract static class Waiting {
    private Waiting prev;
    private Waiting next;
    private boolean linked;
    private long deadlineNanos;

    /** Called by a sweep once the deadline has passed; the member is no longer in the list. */
    abstract void expired();
  }

  /** Arms a timer that sweeps the list every period while it has members, and none while it is empty. */
  static final class Swept {
    private final io.vertx.core.Vertx vertx;
    private final long periodMs;
    private final SweptDeadlines list = new SweptDeadlines();
    private long timer = -1;

    Swept(io.vertx.core.Vertx vertx, long periodMs) {
      this.vertx = vertx;
      this.periodMs = periodMs;
    }

    void add(Waiting w, long deadlineNanos) {
      list.add(w, deadlineNanos);
      if (timer < 0) {
        schedule();
      }
    }

    void remove(Waiting w) {
      list.remove(w);
    }

    int size() {
      return list.size();
    }

    private void schedule() {
      timer = vertx.setTimer(periodMs, id -> {
        timer = -1;
        list.sweep(System.nanoTime());
        if (list.size() > 0) {
          schedule();
        }
      });
    }
  }

  private Waiting head;
  private int size;

  void add(Waiting w, long deadlineNanos) {
    if (w.linked) {
      return;
    }
    w.deadlineNanos = deadlineNanos;
    w.linked = true;
    w.prev = null;
    w.next = head;
    if (head != null) {
      head.prev = w;
    }
    head = w;
    size++;
  }

  void remove(Waiting w) {
    if (!w.linked) {
      return;
    }
    if (w.prev != null) {
      w.prev.next = w.next;
    } else {
      head = w.next;
    }
    if (w.next != null) {
      w.next.prev = w.prev;
    }
    w.prev = null;
    w.next = null;
    w.linked = false;
    size--;
  }

  int size() {
    return size;
  }

  /**
   * Takes out and notifies every exchange whose deadline is at or before nowNanos. The due are listed
   * first: a notified exchange may take others out of the list (they are then not notified).
   */
  void sweep(long nowNanos) {
    java.util.List<Waiting> due = null;
    for (Waiting w = head; w != null; w = w.next) {
      if (w.deadlineNanos - nowNanos <= 0) {
        if (due == null) {
          due = new java.util.ArrayList<>();
        }
        due.add(w);
      }
    }
    if (due != null) {
      for (Waiting w : due) {
        if (w.linked) {
          remove(w);
          w.expired();
        }
      }
    }
  }
}
