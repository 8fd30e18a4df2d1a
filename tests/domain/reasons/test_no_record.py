"""Without a record we can rely on, the evidence says only what Stripe says."""

import re

import pytest

from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.matching import Match, MatchMethod
from chargepilot.domain.reasons import BUILDERS, build_evidence
from tests.domain.reasons.conftest import IP, ORDER_ID, TRACKING, make_case, unmatched

STORE_FACTS = (str(ORDER_ID), TRACKING, IP, "UPS", "$923.00", "7 orders", "2026-03-10")
LOW = 35


REVIEW = Match(ORDER_ID, 0.62, MatchMethod.EMAIL_AMOUNT_DATE, rivals=(2051,))


@pytest.mark.parametrize("reason", sorted(BUILDERS))
def test_no_match_never_claims_store_facts(reason: DisputeReason) -> None:
    evidence = build_evidence(unmatched(reason))
    sent = " ".join(evidence.fields.values())

    for fact in STORE_FACTS:
        assert fact not in sent
    assert "could not tie this charge to a store order" in evidence.argument
    assert "no order in the store matches this charge" in evidence.missing
    assert evidence.strength <= LOW


@pytest.mark.parametrize("reason", sorted(BUILDERS))
def test_a_match_that_needs_review_is_set_aside(reason: DisputeReason) -> None:
    evidence = build_evidence(make_case(reason, match=REVIEW))
    sent = " ".join(evidence.fields.values())

    for fact in STORE_FACTS:
        assert fact not in sent
    assert evidence.missing[0] == (
        "the match to order #2047 needs review "
        "(confidence 0.62, by email_amount_date; other orders fit too: #2051)"
    )
    assert evidence.strength <= LOW


def test_a_record_for_another_order_than_the_match_is_not_used() -> None:
    match = Match(9999, 1.0, MatchMethod.PAYMENT_ID)
    evidence = build_evidence(make_case(match=match))

    assert "#2047" not in evidence.argument
    assert "the store record of order #9999 was not gathered" in evidence.missing


def test_stripe_data_still_fills_the_customer_fields() -> None:
    fields = build_evidence(unmatched(DisputeReason.UNRECOGNIZED)).fields

    assert fields["customer_name"] == "Jane Doe"
    assert fields["customer_email_address"] == "jane.doe@example.com"
    assert fields["billing_address"] == "100 Peach Avenue, Saint Louis, 63123, US"
    assert not re.search(r"\d+ days? before", fields["uncategorized_text"])
