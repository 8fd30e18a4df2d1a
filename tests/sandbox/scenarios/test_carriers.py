from __future__ import annotations

import random

import pytest

from chargepilot.sandbox.scenarios.carriers import (
    Carrier,
    gs1_check_digit,
    is_valid_tracking_number,
    make_tracking_number,
)


def test_gs1_check_digit_agrees_with_a_published_ean13() -> None:
    assert gs1_check_digit("400638133393") == 1


@pytest.mark.parametrize(
    ("carrier", "number"),
    [
        (Carrier.UPS, "1Z999AA10123456784"),
        (Carrier.FEDEX, "986578788855"),
        (Carrier.FEDEX, "961234567890121"),
        (Carrier.USPS, "9400111899223197428497"),
        (Carrier.DHL, "1234567891"),
    ],
)
def test_well_formed_numbers_are_valid(carrier: Carrier, number: str) -> None:
    assert is_valid_tracking_number(carrier, number)


@pytest.mark.parametrize(
    ("carrier", "number"),
    [
        (Carrier.UPS, "1Z999AA10123456785"),
        (Carrier.UPS, "1Z999aa10123456784"),
        (Carrier.FEDEX, "986578788856"),
        (Carrier.USPS, "9400111899223197428490"),
        (Carrier.USPS, "94001118992231974284"),
        (Carrier.DHL, "1234567896"),
        (Carrier.DHL, "12345678"),
    ],
)
def test_a_wrong_check_digit_or_shape_is_rejected(
    carrier: Carrier, number: str
) -> None:
    assert not is_valid_tracking_number(carrier, number)


@pytest.mark.parametrize("carrier", list(Carrier))
def test_generated_numbers_pass_their_carriers_rules(carrier: Carrier) -> None:
    rng = random.Random(3)

    numbers = [make_tracking_number(carrier, rng) for _ in range(200)]

    assert all(is_valid_tracking_number(carrier, n) for n in numbers)
