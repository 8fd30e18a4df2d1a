"""Sentences of the argument, each stating only what the Case holds.

Every function returns "" (or an empty tuple) when its facts are absent,
so a reason module can list them all and get only what is true.
"""

from __future__ import annotations

from datetime import datetime

from chargepilot.domain.matching import MatchMethod
from chargepilot.domain.orders import LineItem, Order, Refund, Shipment
from chargepilot.domain.reasons import signals
from chargepilot.domain.reasons.facts import RECENT_DAYS, Facts, iso
from chargepilot.domain.reasons.limits import Listing, Segment

HOW_MATCHED = {
    MatchMethod.PAYMENT_ID: "the order records this charge's payment id",
    MatchMethod.TRANSACTION_ID: "the order's payment transaction records this charge",
    MatchMethod.EMAIL_AMOUNT_DATE: "it matches the charge by email, amount and date",
    MatchMethod.NAME_ADDRESS: "it matches the charge by name and address",
}
CARD_CHECK_NAMES = (
    ("address_line1_check", "AVS street address"),
    ("address_postal_code_check", "AVS postal code"),
    ("cvc_check", "CVC"),
)
NO_RECORD = (
    "ChargePilot could not tie this charge to a store order with confidence, "
    "so this response states only what Stripe records."
)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def relative(facts: Facts, moment: datetime) -> str:
    """'9 days before the dispute was opened', or after, or the same day."""
    days = facts.days_before_dispute(moment)
    if days == 0:
        return "the same day the dispute was opened"
    side = "before" if days > 0 else "after"
    return f"{plural(abs(days), 'day')} {side} the dispute was opened"


def opening(facts: Facts) -> str:
    dispute = facts.dispute
    reason = dispute.reason.value.replace("_", " ")
    return (
        f"Dispute {dispute.id} ({reason}) was opened on {iso(dispute.created)} "
        f"for {dispute.amount.format()} on Stripe charge {facts.charge.id}."
    )


def order_sentence(facts: Facts) -> str:
    order = facts.order
    if order is None:
        return NO_RECORD
    how = HOW_MATCHED.get(facts.case.match.method, "")
    buyer = customer_label(facts)
    status = order.status_label or order.status.label
    return (
        f"BigCommerce order #{order.id} was placed on {iso(order.created)} for "
        f"{order.total.format()}{f' by {buyer}' if buyer else ''}"
        f"{f'; {how}' if how else ''}. Its status in the store is {status}."
    )


def customer_label(facts: Facts) -> str:
    order = facts.order
    if order is None:
        return ""
    customer = facts.record.customer if facts.record else None
    name = (customer.name if customer else "") or order.billing.name
    email = order.email or (customer.email if customer else "")
    return f"{name} ({email})" if name and email else name or email


def shipping(facts: Facts) -> tuple[Segment, ...]:
    """One shipment as two sentences, several as a listing."""
    shipments = facts.shipments()
    if not shipments:
        return ()
    if len(shipments) == 1:
        return (_one_shipment(facts, shipments[0]),)
    lines = tuple(_shipment_line(facts, s) for s in shipments)
    return (Listing(f"The order left in {len(lines)} shipments:", lines, "shipments"),)


def _one_shipment(facts: Facts, shipment: Shipment) -> str:
    sent = f"It shipped on {iso(shipment.created)}{_carried(shipment)}, "
    sent += f"{relative(facts, shipment.created)}."
    if shipment.delivered_at:
        who = shipment.carrier or "The carrier"
        sent += (
            f" {who} confirmed delivery on {iso(shipment.delivered_at)}, "
            f"{relative(facts, shipment.delivered_at)}."
        )
    return sent


def _carried(shipment: Shipment) -> str:
    carrier = f" with {shipment.carrier}" if shipment.carrier else ""
    number = shipment.tracking_number
    return f"{carrier}, tracking number {number}" if number else carrier


def _shipment_line(facts: Facts, shipment: Shipment) -> str:
    line = f"shipped {iso(shipment.created)}{_carried(shipment)} "
    line += f"({relative(facts, shipment.created)})"
    if shipment.delivered_at:
        when = relative(facts, shipment.delivered_at)
        line += f"; delivered {iso(shipment.delivered_at)} ({when})"
    return line


def addresses(facts: Facts) -> str:
    """Which of the order's addresses match the charge (matches only)."""
    matching = [a.label for a in facts.addresses if a.matches]
    if {"billing", "shipping"} <= set(matching):
        return "The order's billing and shipping addresses match the Stripe charge."
    if matching:
        return f"The order's {matching[0]} address matches the Stripe charge."
    return ""


def lifetime(facts: Facts) -> str:
    found = facts.lifetime
    if found is None or found.order_count < 1:
        return ""
    if found.order_count == 1:
        return "This is the customer's first order with the store."
    since = f" since {iso(found.first_order_at)}" if found.first_order_at else ""
    text = (
        f"The customer has placed {found.order_count} orders with the store{since}, "
        f"spending {found.total_spend.format()} in total"
    )
    if found.account_created_at:
        text += f"; the account was opened on {iso(found.account_created_at)}"
    if found.prior_undisputed:
        priors = plural(len(found.prior_undisputed), "earlier order")
        text += f"; {priors} were paid and never disputed"
    return text + "."


