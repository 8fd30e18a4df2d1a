"""Dispute outcomes and the recovery fee each one earned."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from chargepilot.domain.fee import recovery_fee
from chargepilot.domain.money import Money, MoneyError
from chargepilot.errors import NotFoundError
from chargepilot.storage.models import DisputeRow, LedgerEntryRow
from chargepilot.storage.records import LedgerEntry, Outcome
from chargepilot.storage.repository import Repository
from chargepilot.storage.statements import insert_if_absent


class LedgerRepository(Repository):
    def record_outcome(
        self,
        dispute_id: str,
        outcome: Outcome,
        *,
        recovered: Money | None = None,
    ) -> LedgerEntry:
        """Book a closed dispute once; a repeat returns the first booking.

        `recovered` defaults to the disputed amount when won. The fee is
        12% of it, only when won, in the dispute's currency and minor units.
        """
        dispute = self._session.get(DisputeRow, dispute_id)
        if dispute is None:
            raise NotFoundError(f"no dispute {dispute_id}")
        amount = _recovered(dispute, outcome, recovered)
        fee = recovery_fee(amount, won=outcome is Outcome.WON)
        values = {
            "tenant_id": dispute.tenant_id,
            "dispute_id": dispute_id,
            "outcome": outcome.value,
            "recovered_amount": amount.amount,
            "currency": amount.currency,
            "fee_amount": fee.amount,
            "recorded_at": self._clock(),
        }
        insert_if_absent(self._session, LedgerEntryRow, values, ["dispute_id"])
        return self.entry(dispute_id)

    def entry(self, dispute_id: str) -> LedgerEntry:
        row = self._session.scalar(
            select(LedgerEntryRow).where(LedgerEntryRow.dispute_id == dispute_id)
        )
        if row is None:
            raise NotFoundError(f"no ledger entry for {dispute_id}")
        return _entry(row)

    def entries(
        self,
        tenant_id: int,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[LedgerEntry]:
        """A tenant's bookings in [since, until), oldest first."""
        query = select(LedgerEntryRow).where(LedgerEntryRow.tenant_id == tenant_id)
        if since is not None:
            query = query.where(LedgerEntryRow.recorded_at >= since)
        if until is not None:
            query = query.where(LedgerEntryRow.recorded_at < until)
        query = query.order_by(LedgerEntryRow.recorded_at, LedgerEntryRow.id)
        return [_entry(row) for row in self._session.scalars(query)]

    def fees_by_currency(
        self, tenant_id: int, *, since: datetime, until: datetime
    ) -> dict[str, Money]:
        """What a tenant owes for [since, until), one total per currency."""
        totals: dict[str, Money] = {}
        for entry in self.entries(tenant_id, since=since, until=until):
            zero = Money.zero(entry.fee.currency)
            totals[entry.fee.currency] = (
                totals.get(entry.fee.currency, zero) + entry.fee
            )
        return totals


def _recovered(dispute: DisputeRow, outcome: Outcome, given: Money | None) -> Money:
    disputed = Money(dispute.amount, dispute.currency)
    if outcome is not Outcome.WON:
        return Money.zero(disputed.currency)
    if given is None:
        return disputed
    if given.currency != disputed.currency:
        raise MoneyError(f"recovered {given.currency} on a {disputed.currency} dispute")
    return given


def _entry(row: LedgerEntryRow) -> LedgerEntry:
    return LedgerEntry(
        tenant_id=row.tenant_id,
        dispute_id=row.dispute_id,
        outcome=Outcome(row.outcome),
        recovered=Money(row.recovered_amount, row.currency),
        fee=Money(row.fee_amount, row.currency),
        recorded_at=row.recorded_at,
    )
