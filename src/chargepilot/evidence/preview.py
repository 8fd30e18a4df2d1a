"""The packet as simple HTML, for the dashboard to show before filing."""

from __future__ import annotations

from html import escape

from chargepilot.domain.case import Case, Evidence
from chargepilot.evidence.budget import LEVELS
from chargepilot.evidence.document import compose
from chargepilot.evidence.model import (
    Block,
    Bullets,
    Document,
    Facts,
    Grid,
    Heading,
    Text,
)


def render_preview_html(case: Case, evidence: Evidence, *, merchant: str = "") -> str:
    """The same sections as the PDF, every value escaped; a fragment, no <html>."""
    return to_html(compose(case, evidence, LEVELS[0], merchant))


def to_html(document: Document) -> str:
    parts = [f'<article class="packet"><h1>{_esc(document.title)}</h1>']
    for section in document.sections:
        parts.append(f"<section><h2>{_esc(section.title)}</h2>")
        parts += [_block(block) for block in section.blocks]
        parts.append("</section>")
    parts.append("</article>")
    return "\n".join(parts)


def _esc(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h3>{_esc(block.text)}</h3>"
    if isinstance(block, Text):
        return f'<p class="{block.tone.value}">{_esc(block.text)}</p>'
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_esc(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Facts):
        rows = (f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in block.rows)
        return '<table class="facts">' + "".join(rows) + "</table>"
    return _grid(block)


def _grid(grid: Grid) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in grid.header)
    body = "".join(
        "<tr>" + "".join(f"<td>{_esc(cell)}</td>" for cell in row) + "</tr>"
        for row in grid.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
