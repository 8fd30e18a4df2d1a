"""Which order a disputed charge paid for: proof first, then signals."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chargepilot.domain.disputes import (
    Charge,
    Dispute,
    DisputeReason,
    DisputeStatus,
    PostalAddress,
)
from chargepilot.domain.matching import (
    AUTO_SUBMIT_CONFIDENCE,
    Match,
    MatchCandidate,
    MatchMethod,
    amount_bounds,
    match_charge,
    normalise_email,
    order_search_window,
)
from chargepilot.domain.money import Money
from chargepilot.domain.orders import Order, OrderAddress, OrderStatus, Transaction

CHARGED_AT = datetime(2026, 3, 14, 15, 9, tzinfo=UTC)
JANE = "jane.doe@example.com"
CHARGED = Money(3412, "USD")
HOME = PostalAddress(
    line1="100 Peach Avenue East",
    line2="Apt 5",
    city="St. Louis",
    state="MO",
    postal_code="63123-4567",
    country="US",
)


def dispute_for(
    amount: Money = CHARGED,
    *,
    email: str = "Jane.Doe@Example.COM ",
    name: str = "Jane Doe",
    address: PostalAddress | None = HOME,
) -> Dispute:
    charge = Charge(
        id="ch_123",
        amount=amount,
        created=CHARGED_AT,
        payment_intent_id="pi_123",
        billing_email=email,
        billing_name=name,
        billing_address=address,
    )
    return Dispute(
        id="dp_1",
        charge=charge,
        amount=amount,
        reason=DisputeReason.PRODUCT_NOT_RECEIVED,
        status=DisputeStatus.NEEDS_RESPONSE,
        created=CHARGED_AT + timedelta(days=20),
        due_by=CHARGED_AT + timedelta(days=30),
    )


def order(
    order_id: int,
    *,
    email: str = JANE,
    total: str = "34.1164",
    currency: str = "USD",
    placed: timedelta = timedelta(minutes=2),
    status: OrderStatus = OrderStatus.AWAITING_FULFILLMENT,
    customer_id: int = 0,
    **changes: object,
) -> Order:
    billing = OrderAddress(
        first_name="Jane",
        last_name="Doe",
        street_1="100 Peach Ave. E #5",
        city="Saint Louis",
        state="Missouri",
        zip="63123",
        country_iso2="US",
        email=email,
    )
    made = Order(
        id=order_id,
        customer_id=customer_id,
        status=status,
        created=CHARGED_AT - placed,
        total=Money.from_decimal(total, currency),
        billing=billing,
    )
    return replace(made, **changes)  # type: ignore[arg-type]


def only(*orders: Order) -> list[MatchCandidate]:
    return [MatchCandidate(o) for o in orders]


def test_an_order_recording_the_payment_intent_is_matched_with_near_certainty() -> None:
    match = match_charge(dispute_for(), only(order(1042, payment_provider_id="pi_123")))

    assert match.order_id == 1042
    assert match.method is MatchMethod.PAYMENT_ID
    assert match.confidence >= 0.99
    assert not match.needs_review
    assert "payment intent pi_123 is recorded on order #1042" in match.reasons
    assert "amount $34.12 equals the charge" in match.reasons


def test_a_legacy_order_recording_the_charge_id_is_matched_by_payment_id() -> None:
    match = match_charge(dispute_for(), only(order(7, payment_provider_id="ch_123")))

    assert match.method is MatchMethod.PAYMENT_ID
    assert "charge ch_123 is recorded on order #7" in match.reasons


def test_a_stripe_transaction_on_the_order_confirms_the_match() -> None:
    transaction = Transaction(
        id=77,
        event="purchase",
        amount=Money(3412, "USD"),
        gateway="stripe",
        gateway_transaction_id="pi_123",
        status="ok",
        created=CHARGED_AT,
    )
    candidate = MatchCandidate(order(1042, email=""), (transaction,))

    match = match_charge(dispute_for(), [candidate])

    assert match.method is MatchMethod.TRANSACTION_ID
    assert 0.95 <= match.confidence < 0.99
    assert any("transaction 77 of order #1042" in r for r in match.reasons)


def test_b16_a_guest_order_matches_an_email_differing_in_case_and_spaces() -> None:
    match = match_charge(dispute_for(), only(order(501, email="jane.doe@example.com")))

    assert match.order_id == 501
    assert match.method is MatchMethod.EMAIL_AMOUNT_DATE
    assert any("guest checkout" in r for r in match.reasons)


def test_a_lone_email_amount_date_match_with_the_same_name_and_place_is_sure() -> None:
    match = match_charge(dispute_for(), only(order(501, email="jane.doe@example.com")))

    assert match.confidence >= AUTO_SUBMIT_CONFIDENCE
    assert not match.needs_review


def test_an_email_amount_date_match_elsewhere_needs_review() -> None:
    moved = replace(
        order(501).billing, street_1="9 Harbour Road", city="Leeds", zip="LS1 4AB"
    )
    match = match_charge(dispute_for(), only(order(501, billing=moved)))

    assert match.method is MatchMethod.EMAIL_AMOUNT_DATE
    assert match.confidence < AUTO_SUBMIT_CONFIDENCE
    assert match.needs_review


def test_b16_an_order_without_email_falls_back_to_name_and_address_less_surely() -> (
    None
):
    by_email = match_charge(dispute_for(), only(order(501)))
    no_email = match_charge(dispute_for(), only(order(502, email="")))

    assert no_email.order_id == 502
    assert no_email.method is MatchMethod.NAME_ADDRESS
    assert 0 < no_email.confidence < by_email.confidence
    assert "order #502 has no email; other signals decide" in no_email.reasons


def test_b16_the_order_with_the_email_beats_the_one_without() -> None:
    match = match_charge(dispute_for(), only(order(502, email=""), order(501)))

    assert match.order_id == 501
    assert match.rivals == ()


def test_b16_a_charge_without_any_email_is_matched_on_name_and_address() -> None:
    match = match_charge(dispute_for(email=""), only(order(501)))

    assert match.method is MatchMethod.NAME_ADDRESS
    assert match.needs_review


def test_b20_a_four_decimal_store_total_equals_the_charge_in_cents() -> None:
    match = match_charge(
        dispute_for(Money(3412, "usd")), only(order(9, total="34.1164"))
    )

    assert match.order_id == 9
    assert "amount $34.12 equals the charge" in match.reasons


def test_b20_a_yen_order_matches_a_zero_decimal_charge() -> None:
    dispute = dispute_for(Money(1500, "jpy"))

    match = match_charge(dispute, only(order(9, total="1500.0000", currency="JPY")))

    assert match.order_id == 9
    assert "amount ¥1,500 equals the charge" in match.reasons


def test_b20_an_order_in_another_currency_never_matches_on_amount() -> None:
    match = match_charge(dispute_for(), only(order(9, currency="EUR")))

    assert match.method is MatchMethod.NAME_ADDRESS  # the person, not the amount
    assert match.needs_review
    assert not any("equals the charge" in r for r in match.reasons)
    assert "order #9 is in EUR and the charge in USD; amounts cannot be compared" in (
        match.reasons
    )


def test_a_total_more_than_one_cent_off_does_not_match_on_amount() -> None:
    match = match_charge(dispute_for(), only(order(9, total="34.1350", email=JANE)))

    assert match.method is not MatchMethod.EMAIL_AMOUNT_DATE


def test_store_credit_explains_a_charge_below_the_order_total() -> None:
    credited = order(9, total="40.00", store_credit=Money(1000, "USD"))

    match = match_charge(dispute_for(Money(3000, "USD")), only(credited))

    assert match.method is MatchMethod.EMAIL_AMOUNT_DATE
    assert any("less store credit" in r for r in match.reasons)


def test_two_orders_with_the_same_email_and_amount_need_review() -> None:
    match = match_charge(dispute_for(), only(order(501), order(503)))

    assert match.order_id == 501
    assert match.rivals == (503,)
    assert match.needs_review
    assert any("#503" in r for r in match.reasons)


@pytest.mark.parametrize(
    "status", [OrderStatus.INCOMPLETE, OrderStatus.DECLINED, OrderStatus.CANCELLED]
)
def test_unpaid_orders_never_match_even_with_the_payment_id(
    status: OrderStatus,
) -> None:
    unpaid = order(9, status=status, payment_provider_id="pi_123")

    match = match_charge(dispute_for(), only(unpaid))

    assert match.order_id is None
    assert match.method is MatchMethod.NONE


def test_an_archived_order_with_the_payment_id_is_matched_but_needs_review() -> None:
    archived = order(9, payment_provider_id="pi_123", is_deleted=True)

    match = match_charge(dispute_for(), only(archived, order(501)))

    assert match.order_id == 9
    assert match.needs_review
    assert any("archived" in r for r in match.reasons)


def test_an_order_placed_outside_the_window_does_not_match_by_email() -> None:
    old = order(9, placed=timedelta(days=45))

    match = match_charge(dispute_for(), only(old))

    assert match.method is not MatchMethod.EMAIL_AMOUNT_DATE


def test_no_candidates_is_a_no_match_with_a_reason() -> None:
    match = match_charge(dispute_for(), [])

    assert match == Match(None, 0.0, MatchMethod.NONE, match.reasons)
    assert match.reasons
    assert match.needs_review


def test_emails_are_compared_trimmed_and_case_folded() -> None:
    assert normalise_email("  Jane.Doe@Example.COM \n") == JANE


def test_the_search_window_runs_from_thirty_days_before_to_a_day_after() -> None:
    start, end = order_search_window(dispute_for().charge)

    assert start == CHARGED_AT - timedelta(days=30)
    assert end == CHARGED_AT + timedelta(days=1)


@pytest.mark.parametrize(
    ("amount", "low", "high"),
    [
        (Money(3412, "USD"), "34.105", "34.135"),
        (Money(1500, "JPY"), "1498.5", "1501.5"),
        (Money(1234, "KWD"), "1.2325", "1.2355"),
    ],
)
def test_amount_bounds_reach_half_a_unit_past_the_tolerance(
    amount: Money, low: str, high: str
) -> None:
    assert amount_bounds(amount) == (Decimal(low), Decimal(high))


@given(
    st.integers(min_value=100, max_value=10**8),
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False),
    st.sampled_from(["JPY", "USD", "KWD"]),
)
def test_the_store_search_keeps_every_total_the_local_check_accepts(
    charged: int, total: Decimal, currency: str
) -> None:
    charge = Money(charged, currency)
    low, high = amount_bounds(charge)

    if Money.from_decimal(total, currency).close_to(charge):
        assert low <= total <= high


# Property tests: a small world of orders that look alike.

emails = st.sampled_from([JANE, "JANE.DOE@example.com ", "", "john@example.com"])
totals = st.sampled_from(["34.1164", "34.12", "34.13", "12.00"])
statuses = st.sampled_from(list(OrderStatus))
offsets = st.integers(min_value=-2, max_value=40).map(lambda d: timedelta(days=d))


@st.composite
def lookalikes(draw: st.DrawFn, ids: list[int]) -> list[Order]:
    return [
        order(
            i,
            email=draw(emails),
            total=draw(totals),
            currency=draw(st.sampled_from(["USD", "USD", "EUR"])),
            placed=draw(offsets),
            status=draw(statuses),
            is_deleted=draw(st.booleans()),
            payment_provider_id=draw(st.sampled_from(["", "", "pi_999", "pi_123"])),
        )
        for i in ids
    ]


unique_ids = st.lists(
    st.integers(min_value=1, max_value=10**6), min_size=0, max_size=8, unique=True
)


@given(st.data(), unique_ids)
def test_the_payment_id_beats_any_number_of_email_and_amount_rivals(
    data: st.DataObject, ids: list[int]
) -> None:
    rivals = [order(i) for i in ids if i != 0]
    payer = order(
        0,
        email="",
        payment_provider_id=data.draw(st.sampled_from(["pi_123", "ch_123"])),
    )
    candidates = data.draw(st.permutations(only(payer, *rivals)))

    match = match_charge(dispute_for(), candidates)

    assert match.order_id == 0
    assert match.method is MatchMethod.PAYMENT_ID
    assert match.rivals == ()


@given(st.data(), unique_ids)
def test_confidence_stays_between_zero_and_one_and_order_never_matters(
    data: st.DataObject, ids: list[int]
) -> None:
    candidates = only(*data.draw(lookalikes(ids)))
    shuffled = data.draw(st.permutations(candidates))

    match = match_charge(dispute_for(), candidates)

    assert 0.0 <= match.confidence <= 1.0
    assert match.reasons
    assert match_charge(dispute_for(), shuffled) == match


@given(st.data(), st.integers(min_value=2, max_value=6), emails.filter(bool))
def test_a_tie_on_email_and_amount_always_needs_review(
    data: st.DataObject, count: int, email: str
) -> None:
    tied = [order(i, email=email) for i in range(1, count + 1)]
    candidates = data.draw(st.permutations(only(*tied)))

    match = match_charge(dispute_for(email=email.upper()), candidates)

    assert match.needs_review
    assert len(match.rivals) == count - 1
