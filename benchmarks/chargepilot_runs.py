"""ChargePilot's main job, run against the benchmark's sandbox.

The job is used as shipped: `open_responder(JobConfig)` and
`Responder.respond`, whose Outcome reports API calls and round trips.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.sandbox import SandboxInfo
from chargepilot.cli.demo import DEMO_POLICIES
from chargepilot.jobs.respond import Responder
from chargepilot.jobs.setup import JobConfig, StoreConfig, open_responder
from chargepilot.sandbox.scenarios.models import ExpectedCase


@dataclass(frozen=True)
class Timed:
    """One dispute answered: how long, how many calls, which order."""

    dispute_id: str
    reason: str
    seconds: float
    api_calls: int
    round_trips: int
    order_id: int | None
    expected_order_id: int | None
    status: str
    finished_at: float = 0.0  # seconds since the run started (burst)

    @property
    def matched(self) -> bool:
        return self.order_id == self.expected_order_id


def job_config(info: SandboxInfo, workdir: Path) -> JobConfig:
    """How the job reaches the sandbox: every store, the fake Stripe."""
    creds: dict[str, Any] = info.credentials
    stores = tuple(
        StoreConfig(
            store_hash=s["store_hash"],
            access_token=s["access_token"],
            api_base=creds["bigcommerce"]["base_url"],
            name=s["name"],
            stripe_account=s["stripe_account"],
            policies=DEMO_POLICIES,
        )
        for s in creds["bigcommerce"]["stores"]
    )
    workdir.mkdir(parents=True, exist_ok=True)
    return JobConfig(
        stripe_api_key=creds["stripe"]["api_key"],
        stores=stores,
        database_url=f"sqlite:///{workdir / 'chargepilot.db'}",
        packets_dir=workdir / "packets",
        stripe_api_base=creds["stripe"]["base_url"],
    )


async def answer(responder: Responder, case: ExpectedCase, start: float) -> Timed:
    began = time.perf_counter()
    outcome = await responder.respond(case.dispute_id, account=case.account)
    ended = time.perf_counter()
    return Timed(
        case.dispute_id,
        case.reason,
        ended - began,
        outcome.api_calls,
        outcome.round_trips,
        outcome.order_id,
        case.order_id,
        str(outcome.status),
        ended - start,
    )


async def one_by_one(
    info: SandboxInfo, cases: list[ExpectedCase], workdir: Path
) -> list[Timed]:
    """Answer `cases` one after another, with a fresh database."""
    async with open_responder(job_config(info, workdir)) as responder:
        start = time.perf_counter()
        return [await answer(responder, case, start) for case in cases]


async def burst(
    info: SandboxInfo, cases: list[ExpectedCase], workdir: Path, per_store: int
) -> tuple[list[Timed], float, float]:
    """Answer every case at once, `per_store` at a time in each store.

    The Responder holds one BigCommerceClient, hence one rate-limit pacer,
    per store; every dispute of a store goes through it. Returns the
    results, the seconds from start to the last answer, and the start as
    wall-clock time (to line up with the fake's log).
    """
    gates: defaultdict[str, asyncio.Semaphore] = defaultdict(
        lambda: asyncio.Semaphore(per_store)
    )

    async def gated(responder: Responder, case: ExpectedCase) -> Timed:
        async with gates[case.store_hash]:
            return await answer(responder, case, start)

    async with open_responder(job_config(info, workdir)) as responder:
        wall_start, start = time.time(), time.perf_counter()
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(gated(responder, c)) for c in cases]
        elapsed = time.perf_counter() - start
    return [task.result() for task in tasks], elapsed, wall_start
