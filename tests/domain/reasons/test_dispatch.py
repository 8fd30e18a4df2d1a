import pytest

from chargepilot.domain.disputes import BANK_DEBIT_REASONS, DisputeReason
from chargepilot.domain.reasons import BUILDERS, build_evidence
from chargepilot.domain.reasons.credit_not_processed import NOT_REFUNDED, REFUNDED
from chargepilot.domain.reasons.findings import Weights
from tests.domain.reasons.conftest import make_case

CARD_REASONS = sorted(BUILDERS)
NOT_AUTOMATIC = sorted(
    {*BANK_DEBIT_REASONS, DisputeReason.NONCOMPLIANT, DisputeReason.UNKNOWN}
)


def test_every_reason_is_either_answered_or_deliberately_not() -> None:
    assert set(CARD_REASONS) | set(NOT_AUTOMATIC) == set(DisputeReason)
    assert not set(CARD_REASONS) & set(NOT_AUTOMATIC)


@pytest.mark.parametrize("reason", CARD_REASONS)
def test_card_reasons_are_answered_with_the_argument_in_uncategorized_text(
    reason: DisputeReason,
) -> None:
    evidence = build_evidence(make_case(reason))

    assert evidence.auto_answerable
    assert evidence.reason is reason
    assert evidence.fields["uncategorized_text"] == evidence.argument
    assert reason.value.replace("_", " ") in evidence.argument


@pytest.mark.parametrize("reason", NOT_AUTOMATIC)
def test_bank_debit_compliance_and_unknown_reasons_are_not_auto_answered(
    reason: DisputeReason,
) -> None:
    evidence = build_evidence(make_case(reason))

    assert not evidence.auto_answerable
    assert evidence.fields == {}
    assert evidence.strength == 0
    assert "does not respond automatically" in evidence.argument


def test_a_bank_debit_return_says_card_evidence_does_not_apply() -> None:
    evidence = build_evidence(make_case(DisputeReason.INSUFFICIENT_FUNDS))

    assert "bank-debit return, not a card dispute" in evidence.argument


def weights_of(reason: DisputeReason) -> Weights:
    module = BUILDERS[reason].__module__
    found: Weights = __import__(module, fromlist=["WEIGHTS"]).WEIGHTS
    return found


@pytest.mark.parametrize(
    "reason", [r for r in CARD_REASONS if r is not DisputeReason.CREDIT_NOT_PROCESSED]
)
def test_each_reasons_weights_add_up_to_one_hundred(reason: DisputeReason) -> None:
    assert sum(weight for _, weight in weights_of(reason)) == 100


def test_both_credit_not_processed_answers_add_up_to_one_hundred() -> None:
    assert sum(w for _, w in REFUNDED) == 100
    assert sum(w for _, w in NOT_REFUNDED) == 100


def test_building_twice_gives_the_same_evidence() -> None:
    case = make_case(DisputeReason.FRAUDULENT)

    assert build_evidence(case) == build_evidence(case)
