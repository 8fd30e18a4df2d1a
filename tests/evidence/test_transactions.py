"""Store payment steps read as sentences, whatever the gateway said."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chargepilot.domain.money import Money
from chargepilot.domain.orders import Transaction
from chargepilot.evidence.transactions import detail, event_name


def step(event: str, gateway: str = "stripe", status: str = "ok") -> Transaction:
    return Transaction(
        id=1,
        event=event,
        amount=Money(20_930, "USD"),
        gateway=gateway,
        gateway_transaction_id="pi_1",
        status=status,
        created=datetime(2024, 3, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("event", "name", "sentence"),
    [
        ("purchase", "Payment captured", "Payment of $209.30 captured by Stripe"),
        ("authorization", "Payment authorized", "Payment of $209.30 authorized"),
        ("refund", "Refund issued", "Refund of $209.30 issued by Stripe"),
        ("void", "Authorization voided", "Authorization of $209.30 voided"),
    ],
)
def test_each_store_event_reads_as_a_sentence(
    event: str, name: str, sentence: str
) -> None:
    assert event_name(step(event)) == name
    assert detail(step(event)).startswith(sentence)


def test_a_failed_step_says_it_was_not_completed() -> None:
    failed = step("capture", status="error")

    assert event_name(failed) == "Payment failed"
    assert detail(failed) == (
        "Payment of $209.30 attempted by Stripe; it was not completed"
    )


def test_store_credit_is_a_way_to_pay_not_a_processor() -> None:
    said = detail(step("purchase", gateway="storecredit"))

    assert said == "Payment of $209.30 captured with store credit"


def test_words_the_store_adds_later_are_shown_as_they_come() -> None:
    said = detail(step("chargeback", gateway="newpay", status="held"))

    assert said == "Payment of $209.30 chargeback by newpay (status: held)"
