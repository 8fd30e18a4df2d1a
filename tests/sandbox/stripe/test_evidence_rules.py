"""Stripe's evidence rules: stage, submit once, limits, deadlines, outcomes."""

from __future__ import annotations

import io
import random

import httpx
import pytest
import stripe
from pypdf import PdfWriter

from chargepilot.sandbox.stripe.errors import FakeStripeError
from chargepilot.sandbox.stripe.state import StripeState

from .conftest import API_KEY, FakeClock

MB = 1_000_000


def pdf(pages: int, *, padding: int = 0) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if padding:
        writer.add_attachment("padding.bin", random.Random(0).randbytes(padding))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png(size: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(size - 8)


def upload(
    state: StripeState, content: bytes, purpose: str = "dispute_evidence"
) -> str:
    return str(state.create_file(content, filename="x", purpose=purpose)["id"])


def stage(
    state: StripeState, evidence: dict[str, str], dispute: str = "dp_PNR"
) -> dict:
    return state.update_dispute(dispute, {"evidence": evidence, "submit": "false"})


# --- staging and submission (B06) -------------------------------------------


def test_staged_evidence_can_be_changed_again_and_leaves_the_status_alone(
    state: StripeState,
) -> None:
    stage(state, {"shipping_carrier": "DHL"})
    dispute = stage(state, {"shipping_tracking_number": "JD0001"})

    assert dispute["status"] == "needs_response"
    assert dispute["evidence_details"]["has_evidence"] is True
    assert dispute["evidence_details"]["submission_count"] == 0
    assert dispute["evidence"]["shipping_carrier"] == "DHL"
    assert dispute["evidence"]["shipping_tracking_number"] == "JD0001"


def test_submitting_moves_a_chargeback_under_review_and_locks_its_evidence(
    client: stripe.StripeClient,
) -> None:
    client.v1.disputes.update("dp_PNR", {"evidence": {"shipping_carrier": "DHL"}})

    with pytest.raises(stripe.InvalidRequestError, match="already submitted"):
        client.v1.disputes.update(
            "dp_PNR", {"evidence": {"shipping_tracking_number": "JD2"}, "submit": False}
        )
    dispute = client.v1.disputes.retrieve("dp_PNR")
    assert dispute.status == "under_review"
    assert dispute.evidence_details.submission_count == 1
    assert dispute.evidence_details.submission_method == "manual"
    assert dispute.evidence.shipping_tracking_number is None


def test_submitting_an_inquiry_moves_it_to_warning_under_review(
    state: StripeState,
) -> None:
    stage(state, {"customer_name": "Zoë Müller"}, dispute="dp_INQ")
    dispute = state.update_dispute("dp_INQ", {"submit": "true"})

    assert dispute["status"] == "warning_under_review"
    assert dispute["evidence"]["customer_name"] == "Zoë Müller"


def test_metadata_can_still_change_after_submission_and_merges(
    state: StripeState,
) -> None:
    state.update_dispute("dp_PNR", {"metadata": {"order": "501", "store": "s1"}})
    state.update_dispute("dp_PNR", {"evidence": {"customer_name": "Zoë"}})
    dispute = state.update_dispute("dp_PNR", {"metadata": {"store": "", "job": "7"}})

    assert dispute["metadata"] == {"order": "501", "job": "7"}
    assert dispute["status"] == "under_review"


def test_unknown_parameters_and_evidence_fields_are_refused(state: StripeState) -> None:
    with pytest.raises(FakeStripeError, match="unknown parameter: evidance"):
        state.update_dispute("dp_PNR", {"evidance": {}})
    with pytest.raises(FakeStripeError) as raised:
        stage(state, {"tracking": "1Z"})

    assert raised.value.param == "evidence[tracking]"


# --- text limits ------------------------------------------------------------


def test_a_narrative_field_may_hold_20000_characters_but_not_one_more(
    state: StripeState,
) -> None:
    stage(state, {"uncategorized_text": "x" * 20_000})

    with pytest.raises(FakeStripeError) as raised:
        stage(state, {"product_description": "x" * 20_001})

    assert raised.value.param == "evidence[product_description]"
    assert raised.value.http_status == 400


def test_all_text_fields_together_may_not_exceed_150000_characters(
    state: StripeState,
) -> None:
    narrative = [
        "access_activity_log",
        "cancellation_policy_disclosure",
        "cancellation_rebuttal",
        "duplicate_charge_explanation",
        "product_description",
        "refund_policy_disclosure",
        "refund_refusal_explanation",
    ]
    stage(state, dict.fromkeys(narrative, "x" * 20_000))

    with pytest.raises(FakeStripeError, match="150000"):
        stage(state, {"uncategorized_text": "x" * 10_001})
    assert state.get("dp_PNR")["evidence"]["uncategorized_text"] is None


# --- combined files (B01, B02) ----------------------------------------------


def test_files_accepted_one_by_one_can_be_too_large_together(
    state: StripeState,
) -> None:
    receipt = upload(state, pdf(1, padding=3 * MB))
    label = upload(state, png(2 * MB))
    stage(state, {"receipt": receipt})

    with pytest.raises(FakeStripeError, match=r"total .* bytes") as raised:
        stage(state, {"shipping_documentation": label})

    assert raised.value.type == "invalid_request_error"
    assert state.get("dp_PNR")["evidence"]["shipping_documentation"] is None


def test_the_same_file_on_two_fields_counts_twice(state: StripeState) -> None:
    big = upload(state, png(2_500_000))
    stage(state, {"receipt": big})

    with pytest.raises(FakeStripeError, match="counts twice"):
        stage(state, {"uncategorized_file": big})


def test_pages_of_all_attached_files_count_against_one_budget(
    state: StripeState,
) -> None:
    thirty = upload(state, pdf(30))
    stage(state, {"receipt": thirty})

    with pytest.raises(FakeStripeError, match="60 pages"):
        stage(state, {"shipping_documentation": thirty})


def test_a_pdf_over_50_pages_is_refused_at_upload_and_50_is_accepted(
    client: stripe.StripeClient,
) -> None:
    fifty = client.v1.files.create(
        {"purpose": "dispute_evidence", "file": io.BytesIO(pdf(50))}
    )

    with pytest.raises(stripe.InvalidRequestError, match="51 pages") as raised:
        client.v1.files.create(
            {"purpose": "dispute_evidence", "file": io.BytesIO(pdf(51))}
        )

    assert fifty.type == "pdf"
    assert raised.value.param == "file"


def test_a_file_over_5_mb_is_refused_at_upload(state: StripeState) -> None:
    with pytest.raises(FakeStripeError, match="at most 5242880 bytes"):
        upload(state, png(5 * 1024 * 1024 + 1))


def test_only_dispute_evidence_uploads_can_be_attached(state: StripeState) -> None:
    identity = upload(state, png(1000), purpose="identity_document")

    with pytest.raises(FakeStripeError, match="purpose 'dispute_evidence'"):
        stage(state, {"receipt": identity})
    with pytest.raises(FakeStripeError, match="No such file upload"):
        stage(state, {"receipt": "file_DOESNOTEXIST"})


# --- file type by content (B22) ---------------------------------------------


def _post_file(base_url: str, name: str, content: bytes, mime: str) -> httpx.Response:
    return httpx.post(
        f"{base_url}/v1/files",
        headers={"Authorization": f"Bearer {API_KEY}"},
        data={"purpose": "dispute_evidence"},
        files={"file": (name, content, mime)},
    )


def test_a_pdf_without_extension_sent_as_octet_stream_is_recognised(
    base_url: str,
) -> None:
    response = _post_file(base_url, "tmpa1b2c3", pdf(1), "application/octet-stream")

    assert response.status_code == 200
    assert response.json()["type"] == "pdf"


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("receipt.csv", b"order,total\n501,42.00\n", "text/csv"),
        ("receipt.pdf", b"order,total\n501,42.00\n", "application/pdf"),
        ("photo.gif", b"GIF89a" + bytes(32), "image/gif"),
    ],
)
def test_content_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name(
    base_url: str, name: str, content: bytes, mime: str
) -> None:
    response = _post_file(base_url, name, content, mime)

    assert response.status_code == 400
    assert response.json()["error"]["param"] == "file"
    assert "not supported" in response.json()["error"]["message"]


