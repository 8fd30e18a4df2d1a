"""Fonts: any script prints, even with only the font reportlab ships."""

from __future__ import annotations

from collections.abc import Callable

from chargepilot.domain.case import Case, Evidence
from chargepilot.evidence.fonts import CHINESE, JAPANESE, KOREAN, load_fonts, vera
from chargepilot.evidence.packet import render_packet


def test_text_is_escaped_for_the_layout_engine() -> None:
    fonts = load_fonts(vera())

    assert fonts.markup("Salt & Pepper <Large>") == "Salt &amp; Pepper &lt;Large&gt;"


def test_cjk_runs_switch_to_a_cid_font_for_their_script() -> None:
    fonts = load_fonts(vera())

    assert fonts.markup("Mr 山田") == f'Mr <font name="{CHINESE}">山田</font>'
    assert f'<font name="{JAPANESE}">山田たろう</font>' in fonts.markup("山田たろう")
    assert f'<font name="{KOREAN}">김민준</font>' in fonts.markup("김민준")


def test_a_letter_no_font_has_falls_back_to_its_base_letter() -> None:
    fonts = load_fonts(vera())

    assert fonts.markup("Łódź") == "Łódz"  # Vera has Ł and ó but no ź


def test_the_packaged_font_alone_still_carries_cjk_names(
    make_case: Callable[..., Case],
    make_evidence: Callable[..., Evidence],
    text_of: Callable[[bytes], str],
) -> None:
    case = make_case(name="山田 太郎", city="Zoë-Müller")

    packet = render_packet(case, make_evidence(), fonts=load_fonts(vera()))

    text = text_of(packet.pdf)
    assert "山田 太郎" in text
    assert "Zoë-Müller" in text


def test_greek_without_a_greek_text_font_goes_to_a_cid_font() -> None:
    fonts = load_fonts(vera())

    assert fonts.markup("Ελένη") == f'<font name="{CHINESE}">Ελενη</font>'
