"""The store's settings drive the job: auto-submit, the lease, a corrected hash."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from chargepilot.jobs.outcome import Status
from chargepilot.jobs.setup import JobConfig
from chargepilot.storage import Database, DisputeState
from tests.jobs.conftest import Sandbox, respond

pytestmark = pytest.mark.anyio


def with_auto_submit(config: JobConfig) -> JobConfig:
    stores = tuple(replace(s, auto_submit=True) for s in config.stores)
    return replace(config, stores=stores)


async def test_auto_submit_submits_a_sure_match_with_strong_evidence(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.fresh("product_not_received")

    outcome = await respond(with_auto_submit(config), case)

    assert outcome.strength >= 70
    assert outcome.status is Status.SUBMITTED
    dispute = sandbox.dispute(case)
    assert dispute["status"] == "under_review"
    assert dispute["evidence_details"]["submission_count"] == 1


async def test_auto_submit_still_only_stages_weak_evidence(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.fresh("address_abbreviations")  # fraud: no 3-D Secure, no priors

    outcome = await respond(with_auto_submit(config), case)

    assert outcome.strength < 70
    assert outcome.status is Status.STAGED
    assert sandbox.dispute(case)["evidence_details"]["submission_count"] == 0


async def test_a_dispute_another_worker_is_answering_is_left_alone(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.fresh("unrecognized")
    await respond(config, case)
    posts = len(sandbox.stripe_posts(case))
    db = Database.from_url(config.database_url)
    try:
        assert db.claim(case.dispute_id, "someone-else", timedelta(minutes=5))

        outcome = await respond(config, case)
    finally:
        db.dispose()

    assert outcome.status is Status.BUSY
    assert len(sandbox.stripe_posts(case)) == posts


async def test_a_mistyped_store_hash_does_not_block_the_dispute_once_corrected(
    sandbox: Sandbox, config: JobConfig
) -> None:
    case = sandbox.fresh("unrecognized")
    right = next(s for s in config.stores if s.store_hash == case.store_hash)
    typo = replace(right, store_hash=right.store_hash[:-1] + "q")
    others = tuple(s for s in config.stores if s is not right)

    failed = await respond(replace(config, stores=(typo, *others)), case)
    fixed = await respond(config, case)

    assert failed.status is Status.FAILED
    assert failed.error is not None
    assert "BigCommerce" in failed.error
    assert fixed.status is Status.STAGED
    db = Database.from_url(config.database_url)
    try:
        with db.session() as unit:
            assert unit.disputes.get(case.dispute_id).state is DisputeState.STAGED
    finally:
        db.dispose()
