"""Checkout worker: turns a cart into an order and charges it."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

log = logging.getLogger(__name__)

TAX_RATE = Decimal("0.19")
CENT = Decimal("0.01")


@dataclass
class Line:
    sku: str
    quantity: int
    unit_price: Decimal


@dataclass
class Order:
    customer: str
    lines: list[Line] = field(default_factory=list)

    def subtotal(self) -> Decimal:
        return sum((line.unit_price * line.quantity for line in self.lines), Decimal("0"))

    def tax(self) -> Decimal:
        return (self.subtotal() * TAX_RATE).quantize(CENT, rounding=ROUND_HALF_UP)

    def total(self) -> Decimal:
        return self.subtotal() + self.tax()


class PaymentDeclined(Exception):
    """The payment gateway said no, or never answered."""


def charge(gateway, order: Order, attempts: int = 3) -> str:
    """Charges the order, retrying timeouts with a growing pause; returns the receipt id."""
    delay = 0.2
    for attempt in range(1, attempts + 1):
        try:
            return gateway.charge(order.customer, order.total())
        except TimeoutError:
            log.warning("charge timed out (attempt %d of %d)", attempt, attempts)
            time.sleep(delay)
            delay *= 2
    raise PaymentDeclined(f"no answer from the payment gateway after {attempts} attempts")


def place_order(gateway, customer: str, cart: dict[str, tuple[int, Decimal]]) -> Order:
    """Prices the cart, charges it and returns the order."""
    order = Order(customer, [Line(sku, qty, price) for sku, (qty, price) in sorted(cart.items())])
    if not order.lines:
        raise ValueError("empty cart")
    receipt = charge(gateway, order)
    log.info("order placed for %s: %s (receipt %s)", customer, order.total(), receipt)
    return order
