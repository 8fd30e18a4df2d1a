"""Turn packet blocks into a PDF with reportlab's platypus."""

from __future__ import annotations

import io
from collections.abc import Iterator
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from chargepilot.evidence.fonts import Fonts
from chargepilot.evidence.model import (
    Block,
    Bullets,
    Document,
    Facts,
    Grid,
    Heading,
    Section,
    Text,
)

MARGIN = 16 * mm
WIDTH = LETTER[0] - 2 * MARGIN
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#cbd2d9")
HEADER_FILL = colors.HexColor("#e4e7eb")
GOOD = colors.HexColor("#1e7b34")
BAD = colors.HexColor("#b42318")
GOOD_WORDS = frozenset({"match", "pass", "authenticated"})
BAD_WORDS = frozenset({"mismatch", "fail", "failed"})


@cache
def styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=13)
    base.textColor = INK
    cell = ParagraphStyle("cell", base, fontSize=8.5, leading=10.5)
    return {
        "title": ParagraphStyle(
            "title", base, fontName=fonts.bold, fontSize=17, leading=21, spaceAfter=8
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=fonts.bold,
            fontSize=13,
            leading=16,
            spaceBefore=6,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=fonts.bold,
            fontSize=10.5,
            leading=13,
            spaceBefore=8,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "body": ParagraphStyle("body2", base, spaceAfter=5),
        "note": ParagraphStyle(
            "note", base, fontSize=8.5, textColor=MUTED, spaceAfter=5
        ),
        "condensed": ParagraphStyle(
            "condensed",
            base,
            fontName=fonts.bold,
            fontSize=9,
            spaceBefore=3,
            spaceAfter=6,
        ),
        "bullet": ParagraphStyle(
            "bullet",
            base,
            leftIndent=12,
            bulletIndent=2,
            bulletFontName=fonts.regular,
            spaceAfter=2,
        ),
        "cell": cell,
        "right": ParagraphStyle("right", cell, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", cell, fontName=fonts.bold),
        "head_right": ParagraphStyle(
            "head_right", cell, fontName=fonts.bold, alignment=TA_RIGHT
        ),
        "label": ParagraphStyle("label", cell, fontName=fonts.bold, textColor=MUTED),
        "good": ParagraphStyle("good", cell, fontName=fonts.bold, textColor=GOOD),
        "bad": ParagraphStyle("bad", cell, fontName=fonts.bold, textColor=BAD),
    }


def render_pdf(document: Document, fonts: Fonts) -> bytes:
    """The document as PDF bytes; the same input gives the same bytes."""
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=document.title,
        author="ChargePilot",
        subject="Evidence for a card dispute",
        creator="ChargePilot",
        invariant=1,
    )
    canvas = _numbered(document.footer, fonts.regular)
    template.build(list(_flowables(document, fonts)), canvasmaker=canvas)
    return buffer.getvalue()


def _flowables(document: Document, fonts: Fonts) -> Iterator[Flowable]:
    look = styles(fonts)
    yield Paragraph(fonts.markup(document.title), look["title"])
    for section in document.sections:
        yield from _section(section, fonts, look)


def _section(
    section: Section, fonts: Fonts, look: dict[str, ParagraphStyle]
) -> Iterator[Flowable]:
    yield PageBreak() if section.new_page else CondPageBreak(45 * mm)
    yield Paragraph(fonts.markup(section.title), look["h1"])
    for block in section.blocks:
        yield from _block(block, fonts, look)


def _block(
    block: Block, fonts: Fonts, look: dict[str, ParagraphStyle]
) -> Iterator[Flowable]:
    if isinstance(block, Heading):
        yield Paragraph(fonts.markup(block.text), look["h2"])
    elif isinstance(block, Text):
        yield Paragraph(_markup(fonts, block.text), look[block.tone.value])
    elif isinstance(block, Bullets):
        for item in block.items:
            yield Paragraph(_markup(fonts, item), look["bullet"], bulletText="•")
    elif isinstance(block, Facts):
        yield _facts(block, fonts, look)
        yield Spacer(1, 6)
    else:
        yield _grid(block, fonts, look)
        yield Spacer(1, 4)


def _markup(fonts: Fonts, text: str) -> str:
    return fonts.markup(text).replace("\n", "<br/>")


def _facts(block: Facts, fonts: Fonts, look: dict[str, ParagraphStyle]) -> Table:
    rows = [
        [
            Paragraph(_markup(fonts, k), look["label"]),
            Paragraph(_markup(fonts, v), look["cell"]),
        ]
        for k, v in block.rows
    ]
    table = Table(rows, colWidths=[0.3 * WIDTH, 0.7 * WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def _grid(block: Grid, fonts: Fonts, look: dict[str, ParagraphStyle]) -> Table:
    header = [
        Paragraph(
            _markup(fonts, h), look["head_right" if i in block.numeric else "head"]
        )
        for i, h in enumerate(block.header)
    ]
    body = [
        [_cell(value, column, block, fonts, look) for column, value in enumerate(row)]
        for row in block.rows
    ]
    widths = [share * WIDTH for share in block.widths]
    table = Table([header, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(_GRID_STYLE))
    return table


_GRID_STYLE: list[tuple[Any, ...]] = [
    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ("BOX", (0, 0), (-1, -1), 0.25, RULE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
]


def _cell(
    value: str, column: int, block: Grid, fonts: Fonts, look: dict[str, ParagraphStyle]
) -> Paragraph:
    style = look["right"] if column in block.numeric else look["cell"]
    if column in block.verdicts:
        word = value.strip().casefold()
        if word in GOOD_WORDS:
            style = look["good"]
        elif word in BAD_WORDS:
            style = look["bad"]
    return Paragraph(_markup(fonts, value), style)


def _numbered(footer: str, font: str) -> type[Canvas]:
    """A canvas that writes 'page N of M' once it knows M."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for state in self._held:
                self.__dict__.update(state)
                self._footer(len(self._held))
                super().showPage()
            super().save()

        def _footer(self, pages: int) -> None:
            self.setFont(font, 7.5)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 9 * mm, footer)
            self.drawRightString(
                LETTER[0] - MARGIN, 9 * mm, f"Page {self._pageNumber} of {pages}"
            )

    return NumberedCanvas
