"""The packet as plain data, before it becomes PDF or HTML.

Sections build these blocks from a case; the PDF and the HTML preview
render the same blocks, so both always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Tone(StrEnum):
    BODY = "body"
    NOTE = "note"  # secondary: sources, explanations
    CONDENSED = "condensed"  # a line standing in for rows not listed


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    tone: Tone = Tone.BODY


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Facts:
    """Label / value pairs, one per row."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grid:
    """A table with a header row; widths are shares of the page width."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    verdicts: frozenset[int] = frozenset()  # columns holding Match/Mismatch...


Block = Text | Heading | Facts | Bullets | Grid


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    blocks: tuple[Block, ...]
    condensed: tuple[str, ...] = ()  # what this section summarised
    new_page: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    footer: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def condensed(self) -> tuple[str, ...]:
        return tuple(note for s in self.sections for note in s.condensed)
