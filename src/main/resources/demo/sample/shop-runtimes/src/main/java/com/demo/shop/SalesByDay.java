package com.demo.shop;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Revenue per day, in cents: the back office's daily report adds every order to it. */
public final class SalesByDay {
  private final Map<LocalDate, Long> cents = new HashMap<>();

  public void add(LocalDate day, long amountCents) {
    // HashMap.merge and putVal are where a profile of the report spends its time
    cents.merge(day, amountCents, Long::sum);
  }

  public long on(LocalDate day) {
    return cents.getOrDefault(day, 0L);
  }
}
