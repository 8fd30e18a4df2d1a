"""The main job's record of each dispute, kept in the database.

Each step is its own short transaction, so a crash between two steps
leaves a state the next run resumes from: an upload already recorded is
not repeated, a staging already recorded is not sent again, and the
submit key is one per dispute, so evidence is never submitted twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from chargepilot.domain.case import Evidence
from chargepilot.domain.disputes import Dispute
from chargepilot.domain.matching import Match
from chargepilot.errors import ConfigError, NotFoundError
from chargepilot.evidence.packet import Packet
from chargepilot.jobs.outcome import Outcome, Status
from chargepilot.storage import (
    Database,
    DisputeState,
    EvidenceRevision,
    UnitOfWork,
    idempotency_key,
)
from chargepilot.storage.records import Packet as StoredPacket
from chargepilot.storage.records import TrackedDispute

# Longer than one dispute can take (retries and back-off included); a
# worker that dies holding it frees the dispute when it runs out.
LEASE = timedelta(minutes=10)


@dataclass
class DisputeBook:
    db: Database
    store_ids: Mapping[str, int]  # store hash -> stored store id

    def track(self, dispute: Dispute, store_hash: str) -> TrackedDispute:
        store_id = self.store_ids.get(store_hash)
        if store_id is None:
            raise ConfigError(f"store {store_hash} is not registered")
        with self.db.session() as unit:
            tracked, created = unit.disputes.get_or_create(dispute, store_id=store_id)
            if not created:
                tracked = unit.disputes.refresh(dispute)
            if tracked.state is DisputeState.FAILED:
                tracked = unit.disputes.transition(dispute.id, DisputeState.RECEIVED)
        return tracked

    def claim(self, dispute_id: str, worker: str) -> bool:
        """Take the dispute's lease, so no other worker answers it meanwhile."""
        return self.db.claim(dispute_id, worker, LEASE)

    def release(self, dispute_id: str, worker: str) -> None:
        self.db.release(dispute_id, worker)

    def submitted(self, dispute_id: str) -> bool:
        with self.db.session() as unit:
            found = unit.disputes.find_submission(dispute_id, submitted=True)
        return found is not None

    def failed(self, dispute_id: str, error: str) -> None:
        with self.db.session() as unit:
            if _exists(unit, dispute_id):
                unit.disputes.note_failure(dispute_id, error)

    def skipped(self, outcome: Outcome, why: str) -> Outcome:
        self._move(outcome.dispute_id, DisputeState.SKIPPED)
        return outcome.with_note(Status.NOT_ANSWERED, why)

    def needs_review(
        self,
        outcome: Outcome,
        match: Match,
        evidence: Evidence,
        packet: Packet,
        path: Path,
    ) -> Outcome:
        with self.db.session() as unit:
            unit.disputes.record_match(outcome.dispute_id, match)
            self._revise(unit, outcome.dispute_id, evidence, packet, path)
            _walk(unit, outcome.dispute_id, [DisputeState.NEEDS_REVIEW])
        return outcome.with_status(Status.NEEDS_REVIEW)

    def revision(
        self,
        dispute_id: str,
        match: Match,
        evidence: Evidence,
        packet: Packet,
        path: Path,
    ) -> int:
        """The evidence revision to file: the last one if nothing changed."""
        with self.db.session() as unit:
            unit.disputes.record_match(dispute_id, match)
            revision, changed = self._revise(unit, dispute_id, evidence, packet, path)
            _walk(unit, dispute_id, _to_built(unit, dispute_id, changed=changed))
        return revision

    def _revise(
        self,
        unit: UnitOfWork,
        dispute_id: str,
        evidence: Evidence,
        packet: Packet,
        path: Path,
    ) -> tuple[int, bool]:
        """The revision to file, and whether it is a new one."""
        latest = unit.disputes.evidence_revision(dispute_id)
        if latest and _same(latest, evidence, packet):
            return latest.revision, False
        stored = StoredPacket(packet.sha256, len(packet.pdf), packet.pages, str(path))
        added = unit.disputes.add_evidence_revision(dispute_id, evidence, packet=stored)
        return added, True

    def uploaded(self, dispute_id: str, sha256: str) -> str | None:
        with self.db.session() as unit:
            found = unit.disputes.find_upload(dispute_id, sha256)
        return found.stripe_file_id if found else None

    def record_upload(
        self, dispute_id: str, revision: int, packet: Packet, file_id: str
    ) -> None:
        with self.db.session() as unit:
            unit.disputes.record_upload(
                dispute_id,
                revision,
                stripe_file_id=file_id,
                sha256=packet.sha256,
                size=len(packet.pdf),
            )

    def key(self, dispute_id: str, revision: int, *, submit: bool) -> str:
        """The Idempotency-Key for filing `revision`.

        Submitting keeps one key per dispute, so it happens at most once.
        Staging gets a fresh key after each recorded failure: Stripe answers
        a key it has seen with its first reply, so a staging it refused
        (evidence too large, a lock) would otherwise be refused forever.
        """
        key = idempotency_key(dispute_id, submitted=submit, revision=revision)
        if submit:
            return key
        with self.db.session() as unit:
            failures = unit.disputes.get(dispute_id).failures
        return f"{key}:retry{failures}" if failures else key

    def has_submission(self, dispute_id: str, revision: int, *, submit: bool) -> bool:
        """Already submitted, or (when staging) this revision already staged."""
        with self.db.session() as unit:
            staged = unit.disputes.find_submission(dispute_id, submitted=False)
            done = unit.disputes.find_submission(dispute_id, submitted=True)
        if done is not None:
            return True
        return not submit and staged is not None and staged.revision == revision

    def record_submission(
        self, dispute_id: str, revision: int, key: str, *, submitted: bool, status: str
    ) -> None:
        with self.db.session() as unit:
            unit.disputes.record_submission(
                dispute_id,
                revision,
                idempotency_key=key,
                submitted=submitted,
                stripe_status=status,
            )
        # Stripe has it: that is on file even if a state move below fails.
        # Submitting in one call also stages: the machine goes through both.
        targets = [DisputeState.STAGED]
        if submitted:
            targets.append(DisputeState.SUBMITTED)
        with self.db.session() as unit:
            _walk(unit, dispute_id, targets)

    def _move(self, dispute_id: str, target: DisputeState) -> None:
        with self.db.session() as unit:
            _walk(unit, dispute_id, [target])


