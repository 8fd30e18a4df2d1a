"""How many rows each list may show before the rest is summarised."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Budget:
    line_items: int
    recent_orders: int
    shipments: int
    refunds: int
    timeline_events: int


# Tried in order until the packet fits; a table page holds about 40 rows.
LEVELS = (
    Budget(
        line_items=120, recent_orders=60, shipments=30, refunds=30, timeline_events=40
    ),
    Budget(
        line_items=60, recent_orders=30, shipments=15, refunds=15, timeline_events=24
    ),
    Budget(line_items=25, recent_orders=12, shipments=8, refunds=8, timeline_events=14),
    Budget(line_items=8, recent_orders=5, shipments=3, refunds=3, timeline_events=8),
)
