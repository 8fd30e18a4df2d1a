"""Do the store's address and the charge's address describe the same place?

Both sides are reduced to a normalised form first (case, accents, HTML
entities, punctuation, USPS-style abbreviations, unit designators, postcode
formats), then compared component by component. Nothing here raises on odd
input: what cannot be parsed as "number + street" is compared as plain tokens.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from chargepilot.domain.case import AddressComparison, FieldComparison, FieldResult
from chargepilot.domain.disputes import CardChecks, PostalAddress
from chargepilot.domain.orders import OrderAddress

SUFFIXES = {
    "alley": "aly",
    "av": "ave",
    "avenue": "ave",
    "boulevard": "blvd",
    "center": "ctr",
    "centre": "ctr",
    "circle": "cir",
    "court": "ct",
    "cove": "cv",
    "crescent": "cres",
    "crossing": "xing",
    "drive": "dr",
    "expressway": "expy",
    "freeway": "fwy",
    "heights": "hts",
    "highway": "hwy",
    "lane": "ln",
    "parkway": "pkwy",
    "place": "pl",
    "plaza": "plz",
    "point": "pt",
    "ridge": "rdg",
    "road": "rd",
    "route": "rte",
    "square": "sq",
    "str": "st",
    "street": "st",
    "terrace": "ter",
    "trail": "trl",
}
SUFFIX_FORMS = frozenset(SUFFIXES.values()) | {"way", "loop", "run", "pike", "row"}
DIRECTIONS = {
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
DIRECTION_FORMS = frozenset(DIRECTIONS.values())
UNIT_WORDS = frozenset(
    {"apt", "apartment", "suite", "ste", "unit", "#", "floor", "fl", "flat"}
    | {"room", "rm", "building", "bldg", "dept", "department", "lot", "spc"}
)
CITY_WORDS = {"saint": "st", "sainte": "ste", "fort": "ft", "mount": "mt"}
REGIONS = {
    # US states, DC and territories; Canadian provinces and territories.
    "alabama": "al", "alaska": "ak", "arizona": "az", "arkansas": "ar",
    "california": "ca", "colorado": "co", "connecticut": "ct", "delaware": "de",
    "district of columbia": "dc", "florida": "fl", "georgia": "ga", "hawaii": "hi",
    "idaho": "id", "illinois": "il", "indiana": "in", "iowa": "ia", "kansas": "ks",
    "kentucky": "ky", "louisiana": "la", "maine": "me", "maryland": "md",
    "massachusetts": "ma", "michigan": "mi", "minnesota": "mn",
    "mississippi": "ms", "missouri": "mo", "montana": "mt", "nebraska": "ne",
    "nevada": "nv", "new hampshire": "nh", "new jersey": "nj",
    "new mexico": "nm", "new york": "ny", "north carolina": "nc",
    "north dakota": "nd", "ohio": "oh", "oklahoma": "ok", "oregon": "or",
    "pennsylvania": "pa", "rhode island": "ri", "south carolina": "sc",
    "south dakota": "sd", "tennessee": "tn", "texas": "tx", "utah": "ut",
    "vermont": "vt", "virginia": "va", "washington": "wa",
    "west virginia": "wv", "wisconsin": "wi", "wyoming": "wy",
    "puerto rico": "pr", "guam": "gu", "virgin islands": "vi",
    "alberta": "ab", "british columbia": "bc", "manitoba": "mb",
    "new brunswick": "nb", "newfoundland and labrador": "nl",
    "nova scotia": "ns", "ontario": "on", "prince edward island": "pe",
    "quebec": "qc", "saskatchewan": "sk", "northwest territories": "nt",
    "nunavut": "nu", "yukon": "yt",
}  # fmt: skip
COUNTRIES = {
    # Names BigCommerce writes, for orders that lack country_iso2.
    "united states": "US", "united states of america": "US", "usa": "US",
    "canada": "CA", "united kingdom": "GB", "great britain": "GB",
    "australia": "AU", "new zealand": "NZ", "ireland": "IE", "germany": "DE",
    "france": "FR", "spain": "ES", "italy": "IT", "netherlands": "NL",
    "belgium": "BE", "switzerland": "CH", "austria": "AT", "sweden": "SE",
    "norway": "NO", "denmark": "DK", "finland": "FI", "portugal": "PT",
    "poland": "PL", "japan": "JP", "mexico": "MX", "brazil": "BR",
    "india": "IN", "singapore": "SG", "hong kong": "HK", "south africa": "ZA",
}  # fmt: skip
WEIGHTS = {
    "postal_code": 0.25,
    "house_number": 0.2,
    "street": 0.25,
    "unit": 0.1,
    "city": 0.1,
    "state": 0.05,
    "country": 0.05,
}
CREDIT = {FieldResult.MATCH: 1.0, FieldResult.MISSING: 0.25, FieldResult.MISMATCH: 0.0}
KEY_FIELDS = ("postal_code", "house_number", "street")
NAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "jr", "sr", "ii", "iii"})
_DROPPED = re.compile(r"['’`.]")
_SEPARATORS = re.compile(r"[^\w#]+|_")


@dataclass(frozen=True, slots=True)
class NormalisedAddress:
    """One address reduced to comparable parts; empty strings mean unknown."""

    house_number: str
    street: str  # "peach ave e"; for unparsed lines, the sorted tokens
    street_core: str  # the street's name without suffix and direction
    suffix: str
    directions: str  # sorted, space-separated
    unit: str
    city: str
    state: str
    postal_code: str
    country: str  # ISO 3166-1 alpha-2, upper case
    parsed: bool  # False when the line had no house number to anchor on
    raw: str


def fold(text: str) -> str:
    """Lower case, no accents, no HTML entities, no apostrophes or dots."""
    text = unicodedata.normalize("NFKD", html.unescape(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _DROPPED.sub("", text.casefold())


def tokens(text: str) -> list[str]:
    """Folded words; '#' stays a word of its own ("#5" -> ['#', '5'])."""
    spaced = fold(text).replace("#", " # ")
    return [t for t in _SEPARATORS.split(spaced) if t]


def normalise_postcode(code: str, country: str = "") -> str:
    """'63123-4567' -> '63123' for the US; 'SW1A 1AA' -> 'sw1a1aa' elsewhere."""
    compact = "".join(t for t in tokens(code))
    if country in {"US", ""} and compact.isdigit() and len(compact) == 9:
        return compact[:5]
    return compact


def country_code(iso2: str, name: str = "") -> str:
    """An ISO2 code from the code if given, else from a country's name."""
    code = iso2.strip().upper()
    if len(code) == 2 and code.isalpha() and code.isascii():
        return code
    return COUNTRIES.get(" ".join(tokens(name or iso2)), "")


