from __future__ import annotations

from datetime import timedelta

from chargepilot.storage import Database, JobRun
from tests.storage.factories import START


def test_job_runs_are_kept_with_their_costs_newest_first(db: Database) -> None:
    runs = [
        JobRun(
            job="respond",
            outcome="staged",
            started_at=START + timedelta(minutes=n),
            finished_at=START + timedelta(minutes=n, seconds=2),
            api_calls=9,
            round_trips=4,
            timings_ms={"fetch": 812.5, "render": 120.0},
            dispute_id=f"dp_{n}",
        )
        for n in range(3)
    ]
    with db.session() as unit:
        for run in runs:
            unit.metrics.record(run)
        unit.metrics.record(
            JobRun(job="reconcile", outcome="ok", started_at=START, finished_at=START)
        )
    with db.session() as unit:
        latest = unit.metrics.recent(job="respond", limit=2)
    assert latest == [runs[2], runs[1]]
