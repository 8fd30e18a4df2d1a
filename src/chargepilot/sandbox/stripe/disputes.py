"""How a dispute moves: stage evidence, submit once, close, resolve.

Pure functions over Stripe-shaped dicts; StripeState holds the objects,
the lock and the events.
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from chargepilot.sandbox.stripe.errors import invalid, unknown_parameter
from chargepilot.sandbox.stripe.evidence import FileLookup, merge_evidence
from chargepilot.sandbox.stripe.objects import JSON, balance_transaction, unix

OPEN = frozenset({"needs_response", "warning_needs_response"})
CLOSED = frozenset({"won", "lost", "warning_closed", "prevented"})
UNDER_REVIEW = {
    "needs_response": "under_review",
    "warning_needs_response": "warning_under_review",
}
UPDATE_PARAMS = frozenset(
    {"evidence", "metadata", "submit", "intended_submission_method", "expand"}
)
SUBMISSION_METHODS = frozenset(
    {"manual", "prefer_manual", "prefer_smart_disputes", "smart_disputes"}
)
TEST_OUTCOMES = {"winning_evidence": "won", "losing_evidence": "lost"}


def apply_update(
    dispute: JSON, params: dict[str, Any], files: FileLookup, now: datetime
) -> tuple[JSON, bool]:
    """The dispute after an update, and whether it was submitted."""
    for name in params:
        if name not in UPDATE_PARAMS:
            raise unknown_parameter(name)
    updated = copy.deepcopy(dispute)
    if "metadata" in params:
        updated["metadata"] = merge_metadata(updated["metadata"], params["metadata"])
    if params.keys() & {"evidence", "submit", "intended_submission_method"}:
        require_open(updated)
        _stage(updated, params, files, now)
    submitting = _wants_submit(params)
    if submitting:
        _submit(updated, now)
    return updated, submitting


def merge_metadata(current: dict[str, str], changes: Any) -> dict[str, str]:
    """Stripe's metadata rules: keys merge, an empty value deletes a key."""
    if changes == "":
        return {}
    if not isinstance(changes, dict):
        raise invalid("Invalid hash", param="metadata")
    merged = dict(current)
    for key, value in changes.items():
        if not isinstance(value, str) or len(key) > 40 or len(value) > 500:
            raise invalid(f"Invalid metadata value for key {key!r}", "metadata")
        if value:
            merged[key] = value
        else:
            merged.pop(key, None)
    if len(merged) > 50:
        raise invalid("Metadata can have at most 50 keys", param="metadata")
    return merged


def require_open(dispute: JSON) -> None:
    status = dispute["status"]
    if status in CLOSED:
        raise invalid("This dispute is already closed", param="evidence")
    if status not in OPEN:
        raise invalid(
            f"This dispute's evidence was already submitted (status {status}); "
            "it can no longer be updated or submitted again",
            param="evidence",
        )


def _stage(
    dispute: JSON, params: dict[str, Any], files: FileLookup, now: datetime
) -> None:
    method = params.get("intended_submission_method")
    if method is not None:
        if method not in SUBMISSION_METHODS:
            raise invalid(
                f"Invalid intended_submission_method: {method}",
                "intended_submission_method",
            )
        dispute["intended_submission_method"] = method
    details = dispute["evidence_details"]
    if "evidence" in params:
        dispute["evidence"] = merge_evidence(
            dispute["evidence"], params["evidence"], files
        )
        details["has_evidence"] = True
    if _is_past_due(dispute, now):
        details["past_due"] = True


def _wants_submit(params: dict[str, Any]) -> bool:
    """`submit` defaults to true, but only a request about evidence submits."""
    raw = params.get("submit")
    if raw is None:
        return "evidence" in params
    if str(raw).lower() not in {"true", "false"}:
        raise invalid(f"Invalid boolean: {raw}", param="submit")
    return str(raw).lower() == "true"


def _submit(dispute: JSON, now: datetime) -> None:
    details = dispute["evidence_details"]
    if _is_past_due(dispute, now):
        raise invalid(
            "The deadline to respond to this dispute has passed "
            f"(due_by {details['due_by']}); evidence can no longer be submitted",
            param="submit",
        )
    dispute["status"] = UNDER_REVIEW[dispute["status"]]
    details["submission_count"] += 1
    details["submission_method"] = "manual"
    details["has_evidence"] = True


def _is_past_due(dispute: JSON, now: datetime) -> bool:
    due_by = dispute["evidence_details"]["due_by"]
    return due_by is not None and unix(now) > due_by


def close_outcome(dispute: JSON) -> str:
    """Accepting a dispute loses it; accepting an inquiry just closes it."""
    if dispute["status"] not in OPEN:
        raise invalid(
            f"This dispute cannot be closed: its status is {dispute['status']}"
        )
    return "warning_closed" if dispute["status"].startswith("warning_") else "lost"


def test_mode_outcome(dispute: JSON) -> str | None:
    """Stripe test mode decides on `winning_evidence` / `losing_evidence`."""
    text = (dispute["evidence"].get("uncategorized_text") or "").strip()
    outcome = TEST_OUTCOMES.get(text)
    if outcome == "won" and dispute["status"].startswith("warning_"):
        return "warning_closed"
    return outcome


def resolve(dispute: JSON, outcome: str, now: datetime) -> JSON:
    """The dispute closed with `outcome`; a won chargeback gets its money back."""
    if dispute["status"] in CLOSED:
        raise invalid(f"This dispute is already closed ({dispute['status']})")
    resolved = copy.deepcopy(dispute)
    resolved["status"] = outcome
    resolved["is_charge_refundable"] = False
    if outcome == "won" and resolved["balance_transactions"]:
        resolved["balance_transactions"].append(
            balance_transaction(
                "txn_r" + dispute["id"].removeprefix("dp_"),
                source=dispute["id"],
                currency=dispute["currency"],
                amount=dispute["amount"],
                created=unix(now),
            )
        )
    return resolved


def changed(before: JSON, after: JSON) -> JSON:
    """`previous_attributes`: the old value of every top-level field that changed."""
    return {key: before[key] for key in before if before[key] != after.get(key)}
