"""What answering one dispute came to, for tables, JSON and logs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chargepilot.domain.case import Evidence
from chargepilot.domain.disputes import Dispute
from chargepilot.domain.matching import Match

if TYPE_CHECKING:  # the PDF stack is heavy to import; the CLI starts faster
    from chargepilot.evidence.packet import Packet


class Status(StrEnum):
    STAGED = "staged"  # evidence saved on Stripe, waiting for one-click review
    SUBMITTED = "submitted"
    NEEDS_REVIEW = "needs_review"  # no match, a weak one or a tie: shown, not sent
    NOT_ANSWERED = "not_answered"  # a reason card evidence cannot answer
    ALREADY_SUBMITTED = "already_submitted"
    CLOSED = "closed"  # Stripe no longer accepts evidence
    BUSY = "busy"  # another worker is answering this dispute right now
    FAILED = "failed"


@dataclass
class Outcome:
    dispute_id: str
    status: Status
    reason: str = ""
    amount: str = ""
    amount_minor: int = 0
    currency: str = ""
    due_by: str | None = None
    order_id: int | None = None
    confidence: float = 0.0
    match_reasons: tuple[str, ...] = ()
    strength: int = 0
    evidence: dict[str, str] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    argument: str = ""
    packet_path: str | None = None
    pages: int = 0
    bytes: int = 0
    api_calls: int = 0
    round_trips: int = 0
    error: str | None = None
    note: str | None = None  # why nothing was filed, when that is not an error

    @classmethod
    def plain(cls, dispute: Dispute, status: Status) -> Outcome:
        return cls(dispute.id, status, **_dispute_fields(dispute))

    @classmethod
    def failed(cls, dispute_id: str, error: str) -> Outcome:
        return cls(dispute_id, Status.FAILED, error=error)

    @classmethod
    def of(
        cls,
        dispute: Dispute,
        match: Match,
        evidence: Evidence,
        packet: Packet,
        path: Path,
    ) -> Outcome:
        return cls(
            dispute.id,
            Status.NEEDS_REVIEW,
            **_dispute_fields(dispute),
            order_id=match.order_id,
            confidence=round(match.confidence, 3),
            match_reasons=match.reasons,
            strength=evidence.strength,
            evidence=dict(evidence.fields),
            missing=evidence.missing,
            argument=evidence.argument,
            packet_path=str(path),
            pages=packet.pages,
            bytes=len(packet.pdf),
        )

    def with_status(self, status: Status, error: str | None = None) -> Outcome:
        return replace(self, status=status, error=error or self.error)

    def with_note(self, status: Status, note: str) -> Outcome:
        return replace(self, status=status, note=note)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.dispute_id,
            "reason": self.reason,
            "status": str(self.status),
            "amount": {"amount": self.amount_minor, "currency": self.currency},
            "due_by": self.due_by,
            "order_id": self.order_id,
            "confidence": self.confidence,
            "match_reasons": list(self.match_reasons),
            "strength": self.strength,
            "evidence": self.evidence,
            "missing": list(self.missing),
            "packet_path": self.packet_path,
            "pages": self.pages,
            "bytes": self.bytes,
            "api_calls": self.api_calls,
            "round_trips": self.round_trips,
            "error": self.error,
            "note": self.note,
        }


def _dispute_fields(dispute: Dispute) -> dict[str, Any]:
    return {
        "reason": str(dispute.reason),
        "amount": dispute.amount.format(),
        "amount_minor": dispute.amount.amount,
        "currency": dispute.amount.currency,
        "due_by": dispute.due_by.isoformat() if dispute.due_by else None,
    }
