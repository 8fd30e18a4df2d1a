"""What was found and filed for a dispute: match, evidence, uploads, submissions.

Kept apart from the state machine so each file reads in one sitting; the
methods are part of DisputeRepository.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from chargepilot.domain.case import Evidence
from chargepilot.domain.matching import Match
from chargepilot.errors import NotFoundError
from chargepilot.storage.codec import (
    evidence_columns,
    evidence_from_row,
    match_columns,
    match_from_row,
)
from chargepilot.storage.errors import DuplicateSubmissionError, StaleStateError
from chargepilot.storage.models import (
    DisputeRow,
    EvidenceRevisionRow,
    MatchRow,
    SubmissionRow,
    UploadRow,
)
from chargepilot.storage.records import EvidenceRevision, Packet, Submission, Upload
from chargepilot.storage.repository import Repository
from chargepilot.storage.statements import affected, insert_if_absent


def idempotency_key(dispute_id: str, *, submitted: bool, revision: int) -> str:
    """The Stripe idempotency key for staging a revision or submitting.

    Submitting has one key per dispute whatever the revision, so evidence
    is submitted at most once (B06).
    """
    if submitted:
        return f"chargepilot:{dispute_id}:submit"
    return f"chargepilot:{dispute_id}:stage:{revision}"


class FilingMixin(Repository):
    def record_match(self, dispute_id: str, match: Match) -> None:
        row = MatchRow(
            tenant_id=self._tenant_of(dispute_id),
            dispute_id=dispute_id,
            created_at=self._clock(),
            **match_columns(match),
        )
        self._session.add(row)
        self._session.flush()

    def latest_match(self, dispute_id: str) -> Match | None:
        row = self._session.scalar(
            select(MatchRow)
            .where(MatchRow.dispute_id == dispute_id)
            .order_by(MatchRow.id.desc())
            .limit(1)
        )
        return match_from_row(row) if row else None

    def add_evidence_revision(
        self, dispute_id: str, evidence: Evidence, *, packet: Packet | None = None
    ) -> int:
        """Store a new revision of the evidence; returns its number (1, 2, ...)."""
        tenant_id = self._tenant_of(dispute_id)
        last = self._session.scalar(
            select(func.max(EvidenceRevisionRow.revision)).where(
                EvidenceRevisionRow.dispute_id == dispute_id
            )
        )
        revision = (last or 0) + 1
        row = EvidenceRevisionRow(
            tenant_id=tenant_id,
            dispute_id=dispute_id,
            revision=revision,
            created_at=self._clock(),
            **evidence_columns(evidence),
            **_packet_columns(packet),
        )
        self._session.add(row)
        try:
            self._session.flush()
        except IntegrityError as error:
            raise StaleStateError(
                f"another worker added evidence revision {revision} to {dispute_id}"
            ) from error
        return revision

    def attach_packet(self, dispute_id: str, revision: int, packet: Packet) -> None:
        """Record the PDF rendered for a revision stored without one."""
        statement = (
            update(EvidenceRevisionRow)
            .where(EvidenceRevisionRow.dispute_id == dispute_id)
            .where(EvidenceRevisionRow.revision == revision)
            .values(**_packet_columns(packet))
        )
        if affected(self._session, statement) != 1:
            raise NotFoundError(f"no evidence revision {revision} of {dispute_id}")

    def evidence_revision(
        self, dispute_id: str, revision: int | None = None
    ) -> EvidenceRevision | None:
        """One revision, or the latest when `revision` is None."""
        query = select(EvidenceRevisionRow).where(
            EvidenceRevisionRow.dispute_id == dispute_id
        )
        if revision is not None:
            query = query.where(EvidenceRevisionRow.revision == revision)
        query = query.order_by(EvidenceRevisionRow.revision.desc()).limit(1)
        row = self._session.scalar(query)
        return _revision(row) if row else None

    def find_upload(self, dispute_id: str, sha256: str) -> Upload | None:
        """The Stripe file already holding this exact packet, if any."""
        row = self._session.scalar(
            select(UploadRow).where(
                UploadRow.dispute_id == dispute_id, UploadRow.sha256 == sha256
            )
        )
        return _upload(row) if row else None

    def record_upload(
        self,
        dispute_id: str,
        revision: int,
        *,
        stripe_file_id: str,
        sha256: str,
        size: int,
    ) -> Upload:
        """Remember an uploaded file; if this packet was recorded before,
        the first record wins and is returned."""
        values = {
            "tenant_id": self._tenant_of(dispute_id),
            "dispute_id": dispute_id,
            "revision": revision,
            "stripe_file_id": stripe_file_id,
            "sha256": sha256,
            "size": size,
            "created_at": self._clock(),
        }
        conflict = ["dispute_id", "sha256"]
        insert_if_absent(self._session, UploadRow, values, conflict)
        upload = self.find_upload(dispute_id, sha256)
        assert upload is not None
        return upload

    def find_submission(
        self, dispute_id: str, *, submitted: bool = True
    ) -> Submission | None:
        """The latest submission (or staging, with submitted=False)."""
        row = self._session.scalar(
            select(SubmissionRow)
            .where(SubmissionRow.dispute_id == dispute_id)
            .where(SubmissionRow.submitted == submitted)
            .order_by(SubmissionRow.id.desc())
            .limit(1)
        )
        return _submission(row) if row else None

    def record_submission(
        self,
        dispute_id: str,
        revision: int,
        *,
        idempotency_key: str,
        submitted: bool,
        stripe_status: str | None = None,
    ) -> Submission:
        """Record evidence sent to Stripe; a reused key or a second
        submission of the same dispute raises DuplicateSubmissionError."""
        if submitted and self.find_submission(dispute_id, submitted=True):
            raise DuplicateSubmissionError(f"dispute {dispute_id} was submitted")
        values = {
            "tenant_id": self._tenant_of(dispute_id),
            "dispute_id": dispute_id,
            "revision": revision,
            "idempotency_key": idempotency_key,
            "submitted": submitted,
            "stripe_status": stripe_status,
            "at": self._clock(),
        }
        conflict = ["idempotency_key"]
        if not insert_if_absent(self._session, SubmissionRow, values, conflict):
            raise DuplicateSubmissionError(
                f"idempotency key {idempotency_key} was already used"
            )
        found = self.find_submission(dispute_id, submitted=submitted)
        assert found is not None
        return found

    def _row(self, dispute_id: str) -> DisputeRow:
        row = self._session.get(DisputeRow, dispute_id)
        if row is None:
            raise NotFoundError(f"no dispute {dispute_id}")
        return row

    def _tenant_of(self, dispute_id: str) -> int:
        return self._row(dispute_id).tenant_id


def _packet_columns(packet: Packet | None) -> dict[str, object]:
    return {
        "packet_sha256": packet.sha256 if packet else None,
        "packet_bytes": packet.size if packet else None,
        "packet_pages": packet.pages if packet else None,
        "packet_path": packet.path if packet else None,
    }


def _revision(row: EvidenceRevisionRow) -> EvidenceRevision:
    packet = None
    if row.packet_sha256 is not None:
        packet = Packet(
            sha256=row.packet_sha256,
            size=row.packet_bytes or 0,
            pages=row.packet_pages or 0,
            path=row.packet_path or "",
        )
    return EvidenceRevision(
        dispute_id=row.dispute_id,
        revision=row.revision,
        evidence=evidence_from_row(row),
        packet=packet,
        created_at=row.created_at,
    )


def _upload(row: UploadRow) -> Upload:
    return Upload(
        dispute_id=row.dispute_id,
        revision=row.revision,
        stripe_file_id=row.stripe_file_id,
        sha256=row.sha256,
        size=row.size,
        created_at=row.created_at,
    )


def _submission(row: SubmissionRow) -> Submission:
    return Submission(
        dispute_id=row.dispute_id,
        revision=row.revision,
        idempotency_key=row.idempotency_key,
        submitted=row.submitted,
        stripe_status=row.stripe_status,
        at=row.at,
    )
