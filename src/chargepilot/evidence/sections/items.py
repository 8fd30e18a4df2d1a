"""What was bought and what was refunded."""

from __future__ import annotations

from chargepilot.domain.case import Case
from chargepilot.domain.money import Money, total
from chargepilot.domain.orders import LineItem, Order, Refund, StoreRecord
from chargepilot.evidence.budget import Budget
from chargepilot.evidence.model import Block, Facts, Grid, Section, Text, Tone
from chargepilot.evidence.text import count, day, money, plain


def line_items(record: StoreRecord, budget: Budget) -> Section:
    items, order = record.line_items, record.order
    shown = items[: budget.line_items]
    blocks: list[Block] = []
    condensed: tuple[str, ...] = ()
    if shown:
        blocks.append(_items_grid(shown))
    else:
        blocks.append(Text("The store returned no line items for this order."))
    if len(items) > len(shown):
        note = _rest_note(items[len(shown) :], order.total.currency)
        blocks.append(Text(note, Tone.CONDENSED))
        condensed = (f"Line items: {note}.",)
    units = sum(i.quantity for i in items)
    if order.items_total and units != order.items_total:
        said = f"The order says {count(order.items_total)} items"
        blocks.append(Text(f"{said}; the store listed {count(units)}.", Tone.NOTE))
    blocks.append(Facts(_totals(record)))
    return Section("Line items", tuple(blocks), condensed)


def _items_grid(items: tuple[LineItem, ...]) -> Grid:
    rows = tuple(
        (
            plain(i.name),
            plain(i.sku),
            count(i.quantity),
            money(i.unit_price),
            money(i.total),
        )
        for i in items
    )
    header = ("Item", "SKU", "Qty", "Unit price", "Total")
    widths = (0.46, 0.18, 0.08, 0.14, 0.14)
    return Grid(header, rows, widths, numeric=frozenset({2, 3, 4}))


def _rest_note(rest: tuple[LineItem, ...], currency: str) -> str:
    units = sum(i.quantity for i in rest)
    worth = total([i.total for i in rest if i.total.currency == currency], currency)
    return (
        f"{count(len(rest))} more line items ({count(units)} units, worth "
        f"{money(worth)}) not listed; the order total below includes them"
    )


def _totals(record: StoreRecord) -> tuple[tuple[str, str], ...]:
    order = record.order
    rows = [
        ("Subtotal", _maybe(order.subtotal)),
        ("Shipping", _maybe(order.shipping_cost)),
        ("Tax", _maybe(order.tax)),
        ("Discount", _maybe(order.discount)),
        *((f"Coupon {plain(c.code)}", money(c.discount)) for c in record.coupons),
        ("Store credit", _maybe(order.store_credit)),
        ("Gift certificate", _maybe(order.gift_certificate)),
        ("Order total", money(order.total)),
        ("Payment", _payment(order)),
    ]
    return tuple((k, v) for k, v in rows if v)


def _maybe(amount: Money | None) -> str:
    """An amount worth a row: present and not zero."""
    return money(amount) if amount is not None and amount.amount else ""


def _payment(order: Order) -> str:
    method, status = plain(order.payment_method), plain(order.payment_status)
    if method and status:
        return f"{method} ({status})"
    return method or status


def refunds(case: Case, record: StoreRecord, budget: Budget) -> Section:
    history = sorted(record.refunds, key=lambda r: (r.created, r.id))
    blocks: list[Block] = []
    condensed: tuple[str, ...] = ()
    if not history:
        blocks.append(Text("The store has no refund recorded for this order."))
    else:
        shown = history[: budget.refunds]
        blocks.append(_refund_grid(shown))
        if len(history) > len(shown):
            note = _refund_note(history[len(shown) :], record.order.total.currency)
            blocks.append(Text(note, Tone.CONDENSED))
            condensed = (f"Refunds: {note}.",)
    blocks.append(Facts(_refund_totals(case, history, record.order.total.currency)))
    return Section("Refund history", tuple(blocks), condensed)


def _refund_grid(shown: list[Refund]) -> Grid:
    rows = tuple((day(r.created), money(r.amount), plain(r.reason)) for r in shown)
    widths = (0.2, 0.2, 0.6)
    return Grid(("Date", "Amount", "Reason"), rows, widths, numeric=frozenset({1}))


def _refund_note(rest: list[Refund], currency: str) -> str:
    worth = total([r.amount for r in rest if r.amount.currency == currency], currency)
    return f"{count(len(rest))} later refunds worth {money(worth)} not listed"


def _refund_totals(
    case: Case, history: list[Refund], currency: str
) -> tuple[tuple[str, str], ...]:
    store = total(
        [r.amount for r in history if r.amount.currency == currency], currency
    )
    stripe = case.dispute.charge.amount_refunded
    rows = [("Refunded in the store", money(store))]
    if stripe is not None:
        rows.append(("Refunded on the Stripe charge", money(stripe)))
    return tuple(rows)
