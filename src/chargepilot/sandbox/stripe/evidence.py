"""Stripe's rules for the `evidence` hash of a dispute update.

Text: 20,000 characters per narrative field and 150,000 for all text.
Files: ids of `dispute_evidence` uploads in the same account, together at
most about 4.5 MB and 50 pages (a file used on two fields counts twice).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chargepilot.sandbox.stripe.errors import (
    FakeStripeError,
    invalid,
    resource_missing,
    unknown_parameter,
)
from chargepilot.sandbox.stripe.objects import (
    FILE_EVIDENCE_FIELDS,
    JSON,
    TEXT_EVIDENCE_FIELDS,
)

NARRATIVE_FIELDS = frozenset(
    {
        "access_activity_log",
        "cancellation_policy_disclosure",
        "cancellation_rebuttal",
        "duplicate_charge_explanation",
        "product_description",
        "refund_policy_disclosure",
        "refund_refusal_explanation",
        "uncategorized_text",
    }
)
MAX_NARRATIVE_CHARS = 20_000
MAX_TEXT_CHARS = 150_000
MAX_EVIDENCE_BYTES = 4_718_592  # 4.5 MB: Stripe's guidance, measured cap ~4.8 MB
MAX_EVIDENCE_PAGES = 50


@dataclass(frozen=True)
class EvidenceFile:
    """What the evidence rules need to know about an uploaded file."""

    purpose: str
    size: int
    pages: int


FileLookup = Callable[[str], EvidenceFile | None]


def merge_evidence(current: JSON, changes: Any, files: FileLookup) -> JSON:
    """The evidence after applying `changes`, or a FakeStripeError."""
    if not isinstance(changes, dict):
        raise invalid("Invalid hash", param="evidence")
    merged = dict(current)
    for name, value in changes.items():
        merged[name] = _field_value(name, value, current)
    _check_text(merged)
    _check_files(merged, files)
    return merged


def _field_value(name: str, value: Any, current: JSON) -> Any:
    if name == "enhanced_evidence":
        if not isinstance(value, dict):
            raise invalid("Invalid hash", param="evidence[enhanced_evidence]")
        return {**current.get("enhanced_evidence", {}), **value}
    if name not in TEXT_EVIDENCE_FIELDS and name not in FILE_EVIDENCE_FIELDS:
        raise unknown_parameter(f"evidence[{name}]")
    if not isinstance(value, str):
        raise invalid("Invalid string", param=f"evidence[{name}]")
    return value or None  # an empty string clears the field, as on Stripe


def _check_text(evidence: JSON) -> None:
    total = 0
    for name in TEXT_EVIDENCE_FIELDS:
        length = len(evidence.get(name) or "")
        if name in NARRATIVE_FIELDS and length > MAX_NARRATIVE_CHARS:
            raise invalid(
                f"Invalid string: evidence[{name}] has {length} characters; "
                f"must be at most {MAX_NARRATIVE_CHARS}",
                param=f"evidence[{name}]",
            )
        total += length
    if total > MAX_TEXT_CHARS:
        raise invalid(
            f"The evidence text fields together have {total} characters; "
            f"the combined limit is {MAX_TEXT_CHARS}",
            param="evidence",
        )


def _check_files(evidence: JSON, files: FileLookup) -> None:
    size = pages = 0
    for name in FILE_EVIDENCE_FIELDS:
        file_id = evidence.get(name)
        if file_id is None:
            continue
        found = _evidence_file(name, file_id, files)
        size += found.size
        pages += found.pages
    if size > MAX_EVIDENCE_BYTES:
        raise _too_large(
            f"The files attached to this dispute total {size} bytes; all "
            f"evidence files together must be at most {MAX_EVIDENCE_BYTES} "
            "bytes (a file used on two fields counts twice)"
        )
    if pages > MAX_EVIDENCE_PAGES:
        raise _too_large(
            f"The files attached to this dispute total {pages} pages; all "
            f"evidence files together must be at most {MAX_EVIDENCE_PAGES} pages"
        )


def _evidence_file(name: str, file_id: str, files: FileLookup) -> EvidenceFile:
    found = files(file_id)
    param = f"evidence[{name}]"
    if found is None:
        missing = resource_missing("file upload", file_id, param=param)
        missing.http_status = 400  # Stripe answers 400 for a bad id in a body
        raise missing
    if found.purpose != "dispute_evidence":
        raise invalid(
            f"The file '{file_id}' has purpose '{found.purpose}'; dispute "
            "evidence must be uploaded with purpose 'dispute_evidence'",
            param=param,
        )
    return found


def _too_large(message: str) -> FakeStripeError:
    return invalid(message, param="evidence")
