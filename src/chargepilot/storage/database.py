"""The one object the job and web layers open: engine, sessions, repositories."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from chargepilot.storage import migrate
from chargepilot.storage.disputes import DisputeRepository
from chargepilot.storage.engine import Clock, create_engine_for, utc_now
from chargepilot.storage.ledger import LedgerRepository
from chargepilot.storage.metrics import JobMetricsRepository
from chargepilot.storage.stores import StoreRepository
from chargepilot.storage.webhooks import WebhookEventRepository


@dataclass(frozen=True)
class UnitOfWork:
    """One transaction and the repositories that work inside it."""

    session: Session
    stores: StoreRepository
    disputes: DisputeRepository
    webhooks: WebhookEventRepository
    ledger: LedgerRepository
    metrics: JobMetricsRepository

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()


class Database:
    """Opened once per process; hands out units of work."""

    def __init__(self, engine: Engine, *, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(
        cls, url: str, *, upgrade: bool = False, clock: Clock = utc_now
    ) -> Database:
        """Connect to `url`; with upgrade=True, migrate the schema to head."""
        database = cls(create_engine_for(url), clock=clock)
        if upgrade:
            database.upgrade()
        return database

    def upgrade(self) -> None:
        migrate.upgrade(self.engine)

    @contextmanager
    def session(self) -> Iterator[UnitOfWork]:
        """A unit of work: committed when the block ends, rolled back on error.

        `unit.commit()` inside the block makes work so far durable (a lease,
        a remembered event) and carries on in a new transaction.
        """
        with self._sessions() as session:
            try:
                yield self._unit(session)
            except BaseException:
                session.rollback()
                raise
            session.commit()

    def claim(self, dispute_id: str, worker: str, ttl: timedelta) -> bool:
        """Take a dispute's lease in a transaction of its own, committed."""
        with self.session() as unit:
            return unit.disputes.claim(dispute_id, worker, ttl)

    def release(self, dispute_id: str, worker: str) -> bool:
        with self.session() as unit:
            return unit.disputes.release(dispute_id, worker)

    def dispose(self) -> None:
        self.engine.dispose()

    def _unit(self, session: Session) -> UnitOfWork:
        clock = self.clock
        return UnitOfWork(
            session=session,
            stores=StoreRepository(session, clock),
            disputes=DisputeRepository(session, clock),
            webhooks=WebhookEventRepository(session, clock),
            ledger=LedgerRepository(session, clock),
            metrics=JobMetricsRepository(session, clock),
        )
