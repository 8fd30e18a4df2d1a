"""Build JSON objects shaped like Stripe's from the scenario seeds.

Every builder returns the fields of the matching example object in
shared/specs/stripe/fixtures3.json, with the same JSON types.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chargepilot.sandbox.stripe.seeds import (
    SeedAddress,
    SeedCharge,
    SeedCustomer,
    SeedDispute,
)

JSON = dict[str, Any]

API_VERSION = "2026-10-28.endive"  # the version stripe-python 16.x pins
DISPUTE_FEE = 1500
TEXT_EVIDENCE_FIELDS = (
    "access_activity_log",
    "billing_address",
    "cancellation_policy_disclosure",
    "cancellation_rebuttal",
    "customer_email_address",
    "customer_name",
    "customer_purchase_ip",
    "duplicate_charge_explanation",
    "duplicate_charge_id",
    "product_description",
    "refund_policy_disclosure",
    "refund_refusal_explanation",
    "service_date",
    "shipping_address",
    "shipping_carrier",
    "shipping_date",
    "shipping_tracking_number",
    "uncategorized_text",
)
FILE_EVIDENCE_FIELDS = (
    "cancellation_policy",
    "customer_communication",
    "customer_signature",
    "duplicate_charge_documentation",
    "receipt",
    "refund_policy",
    "service_documentation",
    "shipping_documentation",
    "uncategorized_file",
)
CE3_REQUIRED_ACTIONS = [
    "missing_customer_identifiers",
    "missing_prior_undisputed_transactions",
]


def unix(moment: datetime) -> int:
    return int(moment.timestamp())


def address(seed: SeedAddress | None) -> JSON:
    if seed is None:
        keys = ("city", "country", "line1", "line2", "postal_code", "state")
        return dict.fromkeys(keys)
    return {
        "city": seed.city,
        "country": seed.country,
        "line1": seed.line1,
        "line2": seed.line2,
        "postal_code": seed.postal_code,
        "state": seed.state,
    }


def list_object(url: str, data: list[JSON], *, has_more: bool = False) -> JSON:
    return {"object": "list", "data": data, "has_more": has_more, "url": url}


def customer(seed: SeedCustomer) -> JSON:
    return {
        "id": seed.id,
        "object": "customer",
        "address": address(seed.address),
        "balance": 0,
        "created": unix(seed.created),
        "currency": None,
        "default_source": None,
        "delinquent": False,
        "description": None,
        "discount": None,
        "email": seed.email,
        "invoice_prefix": seed.id[-7:].upper(),
        "invoice_settings": {
            "custom_fields": None,
            "default_payment_method": None,
            "footer": None,
            "rendering_options": None,
        },
        "livemode": False,
        "metadata": {},
        "name": seed.name,
        "next_invoice_sequence": 1,
        "phone": seed.phone,
        "preferred_locales": [],
        "shipping": None,
        "tax_exempt": "none",
        "test_clock": None,
    }


def charge(seed: SeedCharge, *, disputed: bool) -> JSON:
    refunded = seed.amount_refunded
    return {
        "id": seed.id,
        "object": "charge",
        "amount": seed.amount,
        "amount_captured": seed.amount,
        "amount_refunded": refunded,
        "application": None,
        "application_fee": None,
        "application_fee_amount": None,
        "balance_transaction": "txn_" + seed.id.removeprefix("ch_"),
        "billing_details": _billing_details(seed),
        "calculated_statement_descriptor": "CHARGEPILOT SANDBOX",
        "captured": True,
        "created": unix(seed.created),
        "currency": seed.currency,
        "customer": seed.customer_id,
        "description": seed.description,
        "disputed": disputed,
        "failure_balance_transaction": None,
        "failure_code": None,
        "failure_message": None,
        "fraud_details": {},
        "livemode": False,
        "metadata": dict(seed.metadata),
        "on_behalf_of": None,
        "outcome": _outcome(),
        "paid": True,
        "payment_intent": seed.payment_intent_id,
        "payment_method": "pm_" + seed.id.removeprefix("ch_"),
        "payment_method_details": {"card": _card(seed), "type": "card"},
        "receipt_email": seed.receipt_email,
        "receipt_number": None,
        "receipt_url": None,
        "refunded": refunded >= seed.amount,
        "refunds": list_object(f"/v1/charges/{seed.id}/refunds", []),
        "review": None,
        "shipping": _shipping(seed),
        "source": None,
        "source_transfer": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": "succeeded",
        "transfer_data": None,
        "transfer_group": None,
    }


def _billing_details(seed: SeedCharge) -> JSON:
    return {
        "address": address(seed.billing_address),
        "email": seed.billing_email,
        "name": seed.billing_name,
        "phone": seed.billing_phone,
        "tax_id": None,
    }


def _shipping(seed: SeedCharge) -> JSON | None:
    if seed.shipping_address is None:
        return None
    return {
        "address": address(seed.shipping_address),
        "carrier": None,
        "name": seed.shipping_name,
        "phone": None,
        "tracking_number": None,
    }


def _outcome() -> JSON:
    return {
        "advice_code": None,
        "network_advice_code": None,
        "network_decline_code": None,
        "network_status": "approved_by_network",
        "reason": None,
        "risk_level": "normal",
        "risk_score": 21,
        "seller_message": "Payment complete.",
        "type": "authorized",
    }


def _card(seed: SeedCharge) -> JSON:
    checks = seed.checks
    return {
        "amount_authorized": seed.amount,
        "authorization_code": "123456",
        "brand": seed.card_brand,
        "checks": {
            "address_line1_check": checks.address_line1_check,
            "address_postal_code_check": checks.address_postal_code_check,
            "cvc_check": checks.cvc_check,
        },
        "country": "US",
        "exp_month": seed.card_exp_month,
        "exp_year": seed.card_exp_year,
        "extended_authorization": {"status": "disabled"},
        "fingerprint": seed.card_fingerprint,
        "funding": "credit",
        "incremental_authorization": {"status": "unavailable"},
        "installments": None,
        "last4": seed.card_last4,
        "mandate": None,
        "multicapture": {"status": "unavailable"},
        "network": seed.card_brand,
        "network_token": {"used": False},
        "network_transaction_id": "58" + seed.id[-13:],
        "overcapture": {
            "maximum_amount_capturable": seed.amount,
            "status": "unavailable",
        },
        "regulated_status": "unregulated",
        "three_d_secure": _three_d_secure(checks.three_d_secure_result),
        "transaction_link_id": None,
        "wallet": None,
    }


def _three_d_secure(result: str | None) -> JSON | None:
    if result is None:
        return None
    return {
        "authentication_flow": "challenge",
        "electronic_commerce_indicator": "05",
        "exemption_indicator": None,
        "result": result,
        "result_reason": None,
        "transaction_id": "3ds-sandbox-transaction",
        "version": "2.2.0",
    }


def payment_intent(seed: SeedCharge) -> JSON:
    pi_id = seed.payment_intent_id
    return {
        "id": pi_id,
        "object": "payment_intent",
        "amount": seed.amount,
        "amount_capturable": 0,
        "amount_details": {"tip": {}},
        "amount_received": seed.amount,
        "application": None,
        "application_fee_amount": None,
        "automatic_payment_methods": None,
        "canceled_at": None,
        "cancellation_reason": None,
        "capture_method": "automatic",
        "client_secret": f"{pi_id}_secret_sandbox",
        "confirmation_method": "automatic",
        "created": unix(seed.created),
        "currency": seed.currency,
        "customer": seed.customer_id,
        "customer_account": None,
        "description": seed.description,
        "excluded_payment_method_types": None,
        "last_payment_error": None,
        "latest_charge": seed.id,
        "livemode": False,
        "managed_payments": None,
        "metadata": dict(seed.metadata),
        "next_action": None,
        "on_behalf_of": None,
        "payment_method": "pm_" + seed.id.removeprefix("ch_"),
        "payment_method_configuration_details": None,
        "payment_method_options": {},
        "payment_method_types": ["card"],
        "processing": None,
        "receipt_email": seed.receipt_email,
        "review": None,
        "setup_future_usage": None,
        "shipping": _shipping(seed),
        "source": None,
        "statement_descriptor": None,
        "statement_descriptor_suffix": None,
        "status": "succeeded",
        "transfer_data": None,
        "transfer_group": None,
    }


def dispute(seed: SeedDispute, charge_seed: SeedCharge) -> JSON:
    inquiry = seed.status.startswith("warning_")
    brand = charge_seed.card_brand
    return {
        "id": seed.id,
        "object": "dispute",
        "amount": seed.amount,
        "balance_transactions": [] if inquiry else [_withdrawal(seed)],
        "charge": seed.charge_id,
        "created": unix(seed.created),
        "currency": seed.currency,
        "enhanced_eligibility_types": list(seed.enhanced_eligibility_types),
        "evidence": empty_evidence(),
        "evidence_details": {
            "due_by": unix(seed.due_by),
            "enhanced_eligibility": _eligibility(seed.enhanced_eligibility_types),
            "has_evidence": False,
            "past_due": False,
            "submission_count": 0,
            "submission_method": "not_submitted",
        },
        "intended_submission_method": None,
        "is_charge_refundable": inquiry,
        "livemode": False,
        "metadata": {},
        "network_reason_code": seed.network_reason_code,
        "payment_intent": charge_seed.payment_intent_id,
        "payment_method_details": {
            "card": {
                "brand": brand,
                "case_type": "inquiry" if inquiry else "chargeback",
                "network": brand,
                "network_reason_code": seed.network_reason_code,
            },
            "type": "card",
        },
        "reason": seed.reason,
        "status": seed.status,
    }


def empty_evidence() -> JSON:
    fields = sorted((*TEXT_EVIDENCE_FIELDS, *FILE_EVIDENCE_FIELDS))
    evidence: JSON = dict.fromkeys(fields)
    evidence["enhanced_evidence"] = {}
    return evidence


def _eligibility(types: list[str]) -> JSON:
    eligibility: JSON = {}
    if "visa_compelling_evidence_3" in types:
        eligibility["visa_compelling_evidence_3"] = {
            "required_actions": list(CE3_REQUIRED_ACTIONS),
            "status": "requires_action",
        }
    if "visa_compliance" in types:
        eligibility["visa_compliance"] = {"status": "requires_fee_acknowledgement"}
    return eligibility


def _withdrawal(seed: SeedDispute) -> JSON:
    return balance_transaction(
        "txn_w" + seed.id.removeprefix("dp_"),
        source=seed.id,
        currency=seed.currency,
        amount=-seed.amount,
        created=unix(seed.created),
    )


def balance_transaction(
    txn_id: str, *, source: str, currency: str, amount: int, created: int
) -> JSON:
    """A dispute's withdrawal (negative, with the fee) or reinstatement."""
    fee = DISPUTE_FEE if amount < 0 else 0
    fee_details = [
        {
            "amount": fee,
            "application": None,
            "currency": currency,
            "description": "Dispute fee",
            "type": "stripe_fee",
        }
    ]
    return {
        "id": txn_id,
        "object": "balance_transaction",
        "amount": amount,
        "available_on": created,
        "created": created,
        "currency": currency,
        "description": f"Chargeback {'withdrawal' if fee else 'reversal'}",
        "exchange_rate": None,
        "fee": fee,
        "fee_details": fee_details if fee else [],
        "net": amount - fee,
        "reporting_category": "dispute" if fee else "dispute_reversal",
        "source": source,
        "status": "available",
        "type": "adjustment",
    }


def file(
    file_id: str,
    *,
    filename: str,
    purpose: str,
    size: int,
    kind: str,
    created: datetime,
) -> JSON:
    return {
        "id": file_id,
        "object": "file",
        "created": unix(created),
        "expires_at": unix(created + timedelta(days=270)),
        "filename": filename,
        "links": list_object(f"/v1/file_links?file={file_id}", []),
        "purpose": purpose,
        "size": size,
        "title": None,
        "type": kind,
        "url": None,
    }


def event(
    event_id: str,
    *,
    kind: str,
    snapshot: JSON,
    created: datetime,
    account: str | None,
    previous_attributes: JSON | None = None,
    request: tuple[str | None, str | None] = (None, None),
) -> JSON:
    data: JSON = {"object": snapshot}
    if previous_attributes is not None:
        data["previous_attributes"] = previous_attributes
    body: JSON = {
        "id": event_id,
        "object": "event",
        "api_version": API_VERSION,
        "created": unix(created),
        "data": data,
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": request[0], "idempotency_key": request[1]},
        "type": kind,
    }
    if account is not None:
        body["account"] = account
    return body