def _to_built(
    unit: UnitOfWork, dispute_id: str, *, changed: bool
) -> list[DisputeState]:
    """The moves to evidence_built that the state machine allows from here.

    A run that resumes (after a crash, or to submit what was staged) finds
    the dispute past `matched` already; staged evidence that did not change
    stays staged, so nothing is sent again.
    """
    current = unit.disputes.get(dispute_id).state
    moves = []
    if current in {DisputeState.RECEIVED, DisputeState.NEEDS_REVIEW}:
        moves.append(DisputeState.MATCHED)
    if current is not DisputeState.STAGED or changed:
        moves.append(DisputeState.EVIDENCE_BUILT)
    return moves


def _walk(unit: UnitOfWork, dispute_id: str, targets: list[DisputeState]) -> None:
    """Move through `targets` in order, skipping any the dispute is in."""
    for target in targets:
        if unit.disputes.get(dispute_id).state is not target:
            unit.disputes.transition(dispute_id, target)


def _exists(unit: UnitOfWork, dispute_id: str) -> bool:
    try:
        unit.disputes.get(dispute_id)
    except NotFoundError:
        return False
    return True


def _same(latest: EvidenceRevision, evidence: Evidence, packet: Packet) -> bool:
    """Nothing changed since the last revision: same packet, same fields."""
    return (
        latest.packet is not None
        and latest.packet.sha256 == packet.sha256
        and dict(latest.evidence.fields) == dict(evidence.fields)
    )
