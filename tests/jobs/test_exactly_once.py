"""Nothing twice: a second run neither uploads, stages nor submits again.

The fake Stripe replays idempotent requests, which would hide a second
POST; these tests count what reached it through its request log instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chargepilot.jobs.outcome import Status
from chargepilot.jobs.setup import JobConfig
from chargepilot.sandbox.controls import Fault, FaultKind
from chargepilot.storage import Database, DisputeState
from tests.jobs.conftest import Sandbox, respond

pytestmark = pytest.mark.anyio


def stored_state(config: JobConfig, dispute_id: str) -> DisputeState:
    db = Database.from_url(config.database_url)
    try:
        with db.session() as unit:
            return unit.disputes.get(dispute_id).state
    finally:
        db.dispose()


async def test_second_run_for_a_staged_dispute_sends_nothing(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.case("unrecognized")
    first = await respond(config, case)
    posts = len(sandbox.stripe_posts(case))

    second = await respond(config, case)

    assert first.status is Status.STAGED
    assert second.status is Status.STAGED
    assert len(sandbox.stripe_posts(case)) == posts
    assert second.evidence == first.evidence
    assert stored_state(config, case.dispute_id) is DisputeState.STAGED


async def test_submitting_happens_once_and_a_later_run_reports_it(
    sandbox: Sandbox, config: JobConfig, tmp_path: Path
) -> None:
    case = sandbox.fresh("zero_decimal_currency")
    staged = await respond(config, case)
    uploads = sandbox.uploads()

    submitted = await respond(config, case, submit=True)
    posts = len(sandbox.stripe_posts(case))
    again = await respond(config, case, submit=True)

    assert staged.status is Status.STAGED
    assert submitted.status is Status.SUBMITTED
    assert sandbox.uploads() == uploads
    assert again.status is Status.ALREADY_SUBMITTED
    assert len(sandbox.stripe_posts(case)) == posts
    dispute = sandbox.dispute(case)
    assert dispute["evidence_details"]["submission_count"] == 1
    assert dispute["status"] == "under_review"
    assert stored_state(config, case.dispute_id) is DisputeState.SUBMITTED


async def test_a_lost_database_does_not_lead_to_a_second_submission(
    sandbox: Sandbox, config: JobConfig, tmp_path: Path
) -> None:
    case = sandbox.fresh("html_entities")
    first = await respond(config, case, submit=True)
    assert first.status is Status.SUBMITTED
    assert stored_state(config, case.dispute_id) is DisputeState.SUBMITTED
    posts = len(sandbox.stripe_posts(case))
    (tmp_path / "demo.db").unlink()

    again = await respond(config, case, submit=True)

    assert again.status is Status.ALREADY_SUBMITTED
    assert len(sandbox.stripe_posts(case)) == posts
    assert sandbox.dispute(case)["evidence_details"]["submission_count"] == 1


async def test_failed_staging_after_upload_resumes_without_a_second_upload(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.fresh("guest_checkout")
    route = f"/v1/disputes/{case.dispute_id}"
    # A 4xx the SDK does not retry: Stripe turned the update away once.
    sandbox.stripe_controls.add_fault(
        Fault(FaultKind.SERVER_ERROR, route, method="POST", status=400, times=1)
    )
    uploads = sandbox.uploads()

    crashed = await respond(config, case)
    after_crash = sandbox.uploads()
    state_after_crash = stored_state(config, case.dispute_id)
    resumed = await respond(config, case)

    assert crashed.status is Status.FAILED
    assert after_crash == uploads + 1
    assert state_after_crash is not DisputeState.STAGED
    assert resumed.status is Status.STAGED
    assert sandbox.uploads() == after_crash
    file_id = sandbox.dispute(case)["evidence"]["shipping_documentation"]
    assert resumed.evidence["shipping_documentation"] == file_id
    assert stored_state(config, case.dispute_id) is DisputeState.STAGED
