"""The evidence packet: one PDF per dispute, inside Stripe's limits.

Stripe refuses evidence files over 50 pages and evidence over about
4.5 MB per dispute (field notes B01, B02). The packet aims lower, renders,
counts the pages of the file it made, and renders again with shorter lists
until it fits; every list it shortens is named in the PDF and in
`Packet.summarised`. If even the shortest lists do not fit, it refuses.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from pypdf import PdfReader

from chargepilot.domain.case import Case, Evidence
from chargepilot.errors import EvidenceTooLargeError
from chargepilot.evidence.budget import LEVELS
from chargepilot.evidence.document import compose
from chargepilot.evidence.fonts import Fonts, load_fonts
from chargepilot.evidence.layout import render_pdf
from chargepilot.evidence.model import Document

STRIPE_PAGE_LIMIT = 50


@dataclass(frozen=True, slots=True)
class Packet:
    """A rendered packet, ready to upload as `dispute-<id>.pdf`."""

    pdf: bytes
    pages: int
    sha256: str
    summarised: tuple[str, ...]  # what was condensed to stay in budget

    @property
    def size(self) -> int:
        return len(self.pdf)


def render_packet(
    case: Case,
    evidence: Evidence,
    *,
    max_pages: int = 45,
    max_bytes: int = 4_000_000,
    merchant: str = "",
    fonts: Fonts | None = None,
) -> Packet:
    """Render the packet, condensing long lists until it fits the budget."""
    if not 1 <= max_pages < STRIPE_PAGE_LIMIT:
        raise ValueError(f"max_pages must be 1..{STRIPE_PAGE_LIMIT - 1}")
    chosen = fonts or load_fonts()
    tried: Document | None = None
    packet: Packet | None = None
    for budget in LEVELS:
        document = compose(case, evidence, budget, merchant)
        if document == tried:
            break  # nothing left to condense
        tried, packet = document, _render(document, chosen)
        if packet.pages <= max_pages and packet.size <= max_bytes:
            return packet
    assert packet is not None
    raise _too_large(case, packet, max_pages, max_bytes)


def _render(document: Document, fonts: Fonts) -> Packet:
    pdf = render_pdf(document, fonts)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    digest = hashlib.sha256(pdf).hexdigest()
    return Packet(pdf, pages, digest, document.condensed)


def _too_large(
    case: Case, packet: Packet, max_pages: int, max_bytes: int
) -> EvidenceTooLargeError:
    return EvidenceTooLargeError(
        f"The evidence packet for dispute {case.dispute.id} does not fit: with "
        f"every list condensed it still has {packet.pages} pages and "
        f"{packet.size:,} bytes, over the limit of {max_pages} pages and "
        f"{max_bytes:,} bytes. Shorten the argument or the merchant's policy "
        "texts, then build it again."
    )
