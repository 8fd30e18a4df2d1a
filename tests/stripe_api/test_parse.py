"""Stripe's own example objects parse into domain objects without loss."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from chargepilot.domain.disputes import DisputeReason, DisputeStatus
from chargepilot.domain.money import Money
from chargepilot.stripe_api import parse


@pytest.fixture(scope="module")
def fixtures(specs_dir: Path) -> dict[str, Any]:
    data = json.loads((specs_dir / "stripe" / "fixtures3.json").read_text())
    resources: dict[str, Any] = data["resources"]
    return resources


def test_the_published_dispute_parses_with_every_field_we_use(
    fixtures: dict[str, Any],
) -> None:
    raw = fixtures["dispute"]
    found = parse.dispute(raw)

    assert found.id == raw["id"]
    assert found.amount == Money(raw["amount"], raw["currency"])
    assert found.reason is DisputeReason(raw["reason"])
    assert found.status is DisputeStatus(raw["status"])
    assert found.created == datetime.fromtimestamp(raw["created"], UTC)
    due_by = raw["evidence_details"]["due_by"]
    assert found.due_by == datetime.fromtimestamp(due_by, UTC)
    assert found.charge.id == raw["charge"]
    card = raw["payment_method_details"]["card"]
    assert found.network_reason_code == card["network_reason_code"]
    assert found.enhanced_eligibility_types == tuple(raw["enhanced_eligibility_types"])


def test_the_published_charge_parses_billing_and_card_checks(
    fixtures: dict[str, Any],
) -> None:
    raw = fixtures["charge"]
    found = parse.charge(raw)

    card = raw["payment_method_details"]["card"]
    assert found.id == raw["id"]
    assert found.billing_name == raw["billing_details"]["name"]
    assert found.billing_address is None  # every address field is null there
    assert found.card is not None
    assert found.card.brand == card["brand"]
    assert found.card.last4 == card["last4"]
    assert found.card.fingerprint == card["fingerprint"]
    assert found.card.cvc_check == card["checks"]["cvc_check"]
    assert found.description == raw["description"]


def test_a_dispute_with_expanded_charge_and_intent_reads_both(
    fixtures: dict[str, Any],
) -> None:
    intent = {**fixtures["payment_intent"], "receipt_email": "jane@example.test"}
    charge = {**fixtures["charge"], "payment_intent": None, "amount_captured": 100}
    raw = {**fixtures["dispute"], "charge": charge, "payment_intent": intent}

    found = parse.dispute(raw, account="acct_1")

    assert found.account == "acct_1"
    assert found.charge.id == charge["id"]
    assert found.charge.amount == Money(100, charge["currency"])
    assert found.charge.payment_intent_id == intent["id"]
    assert found.charge.receipt_email == "jane@example.test"


def test_the_published_event_carries_its_object_and_type(
    fixtures: dict[str, Any],
) -> None:
    raw = fixtures["event"]
    assert parse.timestamp(raw["created"]) == datetime.fromtimestamp(
        raw["created"], UTC
    )
    assert parse.object_id(raw["data"]["object"]) == raw["data"]["object"]["id"]


def test_an_unknown_reason_or_status_is_kept_not_rejected() -> None:
    raw = {"id": "dp_1", "amount": 500, "currency": "eur", "reason": "new_kind"}
    found = parse.dispute({**raw, "status": "something_new", "charge": "ch_1"})

    assert found.reason is DisputeReason.UNKNOWN
    assert found.status is DisputeStatus.UNKNOWN
    assert found.amount == Money(500, "EUR")


def test_a_zero_due_by_means_no_response_is_allowed() -> None:
    raw = {"id": "dp_1", "currency": "usd", "evidence_details": {"due_by": 0}}
    found = parse.dispute(raw)
    assert found.due_by is None
