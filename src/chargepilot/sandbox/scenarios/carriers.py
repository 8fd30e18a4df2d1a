"""Carrier tracking numbers in each carrier's real format, with check digits.

The numbers are made up but pass the same checks a carrier's own validator
applies, so code that sniffs a carrier from a number sees realistic input.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from enum import StrEnum


class Carrier(StrEnum):
    """Carriers the sandbox ships with, by their AfterShip slug."""

    UPS = "ups"
    FEDEX = "fedex"
    USPS = "usps"
    DHL = "dhl"


@dataclass(frozen=True)
class CarrierInfo:
    """How a carrier shows up on a BigCommerce shipment."""

    shipping_provider: str
    tracking_carrier: str
    shipping_method: str
    link_template: str

    def tracking_link(self, number: str) -> str:
        return self.link_template.format(number=number)


CARRIERS: dict[Carrier, CarrierInfo] = {
    Carrier.UPS: CarrierInfo(
        "ups", "ups", "UPS Ground", "https://www.ups.com/track?tracknum={number}"
    ),
    Carrier.FEDEX: CarrierInfo(
        "fedex",
        "fedex",
        "FedEx Home Delivery",
        "https://www.fedex.com/fedextrack/?trknbr={number}",
    ),
    Carrier.USPS: CarrierInfo(
        "usps",
        "usps",
        "USPS Priority Mail",
        "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
    ),
    Carrier.DHL: CarrierInfo(
        "",
        "dhl",
        "DHL Express Worldwide",
        "https://www.dhl.com/en/express/tracking.html?AWB={number}",
    ),
}

_UPS_SERVICES = ("01", "02", "03", "12", "13", "42")
_UPS_ALPHABET = string.ascii_uppercase + string.digits
_FEDEX_WEIGHTS = (3, 1, 7)


def ups_check_digit(body: str) -> int:
    """UPS check digit over the 15 characters after "1Z" (letters mapped)."""
    total = 0
    for position, char in enumerate(body, start=1):
        value = int(char) if char.isdigit() else (ord(char) - ord("A") + 2) % 10
        total += value * (2 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def fedex_express_check_digit(serial: str) -> int:
    """FedEx Express (12-digit) check digit: weights 3,1,7 then mod 11."""
    total = sum(int(d) * _FEDEX_WEIGHTS[i % 3] for i, d in enumerate(serial))
    return total % 11 % 10


def gs1_check_digit(serial: str) -> int:
    """GS1 mod-10 check digit: weight 3 on the rightmost digit, then 1, 3..."""
    total = sum(
        int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(serial))
    )
    return (10 - total % 10) % 10


def dhl_check_digit(serial: str) -> int:
    """DHL Express waybill check digit: the 9-digit serial modulo 7."""
    return int(serial) % 7


def make_tracking_number(carrier: Carrier, rng: random.Random) -> str:
    """A fresh tracking number in `carrier`'s format."""
    if carrier is Carrier.UPS:
        shipper = "".join(rng.choice(_UPS_ALPHABET) for _ in range(6))
        body = shipper + rng.choice(_UPS_SERVICES) + _digits(rng, 7)
        return f"1Z{body}{ups_check_digit(body)}"
    if carrier is Carrier.FEDEX:
        if rng.random() < 0.7:
            serial = _digits(rng, 11)
            return f"{serial}{fedex_express_check_digit(serial)}"
        serial = "96" + _digits(rng, 12)
        return f"{serial}{gs1_check_digit(serial)}"
    if carrier is Carrier.USPS:
        serial = rng.choice(("9400", "9405", "9407")) + _digits(rng, 17)
        return f"{serial}{gs1_check_digit(serial)}"
    serial = _digits(rng, 9)
    return f"{serial}{dhl_check_digit(serial)}"


def is_valid_tracking_number(carrier: Carrier, number: str) -> bool:
    """Whether `number` has `carrier`'s shape and a correct check digit."""
    if carrier is Carrier.UPS:
        body = number[2:-1]
        return (
            len(number) == 18
            and number.startswith("1Z")
            and all(char in _UPS_ALPHABET for char in number[2:])
            and number[-1].isdigit()
            and ups_check_digit(body) == int(number[-1])
        )
    if not number.isdigit():
        return False
    if carrier is Carrier.FEDEX:
        return _valid_fedex(number)
    if carrier is Carrier.USPS:
        return 20 <= len(number) <= 22 and number.startswith("9") and _gs1_ok(number)
    return len(number) == 10 and dhl_check_digit(number[:-1]) == int(number[-1])


def _valid_fedex(number: str) -> bool:
    if len(number) == 12:
        return fedex_express_check_digit(number[:-1]) == int(number[-1])
    return len(number) == 15 and _gs1_ok(number)


def _gs1_ok(number: str) -> bool:
    return gs1_check_digit(number[:-1]) == int(number[-1])


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))
