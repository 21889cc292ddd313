package com.demo.shop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The back office's cart: the same pricing rules as the Go service's internal/cart. */
public final class Cart {
  /** One line of the cart; prices are in cents. */
  public record Item(String sku, int quantity, long unitPriceCents) {
    public Item {
      Objects.requireNonNull(sku, "sku");
      if (quantity <= 0) {
        throw new IllegalArgumentException("quantity must be positive: " + quantity);
      }
    }

    /** The line's price less the volume discount: 5% from 10 items, 10% from 50. */
    public long total() {
      long line = unitPriceCents * quantity;
      if (quantity >= 50) {
        return line - line / 10;
      }
      if (quantity >= 10) {
        return line - line / 20;
      }
      return line;
    }
  }

  private final String customer;
  private final List<Item> items = new ArrayList<>();

  public Cart(String customer) {
    this.customer = Objects.requireNonNull(customer, "customer");
  }

  public String customer() {
    return customer;
  }

  public void add(Item item) {
    items.add(Objects.requireNonNull(item, "item"));
  }

  public List<Item> items() {
    return Collections.unmodifiableList(items);
  }

  /** The cart's total in cents. */
  public long total() {
    long sum = 0;
    for (Item item : items) {
      sum += item.total();
    }
    return sum;
  }
}