def from_store(address: OrderAddress) -> NormalisedAddress:
    """Normalise a BigCommerce billing, shipping or customer address."""
    country = country_code(address.country_iso2, address.country)
    return _normalise(
        (address.street_1, address.street_2, address.city, address.state),
        address.zip,
        country,
        address.one_line(),
    )


def from_stripe(address: PostalAddress) -> NormalisedAddress:
    """Normalise a Stripe billing or shipping address."""
    country = country_code(address.country)
    return _normalise(
        (address.line1, address.line2, address.city, address.state),
        address.postal_code,
        country,
        address.one_line(),
    )


def _normalise(
    parts: tuple[str, str, str, str], postal: str, country: str, raw: str
) -> NormalisedAddress:
    line1, line2, city, state = parts
    first, unit_1 = _take_unit(_po_box(tokens(line1)))
    second, unit_2 = _take_unit(_po_box(tokens(line2)))
    if not unit_1 and not unit_2 and len(second) == 1 and _has_digit(second[0]):
        unit_2, second = second[0], []
    anchored = first if _house_index(first) is not None else second
    street = _street(anchored) if _house_index(anchored) is not None else None
    house, core, suffix, directions = street or ("", (), "", ())
    return NormalisedAddress(
        house_number=house,
        street=" ".join((*core, suffix, *directions)).strip(),
        street_core=" ".join(core),
        suffix=suffix,
        directions=" ".join(directions),
        unit=unit_1 or unit_2,
        city=" ".join(CITY_WORDS.get(t, t) for t in tokens(city)),
        state=_region(state),
        postal_code=normalise_postcode(postal, country),
        country=country,
        parsed=street is not None,
        raw=" ".join(sorted(first + second)),
    )


