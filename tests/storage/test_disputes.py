from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from chargepilot.domain.disputes import DisputeStatus
from chargepilot.domain.money import Money
from chargepilot.errors import NotFoundError
from chargepilot.storage import (
    Database,
    DisputeState,
    IllegalTransitionError,
    StaleStateError,
    TenantMismatchError,
)
from tests.storage.factories import (
    FakeClock,
    add_dispute,
    add_merchant,
    make_dispute,
    make_match,
)

S = DisputeState


def test_a_new_dispute_is_stored_once_in_state_received(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    with db.session() as unit:
        first, created = unit.disputes.get_or_create(
            make_dispute("dp_1"), store_id=shop.store_id
        )
        again, created_again = unit.disputes.get_or_create(
            make_dispute("dp_1"), store_id=shop.store_id
        )
    assert (created, created_again) == (True, False)
    assert first == again
    assert first.state is S.RECEIVED
    assert first.amount == Money(2912, "USD")
    assert first.tenant_id == shop.tenant_id


def test_a_dispute_filed_under_one_store_is_refused_for_another(db: Database) -> None:
    acme = add_merchant(db, "Acme", "abc123")
    other = add_merchant(db, "Other", "xyz789")
    add_dispute(db, acme, "dp_1")
    with db.session() as unit:
        unit.disputes.record_match("dp_1", make_match())
    with db.session() as unit, pytest.raises(TenantMismatchError, match="abc123"):
        unit.disputes.get_or_create(make_dispute("dp_1"), store_id=other.store_id)


def test_a_dispute_with_nothing_on_file_moves_to_the_corrected_store(
    db: Database,
) -> None:
    typo = add_merchant(db, "Typo", "abc12x")
    right = add_merchant(db, "Right", "abc123")
    add_dispute(db, typo, "dp_1")

    with db.session() as unit:
        moved, created = unit.disputes.get_or_create(
            make_dispute("dp_1"), store_id=right.store_id
        )

    assert not created
    assert moved.store_id == right.store_id
    assert moved.tenant_id == right.tenant_id


def test_refresh_takes_stripes_status_and_keeps_our_state(
    db: Database, clock: FakeClock
) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop, "dp_1")
    clock.advance(timedelta(hours=1))
    with db.session() as unit:
        unit.disputes.transition("dp_1", S.MATCHED)
        won = make_dispute("dp_1", status=DisputeStatus.WON)
        refreshed = unit.disputes.refresh(won)
    assert refreshed.status is DisputeStatus.WON
    assert refreshed.state is S.MATCHED
    assert refreshed.updated_at == clock.now


def test_a_dispute_walks_the_happy_path_to_submitted(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop)
    path = [S.MATCHED, S.EVIDENCE_BUILT, S.STAGED, S.SUBMITTED]
    with db.session() as unit:
        states = [unit.disputes.transition("dp_1", to).state for to in path]
    assert states == path


def test_an_illegal_transition_is_refused_with_both_states_named(
    db: Database,
) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop)
    with db.session() as unit:
        with pytest.raises(IllegalTransitionError) as refused:
            unit.disputes.transition("dp_1", S.SUBMITTED)
        assert unit.disputes.get("dp_1").state is S.RECEIVED
    assert "received" in refused.value.message
    assert "submitted" in refused.value.message


def test_a_submitted_dispute_never_moves_again(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop)
    with db.session() as unit:
        for to in (S.MATCHED, S.EVIDENCE_BUILT, S.STAGED, S.SUBMITTED):
            unit.disputes.transition("dp_1", to)
        for to in DisputeState:
            with pytest.raises(IllegalTransitionError):
                unit.disputes.transition("dp_1", to)


def test_expected_from_guards_against_a_concurrent_move(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop)
    with db.session() as unit:
        unit.disputes.transition("dp_1", S.NEEDS_REVIEW)
        with pytest.raises(StaleStateError, match="needs_review"):
            unit.disputes.transition("dp_1", S.EVIDENCE_BUILT, expected_from=S.MATCHED)


def test_asking_for_an_edge_the_machine_lacks_is_illegal_whatever_the_state(
    db: Database,
) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop)
    with db.session() as unit, pytest.raises(IllegalTransitionError):
        unit.disputes.transition("dp_1", S.STAGED, expected_from=S.RECEIVED)


def test_a_failed_dispute_keeps_its_error_and_may_be_retried(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop)
    with db.session() as unit:
        failed = unit.disputes.transition("dp_1", S.FAILED, error="Stripe said no")
        retried = unit.disputes.transition("dp_1", S.RECEIVED)
    assert (failed.state, failed.last_error) == (S.FAILED, "Stripe said no")
    assert retried.state is S.RECEIVED


def test_note_failure_counts_attempts_without_moving_the_dispute(
    db: Database,
) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop)
    with db.session() as unit:
        unit.disputes.note_failure("dp_1", "BigCommerce timed out")
        noted = unit.disputes.note_failure("dp_1", "BigCommerce 429")
    assert (noted.failures, noted.last_error) == (2, "BigCommerce 429")
    assert noted.state is S.RECEIVED


def test_an_unknown_dispute_is_not_found(db: Database) -> None:
    with db.session() as unit, pytest.raises(NotFoundError):
        unit.disputes.transition("dp_missing", S.MATCHED)


def test_staged_disputes_close_to_their_deadline_are_listed_for_the_guard(
    db: Database, clock: FakeClock
) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    with db.session() as unit:
        for number, days in ((1, 1), (2, 9), (3, 1)):
            due = clock.now + timedelta(days=days)
            dispute = make_dispute(f"dp_{number}", due_by=due)
            unit.disputes.get_or_create(dispute, store_id=shop.store_id)
        for dispute_id in ("dp_1", "dp_2"):
            for to in (S.MATCHED, S.EVIDENCE_BUILT, S.STAGED):
                unit.disputes.transition(dispute_id, to)
        urgent = unit.disputes.staged_due_before(clock.now + timedelta(days=2))
    assert [d.id for d in urgent] == ["dp_1"]


def test_a_rolled_back_unit_of_work_leaves_nothing_behind(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")

    def crash_mid_job() -> None:
        with db.session() as unit:
            unit.disputes.get_or_create(make_dispute("dp_1"), store_id=shop.store_id)
            raise RuntimeError("crash mid-job")

    with pytest.raises(RuntimeError):
        crash_mid_job()
    with db.session() as unit, pytest.raises(NotFoundError):
        unit.disputes.get("dp_1")


def test_two_workers_creating_one_dispute_at_once_make_one_row(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    start = threading.Barrier(4)

    def create() -> bool:
        start.wait()
        with db.session() as unit:
            dispute = make_dispute("dp_1")
            return unit.disputes.get_or_create(dispute, store_id=shop.store_id)[1]

    with ThreadPoolExecutor(4) as pool:
        created = [f.result(timeout=30) for f in [pool.submit(create) for _ in "abcd"]]
    assert created.count(True) == 1


def test_a_deadline_without_a_time_zone_is_refused(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    naive = make_dispute("dp_1", due_by=datetime(2026, 3, 12, 9, 0))  # noqa: DTZ001
    with pytest.raises(StatementError, match="aware datetime"), db.session() as unit:
        unit.disputes.get_or_create(naive, store_id=shop.store_id)
