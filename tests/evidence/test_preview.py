"""The HTML preview says what the PDF says, safely escaped."""

from __future__ import annotations

from collections.abc import Callable

from chargepilot.domain.case import Case, Evidence
from chargepilot.evidence import render_preview_html


def test_preview_has_every_section_of_the_packet(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> None:
    html = render_preview_html(make_case(), make_evidence())

    for title in (
        "Dispute evidence summary",
        "Order timeline",
        "Shipment and delivery",
        "Customer lifetime",
        "Address and card verification",
        "Line items",
        "Refund history",
    ):
        assert f"<h2>{title}</h2>" in html
    assert "1Z999AA10123456784" in html


def test_preview_escapes_store_text(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> None:
    html = render_preview_html(
        make_case(name="Eve <script>x</script>"), make_evidence()
    )

    assert "<script>" not in html
    assert "Eve &lt;script&gt;" in html


def test_preview_leaves_out_our_own_assessment_as_the_pdf_does(
    make_case: Callable[..., Case], make_evidence: Callable[..., Evidence]
) -> None:
    html = render_preview_html(make_case(doubtful=True), make_evidence())

    for word in ("confidence", "strength", "checklist", "missing", "review", "%"):
        assert word not in html.casefold()
    assert "How the order was matched" in html
    assert "pi_3PkQ2047 is recorded on order #2047." in html
