"""Which order a disputed charge paid for, and how sure we are.

Strongest proof first: the Stripe charge or payment intent id recorded on the
order (or on one of its gateway transactions); then the payer's email with the
charged amount and a date window; then the payer's name and billing address.
Every match says why in plain sentences, and names the rivals that fit nearly
as well, so an operator can check it before anything is filed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from chargepilot.domain.disputes import Charge, Dispute
from chargepilot.domain.money import Money, exponent
from chargepilot.domain.orders import Order, OrderStatus, Transaction

# Below this confidence, or with a rival, a match is shown to the operator
# and never submitted automatically.
AUTO_SUBMIT_CONFIDENCE = 0.9

# An order is placed before its charge; a day after covers clocks and
# orders the store writes once the payment settles.
ORDER_WINDOW = timedelta(days=30)
ORDER_LEAD = timedelta(days=1)

# Orders that were never paid cannot be what a charge paid for.
NEVER_MATCH = frozenset(
    {OrderStatus.INCOMPLETE, OrderStatus.DECLINED, OrderStatus.CANCELLED}
)

PAYMENT_ID_CONFIDENCE = 0.99
TRANSACTION_ID_CONFIDENCE = 0.97
EMAIL_CONFIDENCE = 0.8
NAME_ADDRESS_CONFIDENCE = 0.6
NAME_ADDRESS_ONLY_CONFIDENCE = 0.3  # no amount or date agreement
# Name and address agree too: a lone email+amount+date match is then sure.
CORROBORATION_BONUS = 0.12
NAME_ONLY_PENALTY = 0.1  # the name agrees but no address could be compared
AMOUNT_DIFFERS_PENALTY = 0.04  # payment id on the order, total edited since
# Archived orders are hidden from the store's own lists, so the merchant may
# have deleted them on purpose (tests, fraud); the evidence may still be
# right, but a person decides. The factor keeps even a payment-id match
# below AUTO_SUBMIT_CONFIDENCE.
ARCHIVED_FACTOR = 0.85
RIVAL_MARGIN = 0.1
RIVAL_PENALTY = 0.15


class MatchMethod(StrEnum):
    PAYMENT_ID = "payment_id"  # the charge or intent id on the order
    TRANSACTION_ID = "transaction_id"  # ... or on one of its V3 transactions
    EMAIL_AMOUNT_DATE = "email_amount_date"
    NAME_ADDRESS = "name_address"
    NONE = "none"


PROOF = frozenset({MatchMethod.PAYMENT_ID, MatchMethod.TRANSACTION_ID})
RANK = {
    MatchMethod.PAYMENT_ID: 4,
    MatchMethod.TRANSACTION_ID: 3,
    MatchMethod.EMAIL_AMOUNT_DATE: 2,
    MatchMethod.NAME_ADDRESS: 1,
    MatchMethod.NONE: 0,
}


@dataclass(frozen=True, slots=True)
class MatchCandidate:
    """An order that might be the one, with its transactions if fetched."""

    order: Order
    transactions: tuple[Transaction, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    order_id: int | None
    confidence: float  # 0..1
    method: MatchMethod
    reasons: tuple[str, ...] = ()
    rivals: tuple[int, ...] = ()  # other orders that fit nearly as well
    truncated: bool = False  # the candidate search hit its page cap

    @property
    def needs_review(self) -> bool:
        return (
            self.order_id is None
            or bool(self.rivals)
            or self.confidence < AUTO_SUBMIT_CONFIDENCE
        )


@dataclass(frozen=True, slots=True)
class Fit:
    """How one candidate order fits the charge."""

    order: Order
    method: MatchMethod
    confidence: float
    reasons: tuple[str, ...]
    distance: timedelta  # between the order and the charge

    @property
    def key(self) -> tuple[int, float, timedelta, int]:
        """Sorts best first; the order id makes the order total."""
        return (-RANK[self.method], -self.confidence, self.distance, self.order.id)


def normalise_email(s: str) -> str:
    """An email for comparison only: trimmed and case-folded throughout."""
    return s.strip().casefold()


def order_search_window(
    charge: Charge, *, window: timedelta = ORDER_WINDOW
) -> tuple[datetime, datetime]:
    """When the order behind a charge may have been created (inclusive)."""
    created = _utc(charge.created)
    return created - window, created + ORDER_LEAD


def amount_bounds(amount: Money) -> tuple[Decimal, Decimal]:
    """min_total and max_total (major units) for the store's order search.

    The local check accepts a total that rounds to within one minor unit of
    the charge; a 4-decimal total such as 34.1050 rounds up to 34.11, so the
    search reaches half a minor unit further on each side and never drops an
    order the local check would accept.
    """
    step = Decimal(1).scaleb(-exponent(amount.currency))
    middle = amount.to_decimal()
    return middle - step * Decimal("1.5"), middle + step * Decimal("1.5")


def amount_fits(order: Order, charged: Money) -> str | None:
    """Why the order's total accounts for the charge, or None if it does not."""
    if order.total.currency != charged.currency:
        return None
    if order.total.close_to(charged):
        return f"amount {charged} equals the charge"
    paid = _card_share(order)
    if paid is not None and paid.close_to(charged):
        return (
            f"the charge {charged} equals the order total {order.total} "
            "less store credit and gift certificates"
        )
    return None


