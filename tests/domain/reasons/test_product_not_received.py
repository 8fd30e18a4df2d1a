from dataclasses import replace
from datetime import datetime, timedelta, timezone

from chargepilot.domain.case import Case
from chargepilot.domain.reasons import build_evidence
from tests.domain.reasons.conftest import (
    TRACKING,
    comparison,
    days_before,
    make_case,
    record,
    shipment,
)


def test_headline_case_reads_as_the_product_page_says(headline: Case) -> None:
    evidence = build_evidence(headline)
    text = evidence.argument

    assert "order #2047" in text
    assert f"shipped on 2026-03-10 with UPS, tracking number {TRACKING}" in text
    assert "9 days before the dispute was opened" in text
    assert "UPS confirmed delivery on 2026-03-17, 2 days before the dispute" in text
    assert "7 orders" in text
    assert "$923.00 in total" in text
    assert "billing and shipping addresses match the Stripe charge" in text
    assert evidence.strength == 100
    assert evidence.missing == ()


def test_carrier_tracking_and_ship_date_are_sent_in_their_own_fields(
    headline: Case,
) -> None:
    fields = build_evidence(headline).fields

    assert fields["shipping_carrier"] == "UPS"
    assert fields["shipping_tracking_number"] == TRACKING
    assert fields["shipping_date"] == "2026-03-10"
    assert fields["shipping_address"].startswith("100 Peach Ave")
    assert fields["customer_name"] == "Jane Doe"
    assert fields["uncategorized_text"] == build_evidence(headline).argument


def test_the_packet_goes_in_as_shipping_documentation(headline: Case) -> None:
    assert build_evidence(headline).packet_field == "shipping_documentation"


def test_a_shipment_without_delivery_scan_is_reported_missing() -> None:
    case = make_case(record=record(shipments=(shipment(delivered_at=None),)))

    evidence = build_evidence(case)

    assert "no delivery confirmation" in evidence.missing
    assert "confirmed delivery" not in evidence.argument
    assert "delivered before" not in evidence.argument
    assert evidence.strength == 70


def test_delivery_after_the_dispute_does_not_count_as_proof() -> None:
    late = shipment(delivered_at=days_before(-3))
    evidence = build_evidence(make_case(record=record(shipments=(late,))))

    assert "3 days after the dispute was opened" in evidence.argument
    assert "delivery was confirmed only after the dispute was opened" in (
        evidence.missing
    )


def test_a_shipping_address_that_differs_names_the_differing_part() -> None:
    case = make_case(
        addresses=(comparison("billing"), comparison("shipping", matches=False))
    )

    evidence = build_evidence(case)

    assert "shipping address differs from the charge's (street)" in evidence.missing
    assert "billing address matches the Stripe charge" in evidence.argument
    assert "shipping addresses match" not in evidence.argument


def test_several_shipments_list_every_carrier_once() -> None:
    second = shipment(
        id=2, carrier="USPS", tracking_number="9400", created=days_before(8)
    )
    third = shipment(id=3, tracking_number="1Z2", created=days_before(7))
    case = make_case(record=record(shipments=(second, shipment(), third)))

    evidence = build_evidence(case)

    assert evidence.fields["shipping_carrier"] == "UPS, USPS"
    assert evidence.fields["shipping_tracking_number"] == f"{TRACKING}, 9400, 1Z2"
    assert evidence.fields["shipping_date"] == "2026-03-10"
    assert "The order left in 3 shipments:" in evidence.argument


def test_a_same_day_shipment_is_said_to_be_the_same_day() -> None:
    case = make_case(record=record(shipments=(shipment(created=days_before(0)),)))

    assert "the same day the dispute was opened" in build_evidence(case).argument


def test_an_order_without_shipments_sends_no_shipping_fields() -> None:
    case = replace(make_case(), record=record(shipments=()))

    evidence = build_evidence(case)

    assert "shipping_carrier" not in evidence.fields
    assert "shipping_tracking_number" not in evidence.fields
    assert "no shipment with a carrier and tracking number" in evidence.missing


def test_day_counts_use_utc_dates_when_the_store_gives_an_offset() -> None:
    eastern = timezone(timedelta(hours=-5))
    late_evening = datetime(2026, 3, 9, 22, 0, tzinfo=eastern)  # 03:00 UTC, 10 Mar
    case = make_case(record=record(shipments=(shipment(created=late_evening),)))

    text = build_evidence(case).argument

    assert "It shipped on 2026-03-10 with UPS" in text
    assert "9 days before the dispute was opened" in text
