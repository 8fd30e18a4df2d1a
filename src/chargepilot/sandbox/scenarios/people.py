"""Made-up shoppers: names, addresses, emails and IPs by country.

Names include accents and non-Latin scripts, and a few carry HTML entities
(`O&#39;Brien`, `Smith &amp; Sons`) because BigCommerce returns them that
way. Every email, IP and phone number comes from a reserved range.
"""

from __future__ import annotations

import html
import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from chargepilot.sandbox.bigcommerce.models import Address


@dataclass(frozen=True)
class Locale:
    """A country the store ships to, with the names and places found there."""

    country: str
    iso2: str
    currency: str
    tax_rate: Decimal
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    streets: tuple[str, ...]
    places: tuple[tuple[str, str, str], ...]  # city, state, postal code
    phone_prefix: str


US = Locale(
    "United States",
    "US",
    "USD",
    Decimal("0.0825"),
    (
        "Jane",
        "Olivia",
        "Liam",
        "Noah",
        "Emma",
        "Ava",
        "Ethan",
        "Sofía",
        "Mateo",
        "Zoë",
        "Renée",
        "José",
        "Aaliyah",
        "Priya",
        "Wei",
        "Анна",
        "Νίκος",
    ),
    (
        "Doe",
        "Smith",
        "Johnson",
        "García",
        "Núñez",
        "Kowalski",
        "Nguyễn",
        "Patel",
        "O&#39;Connor",
        "Washington",
        "Иванова",
        "Παπαδόπουλος",
    ),
    (
        "Main Street",
        "Oak Avenue",
        "Maple Drive",
        "Cedar Lane",
        "Elm Street",
        "Pine Road",
        "Lakeview Boulevard",
        "Hillcrest Court",
    ),
    (
        ("Austin", "Texas", "78751"),
        ("Portland", "Oregon", "97205"),
        ("St. Louis", "Missouri", "63123"),
        ("Chicago", "Illinois", "60614"),
        ("Denver", "Colorado", "80205"),
        ("Brooklyn", "New York", "11215"),
        ("Seattle", "Washington", "98103"),
        ("Madison", "Wisconsin", "53703"),
    ),
    "+1 555-01",
)
GB = Locale(
    "United Kingdom",
    "GB",
    "GBP",
    Decimal("0.20"),
    ("Oliver", "Amelia", "Harry", "Isla", "Siobhán", "Rhys", "Niamh", "Callum"),
    ("Taylor", "Evans", "O&#39;Brien", "Wright", "Hughes", "MacLeod", "Ó Súilleabháin"),
    ("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"),
    (
        ("London", "", "SW1A 1AA"),
        ("Manchester", "", "M1 1AE"),
        ("Edinburgh", "", "EH1 1YZ"),
        ("Bristol", "", "BS1 4DJ"),
    ),
    "+44 7700 900",
)
DE = Locale(
    "Germany",
    "DE",
    "EUR",
    Decimal("0.19"),
    ("Jürgen", "Lena", "Lukas", "Mia", "Jörg", "Sören", "Hanna"),
    ("Müller", "Schröder", "Weiß", "Groß", "Becker", "Krämer"),
    ("Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Gartenweg"),
    (
        ("Berlin", "Berlin", "10115"),
        ("München", "Bayern", "80331"),
        ("Köln", "Nordrhein-Westfalen", "50667"),
    ),
    "+49 30 1234",
)
FR = Locale(
    "France",
    "FR",
    "EUR",
    Decimal("0.20"),
    ("Zoë", "Chloé", "Élodie", "Benoît", "Hélène", "Jérôme", "Léa"),
    ("Lefèvre", "Dubois", "Bérenger", "Moreau", "Fabré", "Rousseau"),
    (
        "Rue Émile Zola",
        "Avenue de la République",
        "Boulevard Saint-Michel",
        "Rue de la Paix",
    ),
    (
        ("Paris", "Île-de-France", "75011"),
        ("Orléans", "Centre-Val de Loire", "45000"),
        ("Lyon", "Auvergne-Rhône-Alpes", "69002"),
    ),
    "+33 6 12 34",
)
JP = Locale(
    "Japan",
    "JP",
    "JPY",
    Decimal("0.10"),
    ("太郎", "花子", "健", "さくら", "Yuki", "Haruto"),
    ("山田", "佐藤", "鈴木", "高橋", "Tanaka", "Watanabe"),
    ("神宮前1-2-3", "銀座4-5-6", "道玄坂2-10-7", "Nishi-Shinjuku 2-8-1"),
    (
        ("Shibuya-ku", "Tokyo", "150-0001"),
        ("Chuo-ku", "Tokyo", "104-0061"),
        ("Kita-ku", "Osaka", "530-0001"),
    ),
    "+81 90 1234",
)
LOCALES = (US, US, US, US, US, GB, GB, DE, FR, JP)
COMPANIES = (
    "",
    "",
    "",
    "",
    "",
    "",
    "Smith &amp; Sons",
    "Acme Supply Co.",
    "Barnes &amp; Hale Ltd",
    "Northwind Traders",
)
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")
_IP_BLOCKS = ("203.0.113", "198.51.100", "192.0.2")


