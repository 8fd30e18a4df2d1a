from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.orders import Refund
from chargepilot.domain.reasons import build_evidence
from tests.domain.reasons.conftest import POLICIES, days_before, make_case, record, usd

UNACCEPTABLE = DisputeReason.PRODUCT_UNACCEPTABLE


def test_description_policy_refusal_and_delivery_are_sent() -> None:
    evidence = build_evidence(make_case(UNACCEPTABLE, policies=POLICIES))
    fields = evidence.fields

    assert (
        "1 × Trail Runner Shoes (SKU TR-1), $99.00: Light shoe"
        in fields["product_description"]
    )
    assert "2 × Merino Socks (SKU MS-2), $30.00" in fields["product_description"]
    assert fields["refund_policy_disclosure"].startswith("Shown at checkout")
    assert fields["refund_refusal_explanation"].startswith("The shoes came back worn")
    assert "UPS confirmed delivery on 2026-03-17" in evidence.argument
    assert "The store has recorded no refund on order #2047." in evidence.argument
    assert evidence.strength == 100


def test_without_policies_the_missing_texts_are_named() -> None:
    evidence = build_evidence(make_case(UNACCEPTABLE))

    assert evidence.missing == (
        "no refund policy configured",
        "no note of where the refund policy was shown",
        "no refund refusal explanation written",
    )
    assert "refund_policy_disclosure" not in evidence.fields
    assert evidence.strength == 50


def test_a_partial_refund_is_stated_with_date_and_amount() -> None:
    refund = Refund(5, days_before(6), usd(3000), "socks returned")
    case = make_case(UNACCEPTABLE, record=record(refunds=(refund,)))

    text = build_evidence(case).argument

    assert "- $30.00 on 2026-03-13 (6 days before the dispute was opened)" in text
    assert "refunded $30.00 of the $129.00 order" in text
