"""The packet an issuer reads: its facts, its limits, its names."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import replace

import pytest
from pypdf import PdfReader

from chargepilot.domain.case import Case, Evidence, FieldComparison, FieldResult
from chargepilot.errors import EvidenceTooLargeError
from chargepilot.evidence import Packet, render_packet

TextOf = Callable[[bytes], str]


def flat(text: str) -> str:
    """The text with line breaks as spaces, so wrapped sentences are whole."""
    return " ".join(text.split())


@pytest.fixture
def packet(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> Packet:
    return render_packet(make_case(), make_evidence(), merchant="Peach Outdoor Co.")


def test_packet_is_a_pdf_whose_page_count_and_digest_are_true(packet: Packet) -> None:
    assert packet.pdf.startswith(b"%PDF-")
    assert packet.pages == len(PdfReader(io.BytesIO(packet.pdf)).pages)
    assert packet.sha256 == hashlib.sha256(packet.pdf).hexdigest()
    assert packet.summarised == ()


def test_summary_names_the_dispute_order_amount_and_argument(
    packet: Packet, text_of: TextOf
) -> None:
    text = text_of(packet.pdf)
    for expected in (
        "Peach Outdoor Co.",
        "dp_1PkQ2047",
        "#2047",
        "$129.00",
        "Product not received",
        "2024-03-25 15:30 UTC",  # due by
        "UPS delivered it on 2024-03-05",  # the argument
    ):
        assert expected in text


def test_summary_says_how_the_order_was_matched_in_checkable_facts(
    packet: Packet, text_of: TextOf
) -> None:
    text = flat(text_of(packet.pdf))

    for fact in (
        "The Stripe payment intent pi_3PkQ2047 is recorded on order #2047.",
        "The order total, $129.00, equals the amount charged.",
        "The email on the order, jane.doe@example.com, is the payer's email",
        "The name on the order, Jane Doe, is the name on the payment.",
        "The billing address on the order matches the one on the charge.",
        "Order #2047 was placed at 2024-03-01 15:30 UTC; Stripe recorded the "
        "charge at 2024-03-01 15:31 UTC.",
    ):
        assert fact in text
    assert "Matched by" not in text
    assert "payment_id" not in text


# Our self-assessment, the matcher's doubts and what the evidence lacks:
# operator material that an issuer would read against the merchant.
INTERNAL = (
    "confidence",
    "strength",
    "checklist",
    "missing",
    "review",
    "%",
    "/ 100",
    "score",
    "rival",
    "nearly as well",
    "archived",
    "#2051",
    "page cap",
    "no address to compare",
    "signed proof of delivery",  # a failed checklist row
    "carrier delivery scan",  # a passed one
    "signature on delivery",  # listed as missing
)


@pytest.mark.parametrize(
    "kind",
    [{}, {"doubtful": True}, {"with_record": False}],
    ids=["sure match", "doubtful match", "no order"],
)
def test_the_issuer_never_reads_our_own_assessment(
    kind: dict[str, bool],
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    text = flat(text_of(render_packet(make_case(**kind), make_evidence()).pdf))

    for word in INTERNAL:
        assert word not in text.casefold()
    assert "Present" not in text  # the checklist's Yes / No column


def test_a_doubtful_match_still_shows_the_facts_that_hold(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    packet = render_packet(make_case(doubtful=True), make_evidence())

    text = flat(text_of(packet.pdf))
    assert "How the order was matched" in text
    assert "pi_3PkQ2047 is recorded on order #2047." in text
    assert "1Z999AA10123456784" in text


def test_timeline_tells_the_payment_in_plain_words(
    packet: Packet, text_of: TextOf
) -> None:
    text = flat(text_of(packet.pdf))

    assert "Payment captured" in text
    assert "Payment of $129.00 captured by Stripe" in text
    assert "via stripe" not in text
    assert ", ok" not in text


def test_an_address_field_with_one_side_blank_reads_not_compared(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    case = make_case()
    blank = FieldComparison("unit", "5", "", FieldResult.MISSING)
    billing = replace(case.addresses[0], fields=(blank,))
    case = replace(case, addresses=(billing,))

    text = text_of(render_packet(case, make_evidence()).pdf)

    assert "Not compared" in text
    assert "Missing" not in text


def test_shipments_show_carrier_tracking_and_dates_for_each_parcel(
    packet: Packet, text_of: TextOf
) -> None:
    text = text_of(packet.pdf)
    assert "split into 2 shipments" in text
    for expected in ("UPS", "1Z999AA10123456784", "USPS", "9400111899223334445566"):
        assert expected in text
    assert "2024-03-02" in text
    assert "2024-03-05" in text
    assert "No delivery" in text  # the USPS parcel has no scan


def test_timeline_lists_events_in_date_order(packet: Packet, text_of: TextOf) -> None:
    text = text_of(packet.pdf)
    events = ["Order placed", "Card charged", "Shipped", "Delivered", "Dispute opened"]
    positions = [text.index(event) for event in events]
    assert positions == sorted(positions)


def test_lifetime_shows_order_count_spend_and_earlier_orders(
    packet: Packet, text_of: TextOf
) -> None:
    text = text_of(packet.pdf)
    assert "8, this one included" in text
    assert "$829.21" in text
    assert "2021-09-13" in text  # account created
    assert "#1006" in text  # the oldest of the seven earlier orders


def test_address_table_shows_both_addresses_results_and_card_checks(
    packet: Packet, text_of: TextOf
) -> None:
    text = text_of(packet.pdf)
    assert "100 Peach Ave. E #5, Saint Louis" in text
    assert "100 Peach Avenue East, Apt 5" in text
    assert "Match" in text
    assert "Mismatch" in text
    assert "Visa ending 4242" in text
    assert "Authenticated" in text


def test_line_items_and_refunds_are_listed(packet: Packet, text_of: TextOf) -> None:
    text = text_of(packet.pdf)
    assert "Waterproof jacket" in text
    assert "JKT-0001" in text
    assert "$90.00" in text  # two at $45.00
    assert "Late delivery credit" in text


def test_three_hundred_line_items_are_condensed_with_their_count_and_value(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    packet = render_packet(make_case(line_items=300), make_evidence())

    text = text_of(packet.pdf)
    assert packet.pages <= 45
    assert len(packet.pdf) <= 4_000_000
    assert "180 more line items (270 units, worth $12,150.00)" in text
    assert "JKT-0120" in text
    assert "JKT-0121" not in text
    assert any(note.startswith("Line items: 180 more") for note in packet.summarised)


def test_five_thousand_orders_become_a_yearly_summary_and_the_recent_ones(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    packet = render_packet(make_case(earlier_orders=5000), make_evidence())

    text = text_of(packet.pdf)
    assert packet.pages <= 45
    assert len(packet.pdf) <= 4_000_000
    assert "4,940 earlier orders summarised above" in text
    assert "All 5,000 earlier undisputed orders by year" in text
    assert "#1000" in text
    assert "#1060" not in text
    assert packet.summarised == (
        "Customer lifetime: 4,940 earlier orders summarised above (by year).",
    )


def test_a_tight_page_budget_condenses_further_and_says_so(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    case = make_case(line_items=300, earlier_orders=5000)

    packet = render_packet(case, make_evidence(), max_pages=6)

    assert packet.pages <= 6
    text = text_of(packet.pdf)
    for note in packet.summarised:
        assert note.split(": ", 1)[1].rstrip(".")[:40] in text


def test_a_crowded_timeline_keeps_its_key_events_and_counts_the_rest(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    packet = render_packet(make_case(refunds=200), make_evidence(), max_pages=8)

    text = text_of(packet.pdf)
    assert packet.pages <= 8
    assert "Dispute opened" in text
    assert "Evidence due" in text
    assert any(n.startswith("Refunds:") for n in packet.summarised)
    timeline = [n for n in packet.summarised if n.startswith("Order timeline:")]
    assert len(timeline) == 1
    assert "refunded" in timeline[0]


@pytest.mark.parametrize(
    "name", ["Zoë Müller", "Ελένη Παπαδοπούλου", "山田 太郎", "Seán O'Brien"]
)
def test_names_in_any_script_survive_into_the_pdf_text(
    name: str,
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    case = make_case(name=name, city="Łódź")

    text = text_of(render_packet(case, make_evidence()).pdf)

    assert name in text
    assert "Łódź" in text


def test_html_encoded_store_names_are_shown_as_characters(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    text = text_of(
        render_packet(make_case(name="Seán O&#039;Brien"), make_evidence()).pdf
    )

    assert "O'Brien" in text
    assert "&#039;" not in text


def test_a_dispute_without_a_store_order_shows_what_stripe_recorded(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: TextOf,
) -> None:
    packet = render_packet(make_case(with_record=False), make_evidence())

    text = flat(text_of(packet.pdf))
    assert "Payment details recorded by Stripe" in text
    assert "100 Peach Avenue East, Apt 5" in text  # the card's billing address
    assert "Jane.Doe@example.com" in text
    assert "dp_1PkQ2047" in text
    assert "Visa ending 4242" in text
    assert "Order timeline" not in text
    assert "How the order was matched" not in text
    for doubt in ("no matching order", "found no", "could not", "no order"):
        assert doubt not in text.casefold()


def test_an_impossible_budget_is_refused_with_a_clear_message(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> None:
    argument = "\n\n".join(["The customer received the parcel. " * 30] * 20)

    with pytest.raises(EvidenceTooLargeError, match=r"dp_1PkQ2047 does not fit"):
        render_packet(make_case(), make_evidence(argument), max_pages=1)


def test_a_byte_budget_is_enforced_too(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> None:
    with pytest.raises(EvidenceTooLargeError, match="1,000 bytes"):
        render_packet(make_case(), make_evidence(), max_bytes=1_000)


def test_page_budgets_at_or_over_stripes_limit_are_rejected(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> None:
    with pytest.raises(ValueError, match="max_pages"):
        render_packet(make_case(), make_evidence(), max_pages=50)


def test_the_same_case_renders_the_same_bytes(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> None:
    first = render_packet(make_case(), make_evidence())
    second = render_packet(make_case(), make_evidence())

    assert first.sha256 == second.sha256
