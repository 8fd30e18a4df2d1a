from __future__ import annotations

import threading
from datetime import timedelta

from chargepilot.storage import Database
from tests.storage.factories import FakeClock, add_dispute, add_merchant

TTL = timedelta(minutes=5)


def test_only_one_worker_holds_a_dispute_at_a_time(db: Database) -> None:
    add_dispute(db, add_merchant(db, "Acme", "abc123"))
    assert db.claim("dp_1", "worker-a", TTL)
    assert not db.claim("dp_1", "worker-b", TTL)


def test_a_lease_past_its_expiry_can_be_taken_over(
    db: Database, clock: FakeClock
) -> None:
    add_dispute(db, add_merchant(db, "Acme", "abc123"))
    assert db.claim("dp_1", "worker-a", TTL)
    clock.advance(TTL - timedelta(seconds=1))
    assert not db.claim("dp_1", "worker-b", TTL)
    clock.advance(timedelta(seconds=1))
    assert db.claim("dp_1", "worker-b", TTL)
    assert not db.release("dp_1", "worker-a")


def test_the_holder_may_renew_and_release_its_lease(
    db: Database, clock: FakeClock
) -> None:
    add_dispute(db, add_merchant(db, "Acme", "abc123"))
    db.claim("dp_1", "worker-a", TTL)
    clock.advance(TTL - timedelta(seconds=1))
    assert db.claim("dp_1", "worker-a", TTL)
    clock.advance(TTL - timedelta(seconds=1))
    assert not db.claim("dp_1", "worker-b", TTL)
    assert db.release("dp_1", "worker-a")
    assert db.claim("dp_1", "worker-b", TTL)
    with db.session() as unit:
        assert unit.disputes.get("dp_1").attempts == 2


def test_a_claimed_dispute_is_not_offered_for_work(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop, "dp_1")
    add_dispute(db, shop, "dp_2")
    db.claim("dp_1", "worker-a", TTL)
    with db.session() as unit:
        waiting = unit.disputes.ids_in_states({unit.disputes.get("dp_2").state})
    assert waiting == ["dp_2"]


def test_workers_racing_for_one_dispute_leave_exactly_one_winner(
    db: Database,
) -> None:
    add_dispute(db, add_merchant(db, "Acme", "abc123"))
    workers = 6
    start = threading.Barrier(workers)
    wins: list[bool] = []

    def work(name: str) -> None:
        start.wait()
        wins.append(db.claim("dp_1", name, TTL))

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(wins) == [False] * (workers - 1) + [True]