def _has_digit(token: str) -> bool:
    return any(ch.isdigit() for ch in token)


def _po_box(words: list[str]) -> list[str]:
    text = " ".join(words)
    for long, short in (("post office box", "po box"), ("p o box", "po box")):
        text = text.replace(long, short)
    return text.replace("pobox", "po box").split()


def _take_unit(words: list[str]) -> tuple[list[str], str]:
    """Remove the first 'Apt 5' / '# 5' / 'Suite 200' and return its value."""
    for i, word in enumerate(words[:-1]):
        value = words[i + 1]
        if word in UNIT_WORDS and (_has_digit(value) or len(value) <= 2):
            return words[:i] + words[i + 2 :], value
    return words, ""


def _house_index(words: list[str]) -> int | None:
    return next((i for i, w in enumerate(words) if w[:1].isdigit()), None)


def _street(
    words: list[str],
) -> tuple[str, tuple[str, ...], str, tuple[str, ...]] | None:
    """House number, street name, suffix and directions of one line."""
    index = _house_index(words)
    if index is None:
        return None
    name = words[index + 1 :] or words[:index]
    name = [SUFFIXES.get(w, w) for w in name]
    directions: list[str] = []
    for position in (0, -1):
        word = DIRECTIONS.get(name[position], name[position]) if name else ""
        if len(name) > 1 and word in DIRECTION_FORMS:
            name.pop(position)
            directions.append(word)
    suffix = name.pop() if len(name) > 1 and name[-1] in SUFFIX_FORMS else ""
    return words[index], tuple(name), suffix, tuple(sorted(directions))


def _region(state: str) -> str:
    words = " ".join(tokens(state))
    return REGIONS.get(words, words)


def compare_addresses(
    label: str, store: OrderAddress, stripe: PostalAddress | None
) -> AddressComparison:
    """The order's address against the charge's, field by field, with a score."""
    if stripe is None:
        return AddressComparison(label, store.one_line(), "", (), 0.0, False)
    rows = field_rows(from_store(store), from_stripe(stripe))
    return AddressComparison(
        label=label,
        store_address=store.one_line(),
        stripe_address=stripe.one_line(),
        fields=rows,
        score=round(score(rows), 3),
        matches=agrees(rows),
    )


def same_place(a: NormalisedAddress, b: NormalisedAddress) -> bool:
    """Postal code, house number and street agree and nothing contradicts."""
    return agrees(field_rows(a, b))


def field_rows(
    store: NormalisedAddress, stripe: NormalisedAddress
) -> tuple[FieldComparison, ...]:
    """One row per component that at least one side has."""
    both_parsed = store.parsed and stripe.parsed
    street = (store.street, stripe.street) if both_parsed else (store.raw, stripe.raw)
    pairs = (
        ("postal_code", store.postal_code, stripe.postal_code),
        ("house_number", store.house_number, stripe.house_number),
        ("street", *street),
        ("unit", store.unit, stripe.unit),
        ("city", store.city, stripe.city),
        ("state", store.state, stripe.state),
        ("country", store.country, stripe.country),
    )
    rows = []
    for name, ours, theirs in pairs:
        if ours or theirs:
            result = _result(ours, theirs)
            if name == "street" and both_parsed and result is FieldResult.MISMATCH:
                result = _street_result(store, stripe)
            rows.append(FieldComparison(name, ours, theirs, result))
    return tuple(rows)


