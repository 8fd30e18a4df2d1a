"""What a Case lets us say, with the store's part only when the match holds.

A match that needs review may point at the wrong order, so its record,
lifetime and address comparisons are set aside: the evidence then speaks
from Stripe's data alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from chargepilot.domain.case import AddressComparison, Case, CustomerLifetime
from chargepilot.domain.disputes import Charge, Dispute
from chargepilot.domain.money import Money
from chargepilot.domain.orders import Order, Shipment, StoreRecord

# A subscription's recent renewals: what the customer kept paying for and
# receiving before the charge they now say came after cancelling.
RECENT_DAYS = 120


def day(moment: datetime) -> date:
    """The calendar day of a moment, in UTC when its zone is known.

    Stripe's times are UTC and the store's may carry its own offset; one
    convention keeps the stated dates and the day counts in agreement.
    """
    return moment.astimezone(UTC).date() if moment.tzinfo else moment.date()


def iso(moment: datetime) -> str:
    """A date as Stripe and issuers read it: YYYY-MM-DD."""
    return day(moment).isoformat()


@dataclass(frozen=True, slots=True)
class Facts:
    case: Case
    record: StoreRecord | None  # only when the match can be relied on
    lifetime: CustomerLifetime | None
    addresses: tuple[AddressComparison, ...]

    @classmethod
    def of(cls, case: Case) -> Facts:
        if not trusted(case):
            return cls(case, None, None, ())
        return cls(case, case.record, case.lifetime, case.addresses)

    @property
    def dispute(self) -> Dispute:
        return self.case.dispute

    @property
    def charge(self) -> Charge:
        return self.case.dispute.charge

    @property
    def opened(self) -> date:
        return day(self.case.dispute.created)

    @property
    def order(self) -> Order | None:
        return self.record.order if self.record else None

    def days_before_dispute(self, moment: datetime) -> int:
        """Calendar days from `moment` to the dispute (negative: after it)."""
        return (self.opened - day(moment)).days

    def shipments(self) -> tuple[Shipment, ...]:
        found = self.record.shipments if self.record else ()
        return tuple(sorted(found, key=lambda s: (day(s.created), s.id)))

    def tracked_shipments(self) -> tuple[Shipment, ...]:
        return tuple(s for s in self.shipments() if s.carrier and s.tracking_number)

    def delivered_before_dispute(self) -> tuple[Shipment, ...]:
        return tuple(
            s
            for s in self.shipments()
            if s.delivered_at and self.days_before_dispute(s.delivered_at) >= 0
        )

    def comparison(self, label: str) -> AddressComparison | None:
        return next((a for a in self.addresses if a.label == label), None)

    def refunded_in_store(self) -> Money | None:
        """The store's refunds in the dispute's currency, if any were made."""
        if not self.record or not self.record.refunds:
            return None
        currency = self.dispute.amount.currency
        amounts = [
            r.amount for r in self.record.refunds if r.amount.currency == currency
        ]
        return Money(sum(a.amount for a in amounts), currency) if amounts else None

    def recent_orders(self, days: int = RECENT_DAYS) -> tuple[Order, ...]:
        """Paid orders in the `days` before the disputed one, oldest first."""
        if not self.record:
            return ()
        disputed = self.record.order
        since = disputed.created - timedelta(days=days)
        return tuple(
            o
            for o in sorted(self.record.history, key=lambda o: (o.created, o.id))
            if o.id != disputed.id
            and o.status.is_paid
            and since <= o.created < disputed.created
        )

    def later_orders(self) -> tuple[Order, ...]:
        """Paid orders the customer placed after the disputed one."""
        if not self.record:
            return ()
        disputed = self.record.order
        return tuple(
            o
            for o in sorted(self.record.history, key=lambda o: (o.created, o.id))
            if o.id != disputed.id and o.status.is_paid and o.created > disputed.created
        )


def trusted(case: Case) -> bool:
    """The record is the order the charge paid for, and nobody need check."""
    record = case.record
    return (
        record is not None
        and not case.match.needs_review
        and case.match.order_id == record.order.id
    )
