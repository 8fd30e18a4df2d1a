"""Disputes: the state machine, the per-dispute lease, and tenant views."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import case, or_, select, update

from chargepilot.domain.disputes import Dispute, DisputeReason, DisputeStatus
from chargepilot.domain.money import Money
from chargepilot.errors import NotFoundError
from chargepilot.storage.errors import (
    IllegalTransitionError,
    StaleStateError,
    TenantMismatchError,
)
from chargepilot.storage.filings import FilingMixin
from chargepilot.storage.models import (
    DisputeRow,
    EvidenceRevisionRow,
    MatchRow,
    StoreRow,
    SubmissionRow,
    UploadRow,
)
from chargepilot.storage.records import TrackedDispute
from chargepilot.storage.statements import affected, insert_if_absent
from chargepilot.storage.states import DisputeState, can_transition, sources_of

StateOrStates = DisputeState | Collection[DisputeState]


class DisputeRepository(FilingMixin):
    """Every dispute ChargePilot tracks, and the only way to move one."""

    def get_or_create(
        self, dispute: Dispute, *, store_id: int
    ) -> tuple[TrackedDispute, bool]:
        """The stored dispute, inserting it in state `received` if new.

        Race-safe: when two workers see the same dispute, one inserts and
        both get the same row. A dispute already filed under another store
        is refused rather than shared.
        """
        store = self._session.get(StoreRow, store_id)
        if store is None:
            raise NotFoundError(f"no store {store_id}")
        now = self._clock()
        values = {
            **_stripe_facts(dispute),
            "id": dispute.id,
            "tenant_id": store.tenant_id,
            "store_id": store_id,
            "charge_id": dispute.charge.id,
            "account": dispute.account,
            "livemode": dispute.livemode,
            "state": DisputeState.RECEIVED.value,
            "attempts": 0,
            "failures": 0,
            "created_at": now,
            "updated_at": now,
            "state_changed_at": now,
        }
        created = insert_if_absent(self._session, DisputeRow, values, ["id"])
        tracked = self.get(dispute.id)
        if tracked.store_id != store_id:
            tracked = self._move(tracked, store)
        return tracked, created

    def _move(self, tracked: TrackedDispute, store: StoreRow) -> TrackedDispute:
        """Re-file a dispute nothing was recorded for under the right store.

        A mistyped store setting files a dispute under the wrong store before
        the store lookup fails; with nothing matched or filed yet, the
        corrected setting may take it. Once anything is, it stays.
        """
        if self._has_records(tracked.id):
            owner = self._session.get(StoreRow, tracked.store_id)
            where = owner.store_hash if owner else str(tracked.store_id)
            raise TenantMismatchError(
                f"dispute {tracked.id} is already on file for store {where}"
            )
        statement = update(DisputeRow).where(DisputeRow.id == tracked.id)
        self._session.execute(
            statement.values(store_id=store.id, tenant_id=store.tenant_id)
        )
        return self.get(tracked.id)

    def _has_records(self, dispute_id: str) -> bool:
        tables = (MatchRow, EvidenceRevisionRow, UploadRow, SubmissionRow)
        return any(
            self._session.scalar(
                select(table.dispute_id).where(table.dispute_id == dispute_id).limit(1)
            )
            is not None
            for table in tables
        )

    def refresh(self, dispute: Dispute) -> TrackedDispute:
        """Take Stripe's latest status, amount and deadline; keep our state."""
        facts = {**_stripe_facts(dispute), "updated_at": self._clock()}
        statement = update(DisputeRow).where(DisputeRow.id == dispute.id)
        if affected(self._session, statement.values(**facts)) != 1:
            raise NotFoundError(f"no dispute {dispute.id}")
        return self.get(dispute.id)

    def get(self, dispute_id: str) -> TrackedDispute:
        return _tracked(self._row(dispute_id))

    def get_for_tenant(self, tenant_id: int, dispute_id: str) -> TrackedDispute:
        """The dispute if `tenant_id` owns it; another tenant's is not found."""
        row = self._session.scalar(
            select(DisputeRow).where(
                DisputeRow.id == dispute_id, DisputeRow.tenant_id == tenant_id
            )
        )
        if row is None:
            raise NotFoundError(f"no dispute {dispute_id}")
        return _tracked(row)

    def list_for_tenant(
        self,
        tenant_id: int,
        *,
        states: Collection[DisputeState] | None = None,
        store_id: int | None = None,
        limit: int = 100,
    ) -> list[TrackedDispute]:
        """A tenant's disputes, newest first; never another tenant's."""
        query = select(DisputeRow).where(DisputeRow.tenant_id == tenant_id)
        if states is not None:
            query = query.where(DisputeRow.state.in_([s.value for s in states]))
        if store_id is not None:
            query = query.where(DisputeRow.store_id == store_id)
        query = query.order_by(DisputeRow.created_at.desc(), DisputeRow.id)
        return [_tracked(row) for row in self._session.scalars(query.limit(limit))]

    def transition(
        self,
        dispute_id: str,
        to_state: DisputeState,
        *,
        expected_from: StateOrStates | None = None,
        error: str | None = None,
    ) -> TrackedDispute:
        """Move a dispute to `to_state` in one compare-and-set UPDATE.

        Raises IllegalTransitionError when the state machine has no such
        move, StaleStateError when the dispute is not in `expected_from`.
        """
        sources = _checked_sources(to_state, expected_from)
        now = self._clock()
        values: dict[str, object] = {
            "state": to_state.value,
            "state_changed_at": now,
            "updated_at": now,
        }
        if error is not None:
            values["last_error"] = error
        statement = update(DisputeRow).where(
            DisputeRow.id == dispute_id,
            DisputeRow.state.in_([s.value for s in sources]),
        )
        if affected(self._session, statement.values(**values)) == 1:
            return self.get(dispute_id)
        raise self._refusal(dispute_id, to_state, sources)

    def note_failure(self, dispute_id: str, error: str) -> TrackedDispute:
        """Count a failed attempt and keep its message; the state stays."""
        statement = (
            update(DisputeRow)
            .where(DisputeRow.id == dispute_id)
            .values(
                failures=DisputeRow.failures + 1,
                last_error=error,
                updated_at=self._clock(),
            )
        )
        if affected(self._session, statement) != 1:
            raise NotFoundError(f"no dispute {dispute_id}")
        return self.get(dispute_id)

    def claim(self, dispute_id: str, worker: str, ttl: timedelta) -> bool:
        """Take (or renew) the lease on a dispute; False if another holds it.

        Commit right after claiming: the lease protects only once other
        workers can see it. A lease past its expiry is free to take.
        """
        now = self._clock()
        free = or_(
            DisputeRow.lease_owner.is_(None),
            DisputeRow.lease_owner == worker,
            DisputeRow.lease_expires_at <= now,
        )
        fresh = case((DisputeRow.lease_owner == worker, 0), else_=1)
        statement = (
            update(DisputeRow)
            .where(DisputeRow.id == dispute_id, free)
            .values(
                lease_owner=worker,
                lease_expires_at=now + ttl,
                attempts=DisputeRow.attempts + fresh,
            )
        )
        if affected(self._session, statement) == 1:
            return True
        self._row(dispute_id)  # NotFoundError if there is no such dispute
        return False

    def release(self, dispute_id: str, worker: str) -> bool:
        """Give the lease back; False if `worker` no longer held it."""
        statement = (
            update(DisputeRow)
            .where(DisputeRow.id == dispute_id, DisputeRow.lease_owner == worker)
            .values(lease_owner=None, lease_expires_at=None)
        )
        return affected(self._session, statement) == 1

    def ids_in_states(
        self, states: Collection[DisputeState], *, limit: int = 100
    ) -> list[str]:
        """Disputes waiting in `states` whose lease is free, oldest first."""
        now = self._clock()
        query = (
            select(DisputeRow.id)
            .where(DisputeRow.state.in_([s.value for s in states]))
            .where(
                or_(
                    DisputeRow.lease_owner.is_(None),
                    DisputeRow.lease_expires_at <= now,
                )
            )
            .order_by(DisputeRow.updated_at, DisputeRow.id)
        )
        return list(self._session.scalars(query.limit(limit)))

    def staged_due_before(self, deadline: datetime) -> list[TrackedDispute]:
        """Staged, not submitted, and due before `deadline` (B06 guard)."""
        query = (
            select(DisputeRow)
            .where(DisputeRow.state == DisputeState.STAGED.value)
            .where(DisputeRow.due_by < deadline)
            .order_by(DisputeRow.due_by, DisputeRow.id)
        )
        return [_tracked(row) for row in self._session.scalars(query)]

    def _refusal(
        self,
        dispute_id: str,
        to_state: DisputeState,
        sources: frozenset[DisputeState],
    ) -> Exception:
        current = self.get(dispute_id).state
        if not can_transition(current, to_state):
            return IllegalTransitionError(
                f"dispute {dispute_id} cannot go from {current} to {to_state}"
            )
        expected = ", ".join(sorted(sources))
        return StaleStateError(
            f"dispute {dispute_id} is {current}, expected one of: {expected}"
        )


