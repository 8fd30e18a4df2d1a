from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.reasons import build_evidence
from tests.domain.reasons.conftest import ORDER_ID, days_before, make_case, order

DUPLICATE = DisputeReason.DUPLICATE


def test_two_distinct_orders_answer_a_duplicate_claim() -> None:
    other = order(2048, created=days_before(11, hour=12), total=4500)
    case = make_case(DUPLICATE, duplicate_charge_id="ch_other", duplicate_order=other)

    evidence = build_evidence(case)

    assert evidence.fields["duplicate_charge_id"] == "ch_other"
    explanation = evidence.fields["duplicate_charge_explanation"]
    assert "The charge said to be duplicated is ch_other." in explanation
    assert "separate order, #2048, placed on 2026-03-08 for $45.00" in explanation
    assert "order #2047" in explanation
    assert evidence.packet_field == "duplicate_charge_documentation"
    assert evidence.strength == 100


def test_two_charges_for_one_order_are_a_true_duplicate() -> None:
    case = make_case(
        DUPLICATE, duplicate_charge_id="ch_other", duplicate_order=order(ORDER_ID)
    )

    evidence = build_evidence(case)

    assert "Both charges are recorded against order #2047." in evidence.argument
    assert any("should be refunded, not contested" in m for m in evidence.missing)
    assert "separate order" not in evidence.argument
    assert evidence.strength == 65


def test_without_the_other_charge_nothing_is_named() -> None:
    evidence = build_evidence(make_case(DUPLICATE))

    assert "duplicate_charge_id" not in evidence.fields
    assert "the other charge is unknown" in evidence.missing
    assert "no store order found for the other charge" in evidence.missing