def score(rows: Iterable[FieldComparison]) -> float:
    """0..1: the weighted share of components that agree (missing counts 1/4)."""
    weighed = [(WEIGHTS.get(r.name, 0.05), CREDIT[r.result]) for r in rows]
    total = sum(weight for weight, _ in weighed)
    return sum(w * credit for w, credit in weighed) / total if total else 0.0


def agrees(rows: Iterable[FieldComparison]) -> bool:
    """Key components agree (postal code may be absent on both sides)."""
    found = {row.name: row.result for row in rows}
    if FieldResult.MISMATCH in found.values() or "street" not in found:
        return False
    return all(found.get(k, FieldResult.MATCH) is FieldResult.MATCH for k in KEY_FIELDS)


def _result(ours: str, theirs: str) -> FieldResult:
    if not ours or not theirs:
        return FieldResult.MISSING
    return FieldResult.MATCH if ours == theirs else FieldResult.MISMATCH


def _street_result(a: NormalisedAddress, b: NormalisedAddress) -> FieldResult:
    """'Peach Ave E' and 'Peach Ave' agree; 'Peach Ave' and 'Peach St' do not."""
    same_core = a.street_core == b.street_core
    suffix = not a.suffix or not b.suffix or a.suffix == b.suffix
    way = not a.directions or not b.directions or a.directions == b.directions
    return FieldResult.MATCH if same_core and suffix and way else FieldResult.MISMATCH


def name_words(name: str) -> tuple[str, ...]:
    """A person's name as sorted words: 'Doe, Jane' -> ('doe', 'jane')."""
    family, comma, given = fold(name).partition(",")
    text = f"{given} {family}" if comma else family
    words = (w for w in _SEPARATORS.split(text) if w and w != "#")
    return tuple(sorted(w for w in words if w not in NAME_TITLES))


def compare_names(a: str, b: str) -> bool:
    """Same person's name, ignoring case, accents, entities, order and titles.

    A missing middle name still matches ('Jane Doe' and 'Jane Q. Doe');
    a lone first name never does.
    """
    ours, theirs = name_words(a), name_words(b)
    if not ours or not theirs:
        return False
    short, long = sorted((set(ours), set(theirs)), key=len)
    return ours == theirs or (len(short) >= 2 and short <= long)


BRANDS = {"amex": "American Express", "mastercard": "Mastercard", "visa": "Visa"}
CHECK_WORDS = {
    "pass": "passed",
    "fail": "failed",
    "unavailable": "not available from the issuer",
    "unchecked": "not checked by the issuer",
}
SECURE_WORDS = {
    "authenticated": "the cardholder authenticated with their bank",
    "attempt_acknowledged": "attempted, and the issuer acknowledged the attempt",
    "exempted": "exempted by the issuer",
    "failed": "the cardholder failed authentication",
    "not_supported": "not supported by the card",
    "processing_error": "could not be completed (processing error)",
}


def card_check_lines(card: CardChecks | None) -> tuple[str, ...]:
    """The card network's checks on the charge, as sentences for the packet."""
    if card is None:
        return ("The charge carries no card verification results.",)
    lines = []
    if card.last4:
        brand = BRANDS.get(card.brand.lower(), card.brand.title() or "Card")
        lines.append(f"Card: {brand} ending in {card.last4}")
    checks = (
        ("Street address check (AVS)", card.address_line1_check),
        ("Postal code check (AVS)", card.address_postal_code_check),
        ("CVC check", card.cvc_check),
    )
    for label, value in checks:
        lines.append(f"{label}: {_check_word(value, CHECK_WORDS, 'not performed')}")
    secure = _check_word(card.three_d_secure, SECURE_WORDS, "not used")
    lines.append(f"3-D Secure: {secure}")
    return tuple(lines)


def _check_word(value: str | None, words: dict[str, str], absent: str) -> str:
    if not value:
        return absent
    return words.get(value, value.replace("_", " "))
