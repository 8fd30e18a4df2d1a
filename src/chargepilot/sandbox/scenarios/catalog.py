"""The products a sandbox store sells: a small coffee-and-kitchen shop."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from chargepilot.sandbox.bigcommerce.models import Product

SUBSCRIPTION_SKU = "SUB-COFFEE-MONTHLY"

_ITEMS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Ethiopia Yirgacheffe Whole Bean, 12 oz",
        "COF-ETH-12",
        "18.50",
        "Washed heirloom beans, light roast; notes of bergamot and peach.",
    ),
    (
        "Colombia Huila Whole Bean, 12 oz",
        "COF-COL-12",
        "16.00",
        "Medium roast from smallholder farms in Huila; caramel and red apple.",
    ),
    (
        "Sumatra Mandheling Whole Bean, 2 lb",
        "COF-SUM-32",
        "39.00",
        "Dark roast, wet-hulled; earthy, cedar and dark chocolate.",
    ),
    (
        "Decaf Swiss Water Process, 12 oz",
        "COF-DEC-12",
        "17.25",
        "Chemical-free decaffeinated medium roast.",
    ),
    (
        "Espresso Blend No. 5, 5 lb",
        "COF-ESP-80",
        "84.00",
        "Café blend for commercial machines; shipped in a valve bag.",
    ),
    (
        "Ceramic Pour-Over Set",
        "KIT-POUR-CER",
        "31.52",
        "Hand-glazed ceramic dripper with carafe; dishwasher safe.",
    ),
    (
        "Gooseneck Kettle 1 L, Matte Black",
        "KIT-KETTLE-1L",
        "64.99",
        "Stainless steel kettle with built-in thermometer; stovetop only.",
    ),
    (
        "Burr Grinder Pro 40",
        "KIT-GRIND-40",
        "149.00",
        "40 mm conical steel burrs, 40 grind settings, 1-year warranty.",
    ),
    (
        "French Press 34 oz",
        "KIT-PRESS-34",
        "29.95",
        "Borosilicate glass with stainless four-level filter.",
    ),
    (
        "Espresso Machine Duo",
        "KIT-ESP-DUO",
        "499.00",
        "Dual boiler espresso machine; PID control; 2-year warranty.",
    ),
    ("Paper Filters #4, 100 ct", "ACC-FILT-4", "5.49", "Unbleached cone filters."),
    (
        "Digital Scale 0.1 g",
        "ACC-SCALE",
        "24.00",
        "Brewing scale with timer; USB-C rechargeable.",
    ),
    (
        "Latte Mug, Speckled Stoneware",
        "ACC-MUG-SPK",
        "14.00",
        "12 oz mug, each one glazed by hand, so speckles vary.",
    ),
    (
        "Milk Frothing Pitcher 600 ml",
        "ACC-PITCHER",
        "19.50",
        "Stainless steel pitcher with etched measurements.",
    ),
    (
        "Cold Brew Kit",
        "KIT-COLDBREW",
        "42.00",
        "Two-quart glass jar with reusable mesh filter.",
    ),
    (
        "Descaling Solution, 2-pack",
        "ACC-DESCALE",
        "12.99",
        "Citric-acid descaler for kettles and espresso machines.",
    ),
    (
        "Gift Box: Three Origins",
        "GFT-3ORIGINS",
        "48.00",
        "Three 6 oz bags from three continents in a gift box.",
    ),
    (
        "Monthly Coffee Club, 2 bags",
        SUBSCRIPTION_SKU,
        "32.00",
        "Two fresh 12 oz bags every month. Cancel any time before the 25th to "
        "skip the next shipment; see our subscription policy.",
    ),
)


def make_catalog(created: datetime) -> dict[int, Product]:
    """The store's products, keyed by id, all listed on `created`."""
    products = {}
    for index, (name, sku, price, description) in enumerate(_ITEMS):
        product_id = 101 + index
        products[product_id] = Product(
            id=product_id,
            name=name,
            sku=sku,
            price=Decimal(price),
            description=description,
            weight=Decimal("1.5"),
            date_created=created,
        )
    return products
