"""Vendors misbehave: the store throttles or fails, Stripe refuses evidence."""

from __future__ import annotations

import io
import os
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfWriter

from chargepilot.jobs.outcome import Status
from chargepilot.jobs.setup import JobConfig
from chargepilot.sandbox.controls import Fault, FaultKind
from chargepilot.sandbox.scenarios.models import ExpectedCase
from chargepilot.storage import Database, DisputeState
from tests.jobs.conftest import Sandbox, respond

pytestmark = pytest.mark.anyio

# The client's own back-off (about 1 s a retry) is not configurable from the
# job; one retry per fault keeps the run short, and the bound stays loose.
TIME_LIMIT_SECONDS = 10.0


def filings(config: JobConfig, dispute_id: str) -> tuple[DisputeState, bool, str]:
    """The stored state, whether a staging was recorded, and the last error."""
    db = Database.from_url(config.database_url)
    try:
        with db.session() as unit:
            tracked = unit.disputes.get(dispute_id)
            staged = unit.disputes.find_submission(dispute_id, submitted=False)
            done = unit.disputes.find_submission(dispute_id, submitted=True)
        return (
            tracked.state,
            staged is not None or done is not None,
            tracked.last_error or "",
        )
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("kind", "route"),
    [
        (FaultKind.THROTTLED, "/stores/*/v2/orders/*/shipments"),
        (FaultKind.SERVER_ERROR, "/stores/*/v2/orders/*/products"),
        (FaultKind.SERVER_ERROR, "/stores/*/v2/orders"),
    ],
)
async def test_store_throttling_or_failing_once_still_finishes_the_dispute(
    sandbox: Sandbox, config: JobConfig, kind: FaultKind, route: str
) -> None:
    case = sandbox.case("product_not_received")
    order = sandbox.order(case)
    sandbox.store_controls.add_fault(Fault(kind, route, status=503, times=1))
    before = len(sandbox.store_controls.log)

    started = time.monotonic()
    outcome = await respond(config, case)
    elapsed = time.monotonic() - started

    assert outcome.status is Status.STAGED, outcome.error
    assert elapsed < TIME_LIMIT_SECONDS
    evidence = sandbox.dispute(case)["evidence"]
    assert evidence["shipping_tracking_number"] == order.shipments[0].tracking_number
    faulted = [e for e in sandbox.store_controls.log.entries[before:] if e.fault]
    assert [e.fault for e in faulted] == [kind]


async def test_stripe_refusing_a_late_submission_reports_stripes_message(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.fresh("split_shipment")
    due_by = sandbox.dispute(case)["evidence_details"]["due_by"]
    late = datetime.fromtimestamp(due_by, UTC) + timedelta(hours=1)
    sandbox.stripe.clock = lambda: late  # restored by the autouse fixture

    outcome = await respond(config, case, submit=True)

    assert outcome.status is Status.FAILED
    assert outcome.error is not None
    assert "deadline to respond to this dispute has passed" in outcome.error
    state, filed, error = filings(config, case.dispute_id)
    assert state not in {DisputeState.STAGED, DisputeState.SUBMITTED}
    assert not filed
    assert "deadline" in error
    assert sandbox.dispute(case)["evidence_details"]["submission_count"] == 0


async def test_evidence_staged_after_the_deadline_is_flagged_past_due(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.fresh("split_shipment")
    due_by = sandbox.dispute(case)["evidence_details"]["due_by"]
    late = datetime.fromtimestamp(due_by, UTC) + timedelta(hours=1)
    sandbox.stripe.clock = lambda: late  # restored by the autouse fixture

    outcome = await respond(config, case)

    assert outcome.status is Status.STAGED
    assert outcome.note is not None
    assert outcome.note.startswith("past due")


@pytest.fixture
def crowded(sandbox: Sandbox) -> ExpectedCase:
    """A dispute already carrying a 4.69 MB file someone attached by hand."""
    case = sandbox.fresh("guest_no_email")
    stripe = sandbox.stripe
    upload = stripe.create_file(
        big_pdf(4_690_000),
        filename="signed-slip.pdf",
        purpose="dispute_evidence",
        account=case.account,
    )
    evidence = {"customer_signature": upload["id"]}
    stripe.update_dispute(
        case.dispute_id, {"evidence": evidence, "submit": "false"}, case.account
    )
    return case


def detach_signature(sandbox: Sandbox, case: ExpectedCase) -> None:
    cleared = {"customer_signature": ""}
    sandbox.stripe.update_dispute(
        case.dispute_id, {"evidence": cleared, "submit": "false"}, case.account
    )


def big_pdf(size: int) -> bytes:
    """A one-page PDF made heavy by an attachment."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_attachment("scan.bin", os.urandom(size))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


async def test_stripe_refusing_evidence_too_large_reports_stripes_message(
    sandbox: Sandbox, config: JobConfig, crowded: ExpectedCase
) -> None:
    outcome = await respond(config, crowded)

    assert outcome.status is Status.FAILED
    assert outcome.error is not None
    assert "files attached to this dispute total" in outcome.error
    state, filed, _ = filings(config, crowded.dispute_id)
    assert state is not DisputeState.STAGED
    assert not filed


async def test_staging_refused_by_stripe_goes_through_once_the_cause_is_gone(
    sandbox: Sandbox, config: JobConfig, crowded: ExpectedCase
) -> None:
    refused = await respond(config, crowded)
    detach_signature(sandbox, crowded)

    retried = await respond(config, crowded)

    assert refused.status is Status.FAILED
    assert retried.status is Status.STAGED, retried.error
    assert sandbox.dispute(crowded)["evidence"]["receipt"]


@pytest.mark.parametrize(
    "kind",
    [FaultKind.SERVER_ERROR, FaultKind.MALFORMED_JSON, FaultKind.CONNECTION_RESET],
)
async def test_a_store_call_failing_for_good_in_the_fan_out_names_the_failure(
    sandbox: Sandbox, config: JobConfig, kind: FaultKind
) -> None:
    case = sandbox.case("product_not_received")
    fault = Fault(kind, "/stores/*/v2/orders/*/shipments", status=503)
    sandbox.store_controls.add_fault(fault)
    try:
        outcome = await respond(replace(config, bigcommerce_retries=0), case)
    finally:
        sandbox.store_controls.clear_faults()

    assert outcome.status is Status.FAILED
    assert outcome.error is not None
    assert outcome.error.startswith("BigCommerce:")
    assert "ExceptionGroup" not in outcome.error


async def test_a_dispute_stripe_does_not_know_fails_and_still_counts_the_call(
    sandbox: Sandbox, config: JobConfig
) -> None:
    missing = ExpectedCase(
        "dp_1NoSuchDispute00000000", "general", "", None, "missing", account=None
    )

    outcome = await respond(config, missing)

    assert outcome.status is Status.FAILED
    assert outcome.error is not None
    assert outcome.error.startswith("Stripe:")
    assert outcome.api_calls == 1
