from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from chargepilot.storage import Database
from tests.storage.factories import FakeClock

PAYLOAD = {"id": "evt_A", "type": "charge.dispute.created", "data": {"object": {}}}


def remember(db: Database, event_id: str = "evt_A") -> bool:
    with db.session() as unit:
        return unit.webhooks.remember(
            event_id,
            type="charge.dispute.created",
            payload=PAYLOAD,
            account="acct_1",
            dispute_id="dp_X",
        )


def test_an_event_is_remembered_only_the_first_time(db: Database) -> None:
    assert [remember(db), remember(db), remember(db, "evt_B")] == [True, False, True]
    with db.session() as unit:
        stored = unit.webhooks.get("evt_A")
    assert (stored.type, stored.account, stored.dispute_id) == (
        "charge.dispute.created",
        "acct_1",
        "dp_X",
    )
    assert stored.payload == PAYLOAD


def test_two_connections_inserting_one_event_at_once_store_it_once(
    db: Database,
) -> None:
    with db.session() as first:
        assert first.webhooks.remember(
            "evt_A", type="charge.dispute.created", payload=PAYLOAD
        )
        with ThreadPoolExecutor(1) as pool:
            second = pool.submit(remember, db)  # blocks on the first's insert
            first.commit()
            assert second.result(timeout=30) is False


def test_many_threads_delivering_one_event_see_exactly_one_first(
    db: Database,
) -> None:
    deliveries = 8
    start = threading.Barrier(deliveries)

    def deliver() -> bool:
        start.wait()
        return remember(db)

    with ThreadPoolExecutor(deliveries) as pool:
        results = [pool.submit(deliver) for _ in range(deliveries)]
        firsts = [result.result(timeout=30) for result in results]
    assert firsts.count(True) == 1


def test_processed_events_leave_the_backlog(db: Database, clock: FakeClock) -> None:
    remember(db, "evt_A")
    remember(db, "evt_B")
    with db.session() as unit:
        unit.webhooks.mark_processed("evt_A")
    with db.session() as unit:
        backlog = [event.id for event in unit.webhooks.unprocessed()]
        processed = unit.webhooks.get("evt_A").processed_at
    assert backlog == ["evt_B"]
    assert processed == clock.now
