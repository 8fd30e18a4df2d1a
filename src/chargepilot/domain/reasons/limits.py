"""Stripe's text limits, and text that shortens itself visibly to meet them.

A field's value is a `Text`: paragraphs, each either plain words or a
`Listing` of lines (orders, items, refunds). To fit a limit we first drop
the tail lines of listings, saying how many went to the packet; only if
that is not enough is the text cut, again with a visible marker.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Stripe: the eight narrative fields hold at most 20,000 characters each,
# and all text fields of one dispute together at most 150,000.
MAX_NARRATIVE_CHARS = 20_000
MAX_TOTAL_CHARS = 150_000
# Stripe documents no limit for the short fields (name, address, ids); we
# keep them to 5,000 so that no one field can eat the shared budget.
MAX_SHORT_CHARS = 5_000
# When the total budget forces a field down, never below this.
MIN_FIELD_CHARS = 200

NARRATIVE_FIELDS = frozenset(
    {
        "access_activity_log",
        "cancellation_policy_disclosure",
        "cancellation_rebuttal",
        "duplicate_charge_explanation",
        "product_description",
        "refund_policy_disclosure",
        "refund_refusal_explanation",
        "uncategorized_text",
    }
)


@dataclass(frozen=True, slots=True)
class Listing:
    """A paragraph of lines that may lose its tail, counted in the marker."""

    intro: str
    lines: tuple[str, ...]
    noun: str  # plural, as in "3 more orders"

    def render(self, keep: int | None = None) -> str:
        shown = self.lines if keep is None else self.lines[:keep]
        parts = [self.intro, *(f"- {line}" for line in shown)]
        dropped = len(self.lines) - len(shown)
        if dropped:
            parts.append(
                shortened(f"{dropped} more {self.noun} in the attached packet")
            )
        return "\n".join(p for p in parts if p)


Segment = str | Listing
Text = tuple[Segment, ...]


def shortened(what: str) -> str:
    """The marker that stands wherever text was left out."""
    return f"[… shortened: {what}]"


def limit_for(field: str) -> int:
    return MAX_NARRATIVE_CHARS if field in NARRATIVE_FIELDS else MAX_SHORT_CHARS


def render(text: Text, keep: int | None = None) -> str:
    """Paragraphs joined by blank lines; each listing keeps `keep` lines."""
    parts = (s.render(keep) if isinstance(s, Listing) else s for s in text)
    return "\n\n".join(p for p in parts if p)


def fit(text: Text, limit: int) -> str:
    """The text within `limit` characters, shortened only with a marker."""
    full = render(text)
    if len(full) <= limit:
        return full
    longest = max((len(s.lines) for s in text if isinstance(s, Listing)), default=0)
    keep = _most_lines_that_fit(text, limit, longest)
    return clip(render(text, keep), limit)


def _most_lines_that_fit(text: Text, limit: int, longest: int) -> int:
    """The largest per-listing line count whose rendering fits (0 if none)."""
    low, high = 0, longest
    while low < high:
        middle = (low + high + 1) // 2
        if len(render(text, middle)) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def clip(value: str, limit: int) -> str:
    """Cut plain text to `limit` characters, ending with a visible marker."""
    if len(value) <= limit:
        return value
    room = limit - len(_cut_marker(len(value)))
    kept = value[: max(room, 0)].rstrip()
    marker = _cut_marker(len(value) - len(kept))
    return kept + marker if room > 0 else marker.strip()[:limit]


def _cut_marker(dropped: int) -> str:
    # One extra character for the newline before the marker.
    return "\n" + shortened(f"{dropped:,} more characters")


def fit_fields(fields: Mapping[str, Text]) -> dict[str, str]:
    """Every field within its own limit, and all of them within the total."""
    limits = {name: limit_for(name) for name in fields}
    fitted = {name: fit(text, limits[name]) for name, text in fields.items()}
    for _ in range(2 * len(fields)):
        excess = sum(len(v) for v in fitted.values()) - MAX_TOTAL_CHARS
        if excess <= 0:
            break
        name = max(fitted, key=lambda n: len(fitted[n]))
        limits[name] = max(len(fitted[name]) - excess, MIN_FIELD_CHARS)
        fitted[name] = fit(fields[name], limits[name])
    return {name: value for name, value in fitted.items() if value}
