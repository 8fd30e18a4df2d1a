"""Domain objects to JSON columns and back."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from chargepilot.domain.case import Check, Evidence, MerchantPolicies
from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.matching import Match, MatchMethod
from chargepilot.storage.models import EvidenceRevisionRow, MatchRow


def policies_to_json(policies: MerchantPolicies) -> dict[str, Any]:
    return asdict(policies)


def policies_from_json(data: dict[str, Any]) -> MerchantPolicies:
    known = MerchantPolicies.__dataclass_fields__
    return MerchantPolicies(**{k: str(v) for k, v in data.items() if k in known})


def match_columns(match: Match) -> dict[str, Any]:
    return {
        "order_id": match.order_id,
        "confidence": match.confidence,
        "method": match.method.value,
        "reasons": list(match.reasons),
        "rivals": list(match.rivals),
        "truncated": match.truncated,
    }


def match_from_row(row: MatchRow) -> Match:
    return Match(
        order_id=row.order_id,
        confidence=row.confidence,
        method=MatchMethod(row.method),
        reasons=tuple(row.reasons),
        rivals=tuple(int(r) for r in row.rivals),
        truncated=row.truncated,
    )


def evidence_columns(evidence: Evidence) -> dict[str, Any]:
    return {
        "reason": evidence.reason.value,
        "fields": dict(evidence.fields),
        "argument": evidence.argument,
        "strength": evidence.strength,
        "checklist": [asdict(check) for check in evidence.checklist],
        "missing": list(evidence.missing),
        "packet_field": evidence.packet_field,
        "auto_answerable": evidence.auto_answerable,
    }


def evidence_from_row(row: EvidenceRevisionRow) -> Evidence:
    return Evidence(
        reason=DisputeReason.parse(row.reason),
        fields={str(k): str(v) for k, v in row.fields.items()},
        argument=row.argument,
        checklist=tuple(Check(**item) for item in row.checklist),
        missing=tuple(row.missing),
        packet_field=row.packet_field,
        auto_answerable=row.auto_answerable,
    )