def prior_orders(facts: Facts) -> tuple[Segment, ...]:
    """The earlier undisputed orders, each with what ties it to this one."""
    linked = signals.linked_priors(facts)
    if not linked:
        return ()
    lines = tuple(_prior_line(facts, order, same) for order, same in linked)
    intro = "Earlier orders from this customer, paid and never disputed:"
    return (Listing(intro, lines, "orders"),)


def _prior_line(facts: Facts, order: Order, same: tuple[str, ...]) -> str:
    line = f"#{order.id} on {iso(order.created)}, {order.total.format()}"
    line += f", {order.status_label or order.status.label}"
    if same:
        line += " — " + ", ".join(same)
    if signals.in_ce3_window(facts, order):
        line += " (within Visa's 120–365 day window)"
    return line


def card_checks(facts: Facts) -> str:
    card = facts.charge.card
    if card is None:
        return ""
    results = [
        f"{name} {getattr(card, attr)}"
        for attr, name in CARD_CHECK_NAMES
        if getattr(card, attr)
    ]
    if card.three_d_secure:
        results.append(f"3-D Secure {card.three_d_secure}")
    return (
        f"Stripe's card checks on this charge: {', '.join(results)}." if results else ""
    )


def line_items(facts: Facts) -> tuple[Segment, ...]:
    if not facts.record or not facts.record.line_items:
        return ()
    lines = tuple(item_line(item) for item in facts.record.line_items)
    intro = f"Items on order #{facts.record.order.id}:"
    return (Listing(intro, lines, "items"),)


def item_line(item: LineItem) -> str:
    sku = f" (SKU {item.sku})" if item.sku else ""
    return f"{item.quantity} × {item.name}{sku}, {item.total.format()}"


def joined(*parts: str | tuple[Segment, ...]) -> tuple[Segment, ...]:
    """Sentences become one paragraph; listings stay paragraphs of their own."""
    text: list[Segment] = []
    sentences: list[str] = []
    for part in parts:
        for piece in (part,) if isinstance(part, str) else part:
            if isinstance(piece, str):
                sentences.append(piece)
                continue
            text.extend(_flush(sentences))
            text.append(piece)
    text.extend(_flush(sentences))
    return tuple(text)


def _flush(sentences: list[str]) -> list[Segment]:
    paragraph = " ".join(s for s in sentences if s)
    sentences.clear()
    return [paragraph] if paragraph else []


def purchase_ip(facts: Facts) -> str:
    order = facts.order
    if order is None or not order.ip_address:
        return ""
    return f"It was placed from IP address {order.ip_address}."


def refunds(facts: Facts) -> tuple[Segment, ...]:
    """What the store refunded on the order, and what Stripe shows refunded."""
    stripe = _stripe_refund(facts)
    if facts.record is None:
        return (stripe,) if stripe else ()
    order = facts.record.order
    if not facts.record.refunds:
        return (f"The store has recorded no refund on order #{order.id}.", stripe)
    lines = tuple(_refund_line(facts, r) for r in facts.record.refunds)
    intro = f"Refunds the store recorded on order #{order.id}:"
    refunded = facts.refunded_in_store()
    summary = (
        f"In total the store refunded {refunded.format()} of the "
        f"{order.total.format()} order."
        if refunded
        else ""
    )
    return (Listing(intro, lines, "refunds"), summary, stripe)


def _refund_line(facts: Facts, refund: Refund) -> str:
    line = f"{refund.amount.format()} on {iso(refund.created)} "
    line += f"({relative(facts, refund.created)})"
    return f"{line}: {refund.reason}" if refund.reason else line


def _stripe_refund(facts: Facts) -> str:
    refunded = facts.charge.amount_refunded
    if refunded is None or refunded.amount <= 0:
        return ""
    return f"Stripe shows {refunded.format()} refunded on charge {facts.charge.id}."


def policy(kind: str, text: str, disclosure: str) -> str:
    """The merchant's own policy, quoted, and where the customer saw it."""
    if not text.strip():
        return ""
    shown = f" {disclosure.strip().rstrip('.')}." if disclosure.strip() else ""
    return f'The store\'s {kind} policy reads: "{text.strip()}"{shown}'


def recent_orders(facts: Facts) -> tuple[Segment, ...]:
    """Paid orders in the months before the disputed one, as a listing."""
    recent = facts.recent_orders()
    if not recent or facts.order is None:
        return ()
    intro = (
        f"In the {RECENT_DAYS} days before order #{facts.order.id} the customer "
        f"placed and paid for {plural(len(recent), 'more order')}:"
    )
    return (Listing(intro, tuple(_later_line(o) for o in recent), "orders"),)


def later_orders(facts: Facts) -> tuple[Segment, ...]:
    """Orders the customer placed after the disputed one, as a listing."""
    later = facts.later_orders()
    if not later or facts.order is None:
        return ()
    intro = (
        f"After order #{facts.order.id} the customer placed "
        f"{plural(len(later), 'more paid order')}:"
    )
    return (Listing(intro, tuple(_later_line(o) for o in later), "orders"),)


def _later_line(order: Order) -> str:
    line = f"#{order.id} on {iso(order.created)}, {order.total.format()}"
    line += f", {order.status_label or order.status.label}"
    return f"{line}, from IP address {order.ip_address}" if order.ip_address else line