def test_a_jpeg_is_recognised_by_its_magic_bytes(base_url: str) -> None:
    jpeg = b"\xff\xd8\xff\xe0" + bytes(100)

    response = _post_file(base_url, "scan", jpeg, "application/octet-stream")

    assert response.json()["type"] == "jpg"


# --- deadlines --------------------------------------------------------------


def test_staging_after_due_by_marks_past_due_and_submitting_is_refused(
    state: StripeState, clock: FakeClock
) -> None:
    clock.advance(days=8)

    staged = stage(state, {"shipping_carrier": "DHL"})
    with pytest.raises(FakeStripeError, match="deadline") as raised:
        state.update_dispute("dp_PNR", {"submit": "true"})

    assert staged["evidence_details"]["past_due"] is True
    assert raised.value.param == "submit"
    assert state.get("dp_PNR")["status"] == "needs_response"


def test_evidence_staged_before_due_by_is_not_past_due(state: StripeState) -> None:
    assert (
        stage(state, {"shipping_carrier": "DHL"})["evidence_details"]["past_due"]
        is False
    )


# --- outcomes and events ----------------------------------------------------


def test_every_seeded_dispute_emitted_charge_dispute_created(
    state: StripeState,
) -> None:
    created = [e["data"]["object"]["id"] for e in state.all_events()]

    assert sorted(created) == ["dp_INQ", "dp_MERCHANT", "dp_PNR"]
    assert {e["type"] for e in state.all_events()} == {"charge.dispute.created"}


