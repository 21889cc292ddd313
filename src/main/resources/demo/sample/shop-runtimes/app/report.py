"""Daily sales report: sums the day's orders and writes them as JSON for the dashboard."""

from __future__ import annotations

import json
from collections import defaultdict


def daily_totals(orders: list[dict]) -> dict[str, int]:
    totals: dict[str, int] = defaultdict(int)
    for order in orders:
        totals[order["day"]] += order["total_cents"]
    return dict(totals)


def write_report(orders: list[dict], path: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        # json.encoder's iterencode is the hot frame of this job
        json.dump(daily_totals(orders), out, indent=2, sort_keys=True)
