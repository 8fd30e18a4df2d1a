"""Addresses on the order against the charge's, and the card's checks."""

from __future__ import annotations

from chargepilot.domain.case import AddressComparison, Case, FieldResult
from chargepilot.domain.disputes import CardChecks
from chargepilot.evidence.model import Block, Grid, Heading, Section, Text, Tone
from chargepilot.evidence.text import NOT_RECORDED, check_result, plain

FIELD_NAMES = {
    "postal_code": "Postal code",
    "house_number": "House number",
    "street": "Street",
    "unit": "Unit",
    "city": "City",
    "state": "State",
    "country": "Country",
    "name": "Name",
}

# "missing" means one side has no value: nothing was there to compare.
RESULTS = {
    FieldResult.MATCH: "Match",
    FieldResult.MISMATCH: "Mismatch",
    FieldResult.MISSING: "Not compared",
}


def build(case: Case) -> Section:
    blocks: list[Block] = []
    for comparison in case.addresses:
        blocks += _comparison(comparison)
    if case.record is not None and not case.addresses:
        blocks.append(Text("No store address could be compared with the charge."))
    blocks += _card(case.dispute.charge.card)
    return Section("Address and card verification", tuple(blocks))


def _comparison(c: AddressComparison) -> list[Block]:
    side_by_side = Grid(
        ("BigCommerce order", "Stripe charge"),
        (
            (
                plain(c.store_address) or NOT_RECORDED,
                plain(c.stripe_address) or NOT_RECORDED,
            ),
        ),
        (0.5, 0.5),
    )
    rows = tuple(
        (
            FIELD_NAMES.get(f.name, f.name.replace("_", " ").capitalize()),
            plain(f.store_value),
            plain(f.stripe_value),
            RESULTS[f.result],
        )
        for f in c.fields
    )
    fields = Grid(
        ("Field", "Store", "Stripe", "Result"),
        rows,
        (0.2, 0.32, 0.32, 0.16),
        verdicts=frozenset({3}),
    )
    verdict = "matches" if c.matches else "does not match"
    summary = f"The {c.label} address on the order {verdict} the one on the charge."
    return [
        Heading(f"{c.label.capitalize()} address"),
        side_by_side,
        fields,
        Text(summary),
    ]


def _card(card: CardChecks | None) -> list[Block]:
    heading = Heading("Card verification at payment")
    if card is None:
        return [
            heading,
            Text("Stripe reported no card checks for this charge.", Tone.NOTE),
        ]
    name = (
        f"{card.brand.capitalize()} ending {card.last4}".strip() if card.last4 else ""
    )
    rows = (
        ("Card", name or NOT_RECORDED),
        ("Street address check (AVS)", check_result(card.address_line1_check)),
        ("Postal code check (AVS)", check_result(card.address_postal_code_check)),
        ("Security code check (CVC)", check_result(card.cvc_check)),
        ("3-D Secure", check_result(card.three_d_secure)),
    )
    grid = Grid(("Check", "Result"), rows, (0.5, 0.5), verdicts=frozenset({1}))
    return [heading, grid]
