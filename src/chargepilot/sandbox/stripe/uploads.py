"""What Stripe checks on an uploaded file: its real type, size and pages."""

from __future__ import annotations

import io

from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PDF_PAGES = 50

# Judged by the first bytes of the content, never by name or MIME type.
_MAGIC = (
    (b"%PDF-", "pdf"),
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
)


def sniff_type(content: bytes) -> str | None:
    """Stripe's `file.type` for PDF, JPEG or PNG content, else None."""
    for magic, kind in _MAGIC:
        if content.startswith(magic):
            return kind
    return None


def count_pages(content: bytes, kind: str) -> int | None:
    """Pages in a PDF (None when unreadable); an image is one page."""
    if kind != "pdf":
        return 1
    try:
        return len(PdfReader(io.BytesIO(content)).pages)
    except (PyPdfError, ValueError, OSError):
        return None