def test_an_update_emits_charge_dispute_updated_with_the_request_behind_it(
    client: stripe.StripeClient, state: StripeState
) -> None:
    client.v1.disputes.update(
        "dp_PNR",
        {"metadata": {"order": "501"}},
        {"idempotency_key": "key-501"},
    )

    event = state.events()[-1]
    assert event["type"] == "charge.dispute.updated"
    assert event["data"]["previous_attributes"] == {"metadata": {}}
    assert event["request"]["idempotency_key"] == "key-501"
    assert event["request"]["id"].startswith("req_")


def test_resolving_a_dispute_emits_charge_dispute_closed(state: StripeState) -> None:
    stage(state, {"shipping_carrier": "DHL"})
    state.update_dispute("dp_PNR", {"submit": "true"})

    resolved = state.resolve_dispute("dp_PNR", "won")

    closed = [e for e in state.events() if e["type"] == "charge.dispute.closed"]
    assert resolved["status"] == "won"
    assert [e["data"]["object"]["status"] for e in closed] == ["won"]
    assert closed[0]["data"]["previous_attributes"]["status"] == "under_review"
    assert [t["amount"] for t in resolved["balance_transactions"]] == [-4200, 4200]
    with pytest.raises(FakeStripeError, match="already closed"):
        state.resolve_dispute("dp_PNR", "lost")


def test_a_connected_accounts_resolution_event_names_the_account(
    state: StripeState,
) -> None:
    state.resolve_dispute("dp_MERCHANT", "lost", account="acct_1MERCHANT")

    event = state.events("acct_1MERCHANT")[-1]
    assert event["type"] == "charge.dispute.closed"
    assert event["account"] == "acct_1MERCHANT"
    assert "account" not in state.events()[-1]


@pytest.mark.parametrize(
    ("dispute", "text", "outcome"),
    [
        ("dp_PNR", "winning_evidence", "won"),
        ("dp_PNR", "losing_evidence", "lost"),
        ("dp_INQ", "winning_evidence", "warning_closed"),
    ],
)
def test_test_mode_evidence_values_decide_the_dispute(
    state: StripeState, dispute: str, text: str, outcome: str
) -> None:
    result = state.update_dispute(dispute, {"evidence": {"uncategorized_text": text}})

    closed = [e for e in state.events() if e["type"] == "charge.dispute.closed"]
    assert result["status"] == outcome
    assert [e["data"]["object"]["status"] for e in closed] == [outcome]