def match_charge(
    dispute: Dispute,
    candidates: Sequence[MatchCandidate],
    *,
    window: timedelta = ORDER_WINDOW,
) -> Match:
    """The order this dispute's charge paid for, with confidence and reasons."""
    charge = dispute.charge
    merged = _merge(candidates)
    fits = sorted((_assess(charge, c, window) for c in merged), key=lambda fit: fit.key)
    found = [fit for fit in fits if fit.method is not MatchMethod.NONE]
    if not found:
        return _no_match(charge, fits)
    return _choose(found[0], found[1:])


def _merge(candidates: Sequence[MatchCandidate]) -> list[MatchCandidate]:
    """One candidate per order id, with every transaction fetched for it."""
    merged: dict[int, MatchCandidate] = {}
    for candidate in candidates:
        seen = merged.get(candidate.order.id)
        extra = seen.transactions if seen else ()
        transactions = {t.id: t for t in (*extra, *candidate.transactions)}
        ordered = tuple(transactions[k] for k in sorted(transactions))
        merged[candidate.order.id] = MatchCandidate(candidate.order, ordered)
    return list(merged.values())


def _choose(best: Fit, others: Sequence[Fit]) -> Match:
    rivals = tuple(sorted(fit.order.id for fit in others if _rivals(best, fit)))
    confidence, reasons = best.confidence, best.reasons
    if rivals:
        confidence -= RIVAL_PENALTY * min(len(rivals), 3)
        listed = ", ".join(f"#{i}" for i in rivals)
        fits = "orders {} fit" if len(rivals) > 1 else "order {} fits"
        reasons += (f"{fits.format(listed)} the charge nearly as well: review needed",)
    return Match(
        order_id=best.order.id,
        confidence=_clamp(confidence),
        method=best.method,
        reasons=reasons,
        rivals=rivals,
    )


def _rivals(best: Fit, other: Fit) -> bool:
    """Proof is only rivalled by proof; other fits by anything close."""
    if best.method in PROOF:
        return other.method in PROOF
    return other.confidence >= best.confidence - RIVAL_MARGIN


def _no_match(charge: Charge, fits: Sequence[Fit]) -> Match:
    ids = " or ".join(i for i in (charge.id, charge.payment_intent_id) if i)
    if fits:
        summary = (
            f"none of {len(fits)} candidate orders carries {ids} or fits "
            "the charge's email, amount and date"
        )
    else:
        summary = "no order in the store fits the charge's email, amount and date"
    notes = tuple(r for fit in fits[:5] for r in fit.reasons)
    return Match(None, 0.0, MatchMethod.NONE, (summary, *notes))


def _assess(charge: Charge, candidate: MatchCandidate, window: timedelta) -> Fit:
    order = candidate.order
    distance = abs(_utc(order.created) - _utc(charge.created))
    if order.status in NEVER_MATCH:
        status = order.status.label.lower()
        why = f"order #{order.id} is {status}, so the charge cannot have paid it"
        return Fit(order, MatchMethod.NONE, 0.0, (why,), distance)
    fit = _by_payment_id(charge, candidate) or _by_signals(charge, order, window)
    fit = Fit(order, fit.method, fit.confidence, fit.reasons, distance)
    return _archived(fit) if order.is_deleted else fit


def _archived(fit: Fit) -> Fit:
    if fit.method is MatchMethod.NONE:
        return fit
    why = f"order #{fit.order.id} is archived in the store; confirm before filing"
    confidence = fit.confidence * ARCHIVED_FACTOR
    return Fit(fit.order, fit.method, confidence, (*fit.reasons, why), fit.distance)


def _by_payment_id(charge: Charge, candidate: MatchCandidate) -> Fit | None:
    order = candidate.order
    ids = _payment_ids(charge)
    recorded = str(order.payment_provider_id).strip()
    if recorded in ids:
        why = f"{ids[recorded]} {recorded} is recorded on order #{order.id}"
        return _with_amount(charge, order, MatchMethod.PAYMENT_ID, why)
    for tx in candidate.transactions:
        found = tx.gateway_transaction_id.strip()
        if found in ids:
            why = (
                f"transaction {tx.id} of order #{order.id} ({tx.gateway}) "
                f"carries {ids[found]} {found}"
            )
            return _with_amount(charge, order, MatchMethod.TRANSACTION_ID, why)
    return None


def _payment_ids(charge: Charge) -> dict[str, str]:
    ids = {charge.id.strip(): "charge"}
    if charge.payment_intent_id and charge.payment_intent_id.strip():
        ids[charge.payment_intent_id.strip()] = "payment intent"
    ids.pop("", None)
    return ids


