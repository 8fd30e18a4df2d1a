"""Stripe's bracketed form encoding decodes into nested values."""

from __future__ import annotations

from chargepilot.sandbox.stripe.forms import decode


def test_stripe_python_indexed_lists_and_nested_hashes_decode() -> None:
    pairs = [
        ("expand[0]", "charge"),
        ("expand[1]", "payment_intent"),
        ("evidence[receipt]", "file_1"),
        ("evidence[enhanced_evidence][visa_compliance][fee_acknowledged]", "true"),
        ("submit", "false"),
    ]

    assert decode(pairs) == {
        "expand": ["charge", "payment_intent"],
        "evidence": {
            "receipt": "file_1",
            "enhanced_evidence": {"visa_compliance": {"fee_acknowledged": "true"}},
        },
        "submit": "false",
    }


def test_empty_brackets_append_like_curl_sends_them() -> None:
    pairs = [("expand[]", "charge"), ("expand[]", "charge.customer")]

    assert decode(pairs) == {"expand": ["charge", "charge.customer"]}


def test_a_created_range_stays_a_hash() -> None:
    pairs = [("created[gte]", "10"), ("created[lt]", "20")]

    assert decode(pairs) == {"created": {"gte": "10", "lt": "20"}}