@dataclass(frozen=True)
class Card:
    """The card a shopper pays with, as both Stripe and the store record it."""

    brand: str
    iin: str
    last4: str
    fingerprint: str
    exp_month: int
    exp_year: int


_BRANDS = (
    ("visa", "424242"),
    ("visa", "411111"),
    ("mastercard", "555555"),
    ("amex", "378282"),
    ("discover", "601111"),
)


def make_card(rng: random.Random) -> Card:
    brand, iin = rng.choice(_BRANDS)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"
    return Card(
        brand=brand,
        iin=iin,
        last4=f"{rng.randrange(10000):04d}",
        fingerprint="".join(rng.choice(alphabet) for _ in range(16)),
        exp_month=rng.randrange(1, 13),
        exp_year=rng.randrange(2027, 2033),
    )


@dataclass
class Shopper:
    """A person before they become a customer or a guest on an order."""

    first_name: str
    last_name: str
    email: str
    phone: str
    locale: Locale
    address: Address
    ip_address: str
    card: Card
    company: str = ""

    @property
    def display_name(self) -> str:
        """The name as a person types it on a card form (entities decoded)."""
        return html.unescape(f"{self.first_name} {self.last_name}")


def make_shopper(
    rng: random.Random,
    serial: int,
    *,
    locale: Locale | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
) -> Shopper:
    """A new shopper; `serial` keeps emails unique within a store."""
    locale = locale or rng.choice(LOCALES)
    first = first_name or rng.choice(locale.first_names)
    last = last_name or rng.choice(locale.last_names)
    email = make_email(first, last, serial, rng.choice(EMAIL_DOMAINS))
    phone = f"{locale.phone_prefix}{rng.randrange(10, 99)}"
    company = rng.choice(COMPANIES)
    address = make_address(rng, locale, first, last, company=company)
    address.phone, address.email = phone, email
    ip = make_ip(rng)
    return Shopper(
        first, last, email, phone, locale, address, ip, make_card(rng), company
    )


def make_address(
    rng: random.Random, locale: Locale, first: str, last: str, *, company: str = ""
) -> Address:
    city, state, postal = rng.choice(locale.places)
    number = rng.randrange(1, 9999)
    street = rng.choice(locale.streets)
    line1 = street if locale is JP else f"{number} {street}"
    unit = f"Apt {rng.randrange(1, 40)}" if rng.random() < 0.3 else ""
    return Address(
        first_name=first,
        last_name=last,
        company=company,
        street_1=line1,
        street_2=unit,
        city=city,
        state=state,
        zip=postal,
        country=locale.country,
        country_iso2=locale.iso2,
    )


def make_email(first: str, last: str, serial: int, domain: str) -> str:
    local = ".".join(p for p in (_ascii(first), _ascii(last)) if p)
    return f"{local or 'customer'}{serial}@{domain}"


def make_ip(rng: random.Random) -> str:
    return f"{rng.choice(_IP_BLOCKS)}.{rng.randrange(1, 255)}"


def _ascii(text: str) -> str:
    decoded = unicodedata.normalize("NFKD", html.unescape(text))
    kept = "".join(c for c in decoded if c.isascii() and c.isalnum())
    return kept.lower()
