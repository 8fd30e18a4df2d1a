"""The cost of each job run: vendor calls, round trips and step timings."""

from __future__ import annotations

from sqlalchemy import select

from chargepilot.storage.models import JobRunRow
from chargepilot.storage.records import JobRun
from chargepilot.storage.repository import Repository


class JobMetricsRepository(Repository):
    def record(self, run: JobRun) -> int:
        row = JobRunRow(
            tenant_id=run.tenant_id,
            dispute_id=run.dispute_id,
            job=run.job,
            outcome=run.outcome,
            api_calls=run.api_calls,
            round_trips=run.round_trips,
            timings=dict(run.timings_ms),
            started_at=run.started_at,
            finished_at=run.finished_at,
        )
        self._session.add(row)
        self._session.flush()
        return row.id

    def recent(self, *, job: str | None = None, limit: int = 50) -> list[JobRun]:
        """The latest runs, newest first, optionally of one job only."""
        query = select(JobRunRow)
        if job is not None:
            query = query.where(JobRunRow.job == job)
        query = query.order_by(JobRunRow.started_at.desc(), JobRunRow.id.desc())
        return [_run(row) for row in self._session.scalars(query.limit(limit))]


def _run(row: JobRunRow) -> JobRun:
    return JobRun(
        job=row.job,
        outcome=row.outcome,
        started_at=row.started_at,
        finished_at=row.finished_at,
        api_calls=row.api_calls,
        round_trips=row.round_trips,
        timings_ms={str(k): float(v) for k, v in row.timings.items()},
        tenant_id=row.tenant_id,
        dispute_id=row.dispute_id,
    )
