"""Shipments and delivery: carrier, tracking, dates, where each went."""

from __future__ import annotations

from chargepilot.domain.orders import Shipment, StoreRecord
from chargepilot.evidence.budget import Budget
from chargepilot.evidence.model import Block, Facts, Grid, Heading, Section, Text, Tone
from chargepilot.evidence.text import NOT_RECORDED, count, day, plain


def build(record: StoreRecord, budget: Budget) -> Section:
    order = record.order
    blocks: list[Block] = [Facts(_status(record))]
    shipments = sorted(record.shipments, key=lambda s: (s.created, s.id))
    condensed: tuple[str, ...] = ()
    if not shipments:
        why = " It is a digital order." if order.is_digital else ""
        blocks.append(Text(f"The store has no shipment for this order.{why}"))
    else:
        if len(shipments) > 1:
            blocks.append(Text(f"The order was split into {len(shipments)} shipments."))
        shown = shipments[: budget.shipments]
        blocks.append(_grid(shown, record))
        if len(shipments) > len(shown):
            note = _rest_note(shipments[len(shown) :])
            blocks.append(Text(note, Tone.CONDENSED))
            condensed = (note,)
    blocks += _destinations(record)
    return Section("Shipment and delivery", tuple(blocks), condensed)


def _status(record: StoreRecord) -> tuple[tuple[str, str], ...]:
    order = record.order
    status = plain(order.status_label) or order.status.label
    return (
        ("Order", f"#{order.id}"),
        ("Order status", status),
        ("Items shipped", f"{order.items_shipped} of {order.items_total}"),
        ("Shipments", count(len(record.shipments))),
    )


def _grid(shipments: list[Shipment], record: StoreRecord) -> Grid:
    addresses = {a.id: a.address for a in record.shipping_addresses}
    rows = []
    for number, s in enumerate(shipments, 1):
        tracking = s.tracking_number or NOT_RECORDED
        if s.tracking_link:
            tracking += f"\n{s.tracking_link}"
        place = addresses.get(s.order_address_id)
        where = f"{plain(place.name)}\n{plain(place.one_line())}" if place else ""
        delivered = day(s.delivered_at) if s.delivered_at else "No delivery scan"
        carrier = plain(s.carrier) or NOT_RECORDED
        rows.append((str(number), carrier, tracking, day(s.created), delivered, where))
    header = ("#", "Carrier", "Tracking number", "Shipped", "Delivered", "Ship to")
    return Grid(header, tuple(rows), (0.05, 0.11, 0.32, 0.13, 0.14, 0.25))


def _rest_note(rest: list[Shipment]) -> str:
    delivered = sum(1 for s in rest if s.delivered_at)
    return (
        f"{count(len(rest))} more shipments from {day(rest[0].created)} to "
        f"{day(rest[-1].created)} not listed; {count(delivered)} of them "
        "have a delivery scan"
    )


def _destinations(record: StoreRecord) -> list[Block]:
    if not record.shipping_addresses:
        return []
    rows = tuple(
        (plain(a.address.name), plain(a.address.one_line()), plain(a.shipping_method))
        for a in record.shipping_addresses[:10]
    )
    grid = Grid(("Recipient", "Shipping address", "Method"), rows, (0.25, 0.5, 0.25))
    return [Heading("Shipping addresses on the order"), grid]
