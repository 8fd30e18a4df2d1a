from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.orders import Refund
from chargepilot.domain.reasons import build_evidence
from chargepilot.domain.reasons.credit_not_processed import NOT_REFUNDED, REFUNDED
from tests.domain.reasons.conftest import (
    POLICIES,
    charge,
    days_before,
    make_case,
    record,
    unmatched,
    usd,
)

CREDIT = DisputeReason.CREDIT_NOT_PROCESSED


def test_a_refund_already_made_is_the_argument() -> None:
    first = Refund(1, days_before(6), usd(9900), "shoes returned")
    second = Refund(2, days_before(4), usd(3000))
    case = make_case(CREDIT, record=record(refunds=(first, second)))

    evidence = build_evidence(case)
    text = evidence.argument

    assert "- $99.00 on 2026-03-13 (6 days before the dispute was opened)" in text
    assert "- $30.00 on 2026-03-15 (4 days before the dispute was opened)" in text
    assert "In total the store refunded $129.00 of the $129.00 order." in text
    assert "The credit the cardholder asks for was processed" in text
    assert [c.weight for c in evidence.checklist] == [w for _, w in REFUNDED]
    assert evidence.strength == 90  # no refund policy on file


def test_a_refund_made_after_the_dispute_is_flagged() -> None:
    late = Refund(1, days_before(-1), usd(12900))
    evidence = build_evidence(make_case(CREDIT, record=record(refunds=(late,))))

    assert "a refund was made only after the dispute was opened" in evidence.missing


def test_no_refund_falls_back_to_policy_and_refusal() -> None:
    evidence = build_evidence(make_case(CREDIT, policies=POLICIES))

    assert "The store has recorded no refund on order #2047." in evidence.argument
    assert evidence.fields["refund_refusal_explanation"].startswith(
        "The shoes came back worn"
    )
    assert "was processed" not in evidence.argument
    assert [c.weight for c in evidence.checklist] == [w for _, w in NOT_REFUNDED]
    assert evidence.strength == 100


def test_stripes_refund_is_quoted_but_never_dated_without_the_store() -> None:
    case = unmatched(CREDIT, charge=charge(amount_refunded=usd(12900)))

    evidence = build_evidence(case)

    assert "Stripe shows $129.00 refunded on charge ch_disputed." in evidence.argument
    assert "refunded $129.00 of" not in evidence.argument
    assert evidence.strength == 0
