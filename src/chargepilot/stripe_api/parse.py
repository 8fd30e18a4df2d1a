"""Turn Stripe's JSON objects into domain objects.

Works on plain mappings, so the same code reads SDK responses (after
`to_dict()`), webhook payloads and the example objects Stripe publishes.
Fields Stripe may leave null or unexpanded are read defensively.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from chargepilot.domain.disputes import (
    CardChecks,
    Charge,
    Dispute,
    DisputeReason,
    DisputeStatus,
    PostalAddress,
)
from chargepilot.domain.money import Money

Json = Mapping[str, Any]


def timestamp(value: object) -> datetime | None:
    """Stripe's unix seconds as an aware UTC datetime; 0 and null mean none."""
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        return None
    return datetime.fromtimestamp(value, tz=UTC)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _obj(value: object) -> Json:
    return value if isinstance(value, Mapping) else {}


def object_id(value: object) -> str | None:
    """The id of a field that may be an id string or an expanded object."""
    if isinstance(value, str):
        return value or None
    found = _obj(value).get("id")
    return found if isinstance(found, str) else None


def postal_address(value: object) -> PostalAddress | None:
    data = _obj(value)
    if not data:
        return None
    address = PostalAddress(
        line1=_text(data.get("line1")),
        line2=_text(data.get("line2")),
        city=_text(data.get("city")),
        state=_text(data.get("state")),
        postal_code=_text(data.get("postal_code")),
        country=_text(data.get("country")),
    )
    return None if address.is_empty() else address


def card_checks(charge: Json) -> CardChecks | None:
    card = _obj(_obj(charge.get("payment_method_details")).get("card"))
    if not card:
        return None
    checks = _obj(card.get("checks"))
    secure = _obj(card.get("three_d_secure"))
    return CardChecks(
        brand=_text(card.get("brand")),
        last4=_text(card.get("last4")),
        fingerprint=_text(card.get("fingerprint")),
        address_line1_check=checks.get("address_line1_check"),
        address_postal_code_check=checks.get("address_postal_code_check"),
        cvc_check=checks.get("cvc_check"),
        three_d_secure=secure.get("result") if secure else None,
    )


def charge(data: Json) -> Charge:
    currency = _text(data.get("currency")) or "usd"
    billing = _obj(data.get("billing_details"))
    shipping = _obj(data.get("shipping"))
    customer = _obj(data.get("customer"))
    captured = data.get("amount_captured") or data.get("amount") or 0
    return Charge(
        id=_text(data.get("id")),
        amount=Money(int(captured), currency),
        created=timestamp(data.get("created")) or datetime.fromtimestamp(0, UTC),
        payment_intent_id=object_id(data.get("payment_intent")),
        customer_id=object_id(data.get("customer")),
        customer_email=_text(customer.get("email")) or None,
        amount_refunded=Money(int(data.get("amount_refunded") or 0), currency),
        billing_name=_text(billing.get("name")),
        billing_email=_text(billing.get("email")),
        billing_phone=_text(billing.get("phone")),
        billing_address=postal_address(billing.get("address")),
        shipping_name=_text(shipping.get("name")),
        shipping_address=postal_address(shipping.get("address")),
        receipt_email=_text(data.get("receipt_email")),
        description=_text(data.get("description")),
        metadata={str(k): str(v) for k, v in _obj(data.get("metadata")).items()},
        card=card_checks(data),
    )


def _charge_of(data: Json) -> Charge:
    """The dispute's charge: expanded, or only its id when not expanded."""
    expanded = data.get("charge")
    if isinstance(expanded, Mapping):
        return charge(expanded)
    amount = Money(int(data.get("amount") or 0), _text(data.get("currency")) or "usd")
    created = timestamp(data.get("created")) or datetime.fromtimestamp(0, UTC)
    return Charge(id=_text(expanded), amount=amount, created=created)


def _with_intent(found: Charge, intent: Json) -> Charge:
    """Fill what the charge lacks from its expanded payment intent."""
    if not intent:
        return found
    shipping = _obj(intent.get("shipping"))
    updates: dict[str, Any] = {}
    if not found.payment_intent_id:
        updates["payment_intent_id"] = object_id(intent)
    if not found.receipt_email:
        updates["receipt_email"] = _text(intent.get("receipt_email"))
    if found.shipping_address is None and shipping:
        updates["shipping_address"] = postal_address(shipping.get("address"))
        updates["shipping_name"] = _text(shipping.get("name"))
    return replace(found, **updates) if updates else found


def dispute(data: Json, *, account: str | None = None) -> Dispute:
    """A dispute object, with `charge` and `payment_intent` ideally expanded."""
    details = _obj(data.get("evidence_details"))
    card = _obj(_obj(data.get("payment_method_details")).get("card"))
    found = _with_intent(_charge_of(data), _obj(data.get("payment_intent")))
    return Dispute(
        id=_text(data.get("id")),
        charge=found,
        amount=Money(int(data.get("amount") or 0), _text(data.get("currency"))),
        reason=DisputeReason.parse(_text(data.get("reason"))),
        status=DisputeStatus.parse(_text(data.get("status"))),
        created=timestamp(data.get("created")) or datetime.fromtimestamp(0, UTC),
        due_by=timestamp(details.get("due_by")),
        account=account,
        has_evidence=bool(details.get("has_evidence")),
        submission_count=int(details.get("submission_count") or 0),
        past_due=bool(details.get("past_due")),
        network_reason_code=card.get("network_reason_code") or None,
        enhanced_eligibility_types=tuple(data.get("enhanced_eligibility_types") or ()),
        livemode=bool(data.get("livemode")),
    )