def _with_amount(charge: Charge, order: Order, method: MatchMethod, why: str) -> Fit:
    base = (
        PAYMENT_ID_CONFIDENCE
        if method is MatchMethod.PAYMENT_ID
        else TRANSACTION_ID_CONFIDENCE
    )
    amount = amount_fits(order, charge.amount)
    if amount:
        return Fit(order, method, base, (why, amount), timedelta())
    differs = f"order total {order.total} differs from the charged {charge.amount}"
    return Fit(
        order, method, base - AMOUNT_DIFFERS_PENALTY, (why, differs), timedelta()
    )


def _by_signals(charge: Charge, order: Order, window: timedelta) -> Fit:
    """Email, amount and date; else name and address; else no fit."""
    email = _email_reason(charge, order)
    amount = amount_fits(order, charge.amount)
    when = _date_reason(charge, order, window)
    person, placed = _person_reason(charge, order)
    notes = _notes(charge, order, amount, when)
    if email and amount and when:
        extra = (person,) if person and placed else ()
        bonus = CORROBORATION_BONUS if extra else 0.0
        reasons = (email, amount, when, *extra)
        return _fit(
            order, MatchMethod.EMAIL_AMOUNT_DATE, EMAIL_CONFIDENCE + bonus, reasons
        )
    if person and amount and when:
        confidence = NAME_ADDRESS_CONFIDENCE - (0.0 if placed else NAME_ONLY_PENALTY)
        reasons = (person, amount, when, *notes)
        return _fit(order, MatchMethod.NAME_ADDRESS, confidence, reasons)
    if person and placed:
        confidence = NAME_ADDRESS_ONLY_CONFIDENCE
        return _fit(order, MatchMethod.NAME_ADDRESS, confidence, (person, *notes))
    why = f"order #{order.id} does not fit the charge's email, amount and date"
    return _fit(order, MatchMethod.NONE, 0.0, notes or (why,))


def _fit(
    order: Order, method: MatchMethod, confidence: float, reasons: tuple[str, ...]
) -> Fit:
    return Fit(order, method, confidence, reasons, ZERO)


ZERO = timedelta()


def _email_reason(charge: Charge, order: Order) -> str | None:
    ours = normalise_email(order.email)
    if not ours or ours not in {normalise_email(e) for e in charge.candidate_emails()}:
        return None
    guest = " (a guest checkout)" if order.is_guest else ""
    return f"email {ours} is on order #{order.id}{guest} and on the charge"


def _date_reason(charge: Charge, order: Order, window: timedelta) -> str | None:
    start, end = order_search_window(charge, window=window)
    placed = _utc(order.created)
    if not start <= placed <= end:
        return None
    gap = _utc(charge.created) - placed
    side = "before" if gap >= ZERO else "after"
    return f"order #{order.id} was placed {_span(abs(gap))} {side} the charge"


def _person_reason(charge: Charge, order: Order) -> tuple[str | None, bool]:
    """Whether the payer's name agrees, and whether the address does too.

    A name with no address to check still counts (weakly); a name whose
    address contradicts the charge's does not.
    """
    # Imported here: addresses builds case.py's types, and case.py imports
    # this module for Match, so a top-level import would be circular.
    from chargepilot.domain.addresses import compare_addresses, compare_names  # noqa: PLC0415

    name = order.billing.name
    if not compare_names(charge.billing_name or charge.shipping_name, name):
        return None, False
    address = compare_addresses("billing", order.billing, charge.billing_address)
    results = {row.name: row.result.value for row in address.fields}
    if address.matches:
        return f"billing name {name} and address agree with the charge", True
    if "mismatch" in results.values():
        return None, False
    if results.get("postal_code") == "match":
        return f"billing name {name} and postal code agree with the charge", True
    return f"billing name {name} agrees with the charge (no address to compare)", False


def _notes(
    charge: Charge, order: Order, amount: str | None, when: str | None
) -> tuple[str, ...]:
    """Why a candidate falls short, for the operator."""
    notes = []
    if not order.email.strip():
        notes.append(f"order #{order.id} has no email; other signals decide")
    if order.total.currency != charge.amount.currency:
        notes.append(
            f"order #{order.id} is in {order.total.currency} and the charge in "
            f"{charge.amount.currency}; amounts cannot be compared"
        )
    elif amount is None:
        notes.append(f"order #{order.id} total {order.total} is not the charge's")
    if when is None:
        notes.append(f"order #{order.id} was placed outside the charge's date window")
    return tuple(notes)


def _span(gap: timedelta) -> str:
    seconds = int(gap.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return "under a minute"


def _card_share(order: Order) -> Money | None:
    """The part of the total paid by card, when credit or vouchers paid the rest."""
    others = [m for m in (order.store_credit, order.gift_certificate) if m]
    same = [m for m in others if m.currency == order.total.currency and m.amount]
    if not same:
        return None
    return Money(order.total.amount - sum(m.amount for m in same), order.total.currency)


def _utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC so that comparisons never raise."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 4)
