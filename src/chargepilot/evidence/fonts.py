"""Fonts that can print any customer's name.

The PDF base-14 fonts only know Latin-1. The packet writes text in a
Unicode TrueType font, embedded as a subset, chosen from:

1. DejaVu Sans, where the machine has it (Latin, Greek, Cyrillic, ...);
2. Bitstream Vera, which ships inside reportlab, so a fresh machine always
   has it (Latin-1 plus a little; no Greek, no 'ź').

No TrueType font we can rely on covers Chinese, Japanese or Korean, so
runs of those scripts switch to Adobe's CID fonts (STSong-Light,
HeiseiKakuGo-W5, HYGothic-Medium), as do Greek and Cyrillic when the
text font lacks them. Those are named, not embedded: the
text is in the file and extracts exactly, and Acrobat or a viewer with a
CJK font shows the glyphs. A character that no font has is first reduced
to its base letter ('ź' -> 'z') rather than printed as a blank box.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

CHINESE = "STSong-Light"
JAPANESE = "HeiseiKakuGo-W5"
KOREAN = "HYGothic-Medium"

_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
)


@dataclass(frozen=True, slots=True)
class FontFiles:
    regular: Path
    bold: Path


def _dejavu_in(folder: Path) -> FontFiles | None:
    files = FontFiles(folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf")
    return files if files.regular.is_file() and files.bold.is_file() else None


def _packaged_dejavu() -> FontFiles | None:
    """matplotlib bundles DejaVu; it is a dev tool here, used when present."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return _dejavu_in(folder / "mpl-data" / "fonts" / "ttf")


def vera() -> FontFiles:
    """The font reportlab ships: always there."""
    folder = Path(reportlab.__file__).parent / "fonts"
    return FontFiles(folder / "Vera.ttf", folder / "VeraBd.ttf")


def find_font_files() -> FontFiles:
    """The widest-coverage TrueType pair this machine has."""
    for folder in _SYSTEM_DIRS:
        found = _dejavu_in(folder)
        if found:
            return found
    return _packaged_dejavu() or vera()


@dataclass(frozen=True, slots=True)
class Fonts:
    """Registered font names and the characters the text font covers."""

    regular: str
    bold: str
    covered: frozenset[int]
    files: FontFiles

    def markup(self, text: str) -> str:
        """`text` escaped for a reportlab Paragraph, CJK runs in CID fonts."""
        parts: list[str] = []
        for font, run in _runs(self._with_fallbacks(text), self.covered):
            safe = escape(run)
            parts.append(f'<font name="{font}">{safe}</font>' if font else safe)
        return "".join(parts)

    def _with_fallbacks(self, text: str) -> str:
        if all(ord(c) in self.covered for c in text):
            return text
        return "".join(self._reduce(c) for c in text)

    def _reduce(self, char: str) -> str:
        """A base letter for a character the fonts lack ('ź' -> 'z')."""
        if self._printable(char) or char.isspace():
            return char
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(b for b in decomposed if not unicodedata.combining(b))
        if base and all(self._printable(b) for b in base):
            return base
        return char

    def _printable(self, char: str) -> bool:
        return ord(char) in self.covered or _cjk_font(char, "") is not None
        base = "".join(
            b
            for b in unicodedata.normalize("NFKD", char)
            if not unicodedata.combining(b)
        )
        if base and all(ord(b) in self.covered for b in base):
            return base
        return char


def _cjk_font(char: str, context: str) -> str | None:
    """The CID font for a CJK character, or None for any other script.

    Greek and Cyrillic go to the Chinese font too (GB 2312 has their basic
    letters) for when the text font is Vera, which has neither.
    """
    point = ord(char)
    basic = (0x0391, 0x03A9), (0x03B1, 0x03C9), (0x0410, 0x044F)
    if any(low <= point <= high for low, high in basic):
        return CHINESE
    if 0xAC00 <= point <= 0xD7AF or 0x1100 <= point <= 0x11FF:
        return KOREAN
    if 0x3040 <= point <= 0x30FF or 0x31F0 <= point <= 0x31FF:
        return JAPANESE
    han = (0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x3000, 0x303F), (0xFF00, 0xFFEF)
    if any(low <= point <= high for low, high in han):
        return JAPANESE if _has_kana(context) else CHINESE
    return None


def _has_kana(text: str) -> bool:
    return any(0x3040 <= ord(c) <= 0x30FF for c in text)


def _runs(text: str, covered: frozenset[int]) -> list[tuple[str | None, str]]:
    """Split text into (font or None for the text font, run) pieces."""
    runs: list[tuple[str | None, str]] = []
    for char in text:
        font = None if ord(char) in covered else _cjk_font(char, text)
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


@cache
def load_fonts(files: FontFiles | None = None) -> Fonts:
    """Register the text and CJK fonts once per process."""
    chosen = files or find_font_files()
    name = f"Packet-{chosen.regular.stem}"
    regular = TTFont(name, str(chosen.regular))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(f"{name}-Bold", str(chosen.bold)))
    pdfmetrics.registerFontFamily(
        name, normal=name, bold=f"{name}-Bold", italic=name, boldItalic=f"{name}-Bold"
    )
    for cid in (CHINESE, JAPANESE, KOREAN):
        pdfmetrics.registerFont(UnicodeCIDFont(cid))
    covered = frozenset(regular.face.charToGlyph)
    return Fonts(name, f"{name}-Bold", covered, chosen)
