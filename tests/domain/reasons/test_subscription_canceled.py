from chargepilot.domain.case import Case
from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.reasons import build_evidence
from tests.domain.reasons.conftest import (
    POLICIES,
    PRIORS,
    days_before,
    make_case,
    order,
    record,
)

SUBSCRIPTION = DisputeReason.SUBSCRIPTION_CANCELED


def later_order_case() -> Case:
    later = order(2051, created=days_before(4), total=3500)
    disputed = order()
    return make_case(
        SUBSCRIPTION,
        policies=POLICIES,
        record=record(order=disputed, history=(*PRIORS, disputed, later)),
    )


def test_policy_where_it_was_shown_and_later_orders_are_sent() -> None:
    evidence = build_evidence(later_order_case())
    fields = evidence.fields

    assert fields["cancellation_policy_disclosure"].startswith(
        "Shown on the subscription sign-up page."
    )
    assert (
        "renew monthly until cancelled online"
        in fields["cancellation_policy_disclosure"]
    )
    assert "#2051 on 2026-03-15, $35.00" in fields["access_activity_log"]
    assert "After order #2047 the customer placed 1 more paid order:" in (
        evidence.argument
    )
    assert evidence.strength == 100


def test_the_rebuttal_starts_with_the_merchants_words_then_the_argument() -> None:
    evidence = build_evidence(later_order_case())
    rebuttal = evidence.fields["cancellation_rebuttal"]

    assert rebuttal.startswith("No cancellation request reached us before renewal.")
    assert rebuttal.endswith(evidence.argument)


def test_missing_policy_and_later_orders_are_listed() -> None:
    evidence = build_evidence(make_case(SUBSCRIPTION))

    assert "no cancellation policy configured" in evidence.missing
    assert "no note of where the cancellation policy was shown" in evidence.missing
    assert "no other paid orders around the disputed charge" in evidence.missing
    assert "access_activity_log" not in evidence.fields
    assert "cancellation_policy_disclosure" not in evidence.fields
    assert evidence.fields["cancellation_rebuttal"] == evidence.argument
    assert evidence.strength == 30


def test_renewals_paid_in_the_months_before_the_charge_count_as_continued_use() -> None:
    disputed = order()
    renewals = (
        order(2040, created=days_before(41), total=4200),
        order(2044, created=days_before(72), total=4200),
    )
    case = make_case(
        SUBSCRIPTION,
        policies=POLICIES,
        record=record(order=disputed, history=(*PRIORS, *renewals, disputed)),
    )

    evidence = build_evidence(case)

    assert "no other paid orders around the disputed charge" not in evidence.missing
    intro = "In the 120 days before order #2047 the customer placed and paid for 2"
    assert intro in evidence.argument
    assert "#2044 on" in evidence.argument
    assert "#2040 on" in evidence.argument
    assert evidence.strength == 100
