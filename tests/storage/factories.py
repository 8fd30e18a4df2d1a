"""Small builders for storage tests: a clock, disputes, evidence, matches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from chargepilot.domain.case import Check, Evidence
from chargepilot.domain.disputes import Charge, Dispute, DisputeReason, DisputeStatus
from chargepilot.domain.matching import Match, MatchMethod
from chargepilot.domain.money import Money
from chargepilot.storage import Database, Packet

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


class FakeClock:
    """A clock that only moves when a test says so."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def make_dispute(
    dispute_id: str = "dp_1",
    *,
    amount: Money | None = None,
    reason: DisputeReason = DisputeReason.PRODUCT_NOT_RECEIVED,
    status: DisputeStatus = DisputeStatus.NEEDS_RESPONSE,
    due_by: datetime | None = START + timedelta(days=10),
    account: str | None = None,
) -> Dispute:
    amount = amount or Money(2912, "USD")
    charge = Charge(id=f"ch_{dispute_id}", amount=amount, created=START)
    return Dispute(
        id=dispute_id,
        charge=charge,
        amount=amount,
        reason=reason,
        status=status,
        created=START,
        due_by=due_by,
        account=account,
    )


def make_evidence(
    argument: str = "Delivered on 3 March to the card's address.",
) -> Evidence:
    return Evidence(
        reason=DisputeReason.PRODUCT_NOT_RECEIVED,
        fields={"shipping_carrier": "UPS", "shipping_tracking_number": "1Z999"},
        argument=argument,
        checklist=(
            Check("tracking number", passed=True, weight=3),
            Check("delivery confirmed", passed=False, weight=1),
        ),
        missing=("delivery confirmation",),
        packet_field="shipping_documentation",
    )


def make_match(order_id: int = 501) -> Match:
    return Match(
        order_id=order_id,
        confidence=0.97,
        method=MatchMethod.PAYMENT_ID,
        reasons=("charge id on the order",),
        rivals=(502,),
    )


def make_packet(sha256: str = "a" * 64) -> Packet:
    return Packet(sha256=sha256, size=48_213, pages=6, path="/packets/dp_1-1.pdf")


@dataclass(frozen=True)
class Merchant:
    tenant_id: int
    store_id: int


def add_merchant(db: Database, name: str, store_hash: str) -> Merchant:
    with db.session() as unit:
        tenant = unit.stores.create_tenant(name)
        store = unit.stores.add_store(tenant.id, store_hash, f"{name} store")
    return Merchant(tenant.id, store.id)


def add_dispute(db: Database, merchant: Merchant, dispute_id: str = "dp_1") -> None:
    with db.session() as unit:
        unit.disputes.get_or_create(
            make_dispute(dispute_id), store_id=merchant.store_id
        )


def insert_row(db: Database, row: object) -> None:
    """Add a raw ORM row, bypassing the repositories, to test constraints."""
    with db.session() as unit:
        unit.session.add(row)
        unit.session.flush()
