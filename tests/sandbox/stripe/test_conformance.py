"""Objects from the fake carry every field of Stripe's example objects.

The examples are `resources.*` in shared/specs/stripe/fixtures3.json. A
field may be null where the example has null or where stripe-python's
generated types say Optional (Stripe documents it as nullable).
"""

from __future__ import annotations

import copy
import json
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import stripe
from httpx import Client

from chargepilot.sandbox.stripe.state import StripeState

from .conftest import API_KEY, MERCHANT

CLASSES: dict[str, type] = {
    "dispute": stripe.Dispute,
    "charge": stripe.Charge,
    "payment_intent": stripe.PaymentIntent,
    "customer": stripe.Customer,
    "file": stripe.File,
    "event": stripe.Event,
}


@pytest.fixture(scope="module")
def examples(specs_dir: Path) -> dict[str, Any]:
    resources = json.loads((specs_dir / "stripe" / "fixtures3.json").read_text())
    return dict(resources["resources"])


@pytest.fixture
def api(base_url: str) -> Iterator[Client]:
    auth = {"Authorization": f"Bearer {API_KEY}"}
    with Client(base_url=base_url, headers=auth) as client:
        yield client


def mismatches(actual: Any, example: Any, cls: Any, path: str) -> list[str]:
    """Where `actual` lacks a field of `example` or has another JSON type."""
    problems = []
    for key, expected in example.items():
        where = f"{path}.{key}"
        if key not in actual:
            problems.append(f"{where} is missing")
            continue
        annotation = _annotation(cls, key)
        problems += _value_mismatches(actual[key], expected, annotation, where)
    return problems


def _value_mismatches(
    value: Any, expected: Any, annotation: Any, where: str
) -> list[str]:
    if expected is None:
        return []
    if value is None:
        return [] if _nullable(annotation) else [f"{where} is null"]
    if _json_type(value) != _json_type(expected):
        return [f"{where} is {_json_type(value)}, not {_json_type(expected)}"]
    if isinstance(expected, dict):
        return mismatches(value, expected, _stripe_class(annotation), where)
    if isinstance(expected, list) and expected:
        item_class = _stripe_class(_list_item(annotation))
        found = []
        for index, item in enumerate(value):
            found += _value_mismatches(item, expected[0], None, f"{where}[{index}]")
            if isinstance(item, dict) and isinstance(expected[0], dict):
                found += mismatches(item, expected[0], item_class, f"{where}[{index}]")
        return found
    return []


def _json_type(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string"}.get(
        type(value), "array" if isinstance(value, list) else "object"
    )


def _annotation(cls: Any, key: str) -> Any:
    if not isinstance(cls, type):
        return None
    for klass in cls.__mro__:
        if key in getattr(klass, "__annotations__", {}):
            return klass.__annotations__[key]
    return None


def _nullable(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    is_union = origin is typing.Union or origin is types.UnionType
    return is_union and type(None) in typing.get_args(annotation)


def _stripe_class(annotation: Any) -> Any:
    if _nullable(annotation):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    if isinstance(annotation, type) and issubclass(annotation, stripe.StripeObject):
        return annotation
    return None


def _list_item(annotation: Any) -> Any:
    args = typing.get_args(annotation)
    return args[0] if typing.get_origin(annotation) is list and args else None


def assert_conforms(obj: dict[str, Any], examples: dict[str, Any]) -> None:
    kind = obj["object"]
    assert mismatches(obj, examples[kind], CLASSES[kind], kind) == []


def test_a_seeded_dispute_has_every_field_of_stripes_example(
    api: Client, examples: dict[str, Any]
) -> None:
    for dispute_id in ("dp_PNR", "dp_INQ"):
        assert_conforms(api.get(f"/v1/disputes/{dispute_id}").json(), examples)


def test_a_submitted_and_decided_dispute_still_conforms(
    api: Client, state: StripeState, examples: dict[str, Any]
) -> None:
    api.post(
        "/v1/disputes/dp_PNR",
        data={"evidence[shipping_carrier]": "DHL", "submit": "true"},
    )
    state.resolve_dispute("dp_PNR", "won")

    assert_conforms(api.get("/v1/disputes/dp_PNR").json(), examples)


def test_charge_payment_intent_and_customer_conform(
    api: Client, examples: dict[str, Any]
) -> None:
    for path in (
        "/v1/charges/ch_PNR",
        "/v1/payment_intents/pi_PNR",
        "/v1/customers/cus_ZOE",
    ):
        assert_conforms(api.get(path).json(), examples)


def test_an_uploaded_file_conforms(api: Client, examples: dict[str, Any]) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    response = api.post(
        "/v1/files",
        data={"purpose": "dispute_evidence"},
        files={"file": ("receipt.png", png, "image/png")},
    )

    assert_conforms(response.json(), examples)


def test_events_conform_and_carry_the_dispute_as_their_object(
    api: Client, examples: dict[str, Any]
) -> None:
    event_example = copy.deepcopy(examples["event"])
    del event_example["data"]["object"]
    events = api.get("/v1/events").json()["data"]
    events += api.get("/v1/events", headers={"Stripe-Account": MERCHANT}).json()["data"]

    for event in events:
        assert mismatches(event, event_example, stripe.Event, "event") == []
        assert_conforms(event["data"]["object"], examples)
    assert {e.get("account") for e in events} == {None, MERCHANT}


def test_the_conformance_check_catches_a_missing_field_and_a_wrong_type(
    api: Client, examples: dict[str, Any]
) -> None:
    dispute = api.get("/v1/disputes/dp_PNR").json()
    dispute["amount"] = "4200"
    del dispute["evidence"]["receipt"]
    dispute["evidence_details"]["has_evidence"] = None

    assert mismatches(dispute, examples["dispute"], stripe.Dispute, "dispute") == [
        "dispute.amount is string, not integer",
        "dispute.evidence.receipt is missing",
        "dispute.evidence_details.has_evidence is null",
    ]