def _checked_sources(
    to_state: DisputeState, expected_from: StateOrStates | None
) -> frozenset[DisputeState]:
    allowed = sources_of(to_state)
    if expected_from is None:
        return allowed
    if isinstance(expected_from, DisputeState):
        expected_from = {expected_from}
    expected = frozenset(expected_from)
    illegal = ", ".join(sorted(expected - allowed))
    if illegal:
        raise IllegalTransitionError(f"no dispute may go from {illegal} to {to_state}")
    return expected


def _stripe_facts(dispute: Dispute) -> dict[str, object]:
    return {
        "reason": dispute.reason.value,
        "status": dispute.status.value,
        "amount": dispute.amount.amount,
        "currency": dispute.amount.currency,
        "due_by": dispute.due_by,
    }


def _tracked(row: DisputeRow) -> TrackedDispute:
    return TrackedDispute(
        id=row.id,
        tenant_id=row.tenant_id,
        store_id=row.store_id,
        charge_id=row.charge_id,
        account=row.account,
        reason=DisputeReason.parse(row.reason),
        status=DisputeStatus.parse(row.status),
        amount=Money(row.amount, row.currency),
        due_by=row.due_by,
        livemode=row.livemode,
        state=DisputeState(row.state),
        attempts=row.attempts,
        failures=row.failures,
        last_error=row.last_error,
        lease_owner=row.lease_owner,
        lease_expires_at=row.lease_expires_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        state_changed_at=row.state_changed_at,
    )
