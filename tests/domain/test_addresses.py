"""Address comparison on a normalised form, field by field (B18)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chargepilot.domain.addresses import (
    card_check_lines,
    compare_addresses,
    compare_names,
    normalise_postcode,
)
from chargepilot.domain.case import AddressComparison, FieldResult
from chargepilot.domain.disputes import CardChecks, PostalAddress
from chargepilot.domain.orders import OrderAddress

ST_LOUIS_STRIPE = PostalAddress(
    line1="100 Peach Avenue East",
    line2="Apt 5",
    city="St. Louis",
    state="MO",
    postal_code="63123-4567",
    country="US",
)
ST_LOUIS_STORE = OrderAddress(
    street_1="100 Peach Ave. E #5",
    street_2="",
    city="Saint Louis",
    state="Missouri",
    zip="63123",
    country="United States",
    country_iso2="US",
)


def store_twin(address: PostalAddress) -> OrderAddress:
    """The same strings, as BigCommerce would hold them."""
    return OrderAddress(
        street_1=address.line1,
        street_2=address.line2,
        city=address.city,
        state=address.state,
        zip=address.postal_code,
        country_iso2=address.country,
    )


def results(comparison: AddressComparison) -> dict[str, FieldResult]:
    return {row.name: row.result for row in comparison.fields}


def test_the_st_louis_address_matches_despite_abbreviations_and_zip_plus_four() -> None:
    comparison = compare_addresses("shipping", ST_LOUIS_STORE, ST_LOUIS_STRIPE)

    assert comparison.matches
    assert comparison.score == 1.0
    assert set(results(comparison).values()) == {FieldResult.MATCH}
    assert set(results(comparison)) == {
        "postal_code",
        "house_number",
        "street",
        "unit",
        "city",
        "state",
        "country",
    }


def test_both_raw_addresses_are_kept_for_the_packet() -> None:
    comparison = compare_addresses("shipping", ST_LOUIS_STORE, ST_LOUIS_STRIPE)

    assert comparison.label == "shipping"
    assert "100 Peach Ave. E #5" in comparison.store_address
    assert "100 Peach Avenue East" in comparison.stripe_address


@pytest.mark.parametrize(
    ("store", "stripe", "country"),
    [("SW1A 1AA", "sw1a1aa", "GB"), ("K1A 0B1", "k1a0b1", "CA")],
)
def test_uk_and_canadian_postcodes_match_without_spaces_or_case(
    store: str, stripe: str, country: str
) -> None:
    ours = OrderAddress(
        street_1="10 Downing Street", city="London", zip=store, country_iso2=country
    )
    theirs = PostalAddress(
        line1="10 Downing St", city="LONDON", postal_code=stripe, country=country
    )

    comparison = compare_addresses("billing", ours, theirs)

    assert results(comparison)["postal_code"] is FieldResult.MATCH
    assert comparison.matches


def test_zip_plus_four_is_cut_to_five_digits_only_in_the_us() -> None:
    assert normalise_postcode("63123-4567", "US") == "63123"
    assert normalise_postcode("631234567", "DE") == "631234567"


def test_saint_is_st_in_the_city_but_street_stays_street_in_the_line() -> None:
    ours = OrderAddress(street_1="5 Saint St", city="Saint Paul", zip="55101")
    theirs = PostalAddress(
        line1="5 Saint Street", city="St Paul", postal_code="55101", country="US"
    )

    comparison = compare_addresses("billing", ours, theirs)

    assert results(comparison)["city"] is FieldResult.MATCH
    assert results(comparison)["street"] is FieldResult.MATCH


def test_a_different_apartment_in_the_same_building_does_not_match() -> None:
    other_flat = OrderAddress(
        street_1="100 Peach Ave E", street_2="Apt 6", zip="63123", country_iso2="US"
    )

    comparison = compare_addresses("shipping", other_flat, ST_LOUIS_STRIPE)

    assert results(comparison)["unit"] is FieldResult.MISMATCH
    assert not comparison.matches


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("102 Peach Avenue East", "house_number"),
        ("100 Peach Street East", "street"),
        ("100 Plum Avenue East", "street"),
    ],
)
def test_a_different_house_or_street_is_a_mismatch(line: str, field: str) -> None:
    ours = OrderAddress(street_1=line, zip="63123", country_iso2="US")
    theirs = PostalAddress(line1="100 Peach Avenue East", postal_code="63123")

    comparison = compare_addresses("billing", ours, theirs)

    assert results(comparison)[field] is FieldResult.MISMATCH
    assert not comparison.matches


def test_a_card_address_with_only_a_postcode_scores_partly_and_does_not_match() -> None:
    card = PostalAddress(postal_code="63123", country="US")

    comparison = compare_addresses("billing", ST_LOUIS_STORE, card)

    assert results(comparison)["postal_code"] is FieldResult.MATCH
    assert results(comparison)["street"] is FieldResult.MISSING
    assert 0 < comparison.score < 1
    assert not comparison.matches


def test_a_charge_without_an_address_gives_an_empty_comparison() -> None:
    comparison = compare_addresses("billing", ST_LOUIS_STORE, None)

    assert comparison.fields == ()
    assert comparison.score == 0.0
    assert not comparison.matches


def test_a_po_box_is_compared_as_tokens() -> None:
    ours = OrderAddress(street_1="P.O. Box 12", city="Austin", zip="78701")
    theirs = PostalAddress(line1="PO Box 12", city="Austin", postal_code="78701")

    assert compare_addresses("billing", ours, theirs).matches


def test_non_latin_addresses_compare_without_error() -> None:
    ours = OrderAddress(street_1="東京都千代田区丸の内1-1", zip="100-0005")
    theirs = PostalAddress(line1="東京都千代田区丸の内1-1", postal_code="1000005")

    assert compare_addresses("shipping", ours, theirs).matches


def test_a_different_country_contradicts_the_match() -> None:
    ours = OrderAddress(street_1="1 Main St", zip="12345", country_iso2="US")
    theirs = PostalAddress(line1="1 Main Street", postal_code="12345", country="CA")

    comparison = compare_addresses("billing", ours, theirs)

    assert results(comparison)["country"] is FieldResult.MISMATCH
    assert not comparison.matches


FORMAT_VARIANTS = [
    ("{n} {name} Avenue", "{n} {name} Ave."),
    ("{n} {name} Street", "{n} {name} st"),
    ("{n} North {name} Road", "{n} N {name} Rd"),
    ("{n} {name} Boulevard Southwest", "{n} {name} BLVD SW"),
    ("{n} {name} Drive, Suite {u}", "{n} {name} Dr Ste {u}"),
    ("{n} {name} Lane Apartment {u}", "{n} {name} Ln #{u}"),
    ("{n} {name} Court, Floor {u}", "{n} {name} Ct. Fl {u}"),
]
street_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12)


@given(
    st.sampled_from(FORMAT_VARIANTS),
    st.integers(min_value=1, max_value=99999),
    street_names.filter(lambda s: s not in {"apt", "unit", "floor", "suite", "flat"}),
    st.integers(min_value=1, max_value=999),
    st.booleans(),
)
def test_formatting_variants_of_one_address_match_both_ways(
    variant: tuple[str, str], number: int, name: str, unit: int, upper: bool
) -> None:
    long, short = (v.format(n=number, name=name.title(), u=unit) for v in variant)
    short = short.upper() if upper else short
    store = OrderAddress(street_1=long, city="Springfield", zip="62704")
    stripe = PostalAddress(
        line1=short, city="SPRINGFIELD", postal_code="62704-1234", country="US"
    )
    flipped_store = OrderAddress(street_1=short, city="Springfield", zip="62704")
    flipped_stripe = PostalAddress(line1=long, city="springfield", postal_code="62704")

    assert compare_addresses("billing", store, stripe).matches
    assert compare_addresses("billing", flipped_store, flipped_stripe).matches


addresses = st.builds(
    PostalAddress,
    line1=st.text(),
    line2=st.text(),
    city=st.text(),
    state=st.text(),
    postal_code=st.text(),
    country=st.text(max_size=3),
)


STORE_FIELDS = ("street_1", "street_2", "city", "state", "zip", "country")


@given(
    st.builds(
        OrderAddress,
        country_iso2=st.text(max_size=3),
        **{k: st.text() for k in STORE_FIELDS},
    ),
    addresses,
)
def test_comparison_never_raises_on_arbitrary_text(
    store: OrderAddress, stripe: PostalAddress
) -> None:
    comparison = compare_addresses("billing", store, stripe)

    assert 0.0 <= comparison.score <= 1.0


@given(addresses, st.text(), st.text())
def test_an_address_always_matches_itself(
    address: PostalAddress, before: str, after: str
) -> None:
    line = f"{before} 12 Main St {after}"
    address = PostalAddress(
        line1=line,
        line2=address.line2,
        city=address.city,
        state=address.state,
        postal_code=address.postal_code,
        country=address.country,
    )

    comparison = compare_addresses("billing", store_twin(address), address)

    assert comparison.matches
    assert comparison.score == 1.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jane Doe", "jane doe"),
        ("Doe, Jane", "Jane Doe"),
        ("O&#39;Brien, Zoë", "Zoe OBrien"),
        ("Dr. Jane Q. Doe", "Jane Doe"),
        ("José Álvarez", "JOSE ALVAREZ"),
    ],
)
def test_the_same_name_written_differently_matches(a: str, b: str) -> None:
    assert compare_names(a, b)
    assert compare_names(b, a)


@pytest.mark.parametrize(
    ("a", "b"), [("Jane Doe", "John Doe"), ("Jane", "Jane Doe"), ("", ""), ("Jane", "")]
)
def test_different_or_partial_names_do_not_match(a: str, b: str) -> None:
    assert not compare_names(a, b)


def test_card_checks_read_as_sentences() -> None:
    card = CardChecks(
        brand="visa",
        last4="4242",
        address_line1_check="pass",
        address_postal_code_check="pass",
        cvc_check="fail",
        three_d_secure="authenticated",
    )

    assert card_check_lines(card) == (
        "Card: Visa ending in 4242",
        "Street address check (AVS): passed",
        "Postal code check (AVS): passed",
        "CVC check: failed",
        "3-D Secure: the cardholder authenticated with their bank",
    )


def test_missing_card_checks_are_said_plainly() -> None:
    assert card_check_lines(None) == (
        "The charge carries no card verification results.",
    )
    lines = card_check_lines(CardChecks(cvc_check="unavailable"))
    assert "CVC check: not available from the issuer" in lines
    assert "Street address check (AVS): not performed" in lines
    assert "3-D Secure: not used" in lines
