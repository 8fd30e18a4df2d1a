from chargepilot.domain.disputes import CardChecks, DisputeReason
from chargepilot.domain.reasons import build_evidence
from tests.domain.reasons.conftest import (
    IP,
    PRIORS,
    charge,
    lifetime,
    make_case,
    unmatched,
)

FRAUD = DisputeReason.FRAUDULENT


def test_stripe_signals_and_earlier_orders_make_a_ce3_style_argument() -> None:
    evidence = build_evidence(make_case(FRAUD))
    text = evidence.argument

    assert "AVS street address pass, AVS postal code pass, CVC pass" in text
    assert "3-D Secure authenticated" in text
    assert "same customer account, same IP address" in text
    assert "within Visa's 120–365 day window" in text
    assert "Compelling Evidence 3.0" in text
    assert "UPS confirmed delivery on 2026-03-17" in text
    assert evidence.fields["customer_purchase_ip"] == IP
    assert evidence.strength == 100


def test_failed_card_checks_lower_strength_and_are_listed() -> None:
    card = CardChecks(address_line1_check="fail", cvc_check="unavailable")
    evidence = build_evidence(make_case(FRAUD, charge=charge(card=card)))

    assert "AVS street check: fail" in evidence.missing
    assert "AVS postal code check: not run" in evidence.missing
    assert "3-D Secure: not used" in evidence.missing
    assert "authenticated this payment" not in evidence.argument
    assert evidence.strength == 70


def test_one_earlier_order_is_not_enough_for_ce3() -> None:
    case = make_case(FRAUD, lifetime=lifetime(prior_undisputed=PRIORS[:1]))

    evidence = build_evidence(case)

    assert "Compelling Evidence 3.0" not in evidence.argument
    assert any("fewer than two earlier" in m for m in evidence.missing)


def test_without_a_record_only_stripe_signals_are_argued() -> None:
    evidence = build_evidence(unmatched(FRAUD))

    assert "3-D Secure authenticated" in evidence.argument
    assert "#2047" not in evidence.argument
    assert "customer_purchase_ip" not in evidence.fields
    assert evidence.strength == 30
