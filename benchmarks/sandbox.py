"""The sandbox served from a child process, so its CPU is not ours.

The fakes run in threads; in the benchmark's own process they would share
its interpreter lock with the code being measured. Here they run in a
spawned child on 127.0.0.1, and the parent steers them over a pipe: set
latency or quota, clear the logs, read what the fakes saw.

Both fakes get the same injected latency (the stock runtime adds it to the
BigCommerce fake only): a Stripe round trip costs time too. A status
counter around the BigCommerce fake tells 429s from answered requests.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from chargepilot.sandbox.bigcommerce.app import create_bigcommerce_app
from chargepilot.sandbox.bigcommerce.gate import split_path
from chargepilot.sandbox.controls import ControlledApp, RateLimit, SandboxControls
from chargepilot.sandbox.runtime import RunningSandbox
from chargepilot.sandbox.scenarios.models import ExpectedCase, Scenario
from chargepilot.sandbox.server import serve_in_thread
from chargepilot.sandbox.stripe.app import create_stripe_app
from chargepilot.sandbox.stripe.state import StripeState

ScenarioFactory = Callable[..., Scenario]
STARTUP_SECONDS = 120.0
# "No quota" as an Unlimited-plan store shows it: a quota too large to reach.
# (The fake's `enabled=False` still counts the quota down in its headers,
# and ChargePilot's pacer then waits for a window that was never enforced.)
UNLIMITED = 10_000_000
ANSWER_SECONDS = 60.0


@dataclass(frozen=True)
class Answered:
    """One answer of the BigCommerce fake: which store, status, when."""

    store: str
    status: int
    at: float  # time.time() in the child, comparable with the parent's


@dataclass
class Traffic:
    """What the fakes saw since the last reset."""

    bigcommerce: list[Answered] = field(default_factory=list)
    stripe_requests: int = 0

    def calls(self, store: str | None = None) -> int:
        return sum(1 for a in self.bigcommerce if store in (None, a.store))

    def throttled(self, store: str | None = None) -> int:
        return sum(
            1 for a in self.bigcommerce if a.status == 429 and store in (None, a.store)
        )

    def by_store(self) -> Counter[str]:
        return Counter(a.store for a in self.bigcommerce)


class StatusLog:
    """ASGI wrapper that notes the status of every answer, per store."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.answers: list[Answered] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        parts = split_path(scope["path"])
        store = parts[0] if parts else ""

        async def noting(message: Any) -> None:
            if message["type"] == "http.response.start":
                self.answers.append(Answered(store, message["status"], time.time()))
            await send(message)

        await self.app(scope, receive, noting)


@dataclass(frozen=True)
class SandboxInfo:
    """What the parent needs to reach the fakes."""

    credentials: dict[str, dict[str, Any]]
    cases: list[ExpectedCase]
    store_hashes: list[str]


class SandboxProcess:
    """The parent's handle on the child: one request, one answer."""

    def __init__(self, conn: Connection, info: SandboxInfo) -> None:
        self._conn = conn
        self.info = info

    def _ask(self, *command: Any) -> Any:
        self._conn.send(command)
        if not self._conn.poll(ANSWER_SECONDS):
            raise RuntimeError(f"the sandbox did not answer {command[0]!r}")
        kind, value = self._conn.recv()
        if kind == "error":
            raise RuntimeError(f"sandbox: {value}")
        return value

    def set_latency(self, seconds: float) -> None:
        self._ask("latency", seconds)

    def set_rate_limit(self, quota: int, window_ms: int, *, enabled: bool) -> None:
        self._ask("rate_limit", quota, window_ms, enabled)

    def reset(self) -> None:
        self._ask("reset")

    def traffic(self) -> Traffic:
        answers, stripe_count = self._ask("traffic")
        return Traffic(answers, stripe_count)


@contextmanager
def sandbox_process(
    factory: ScenarioFactory, **kwargs: Any
) -> Iterator[SandboxProcess]:
    """Start the fakes in a child process, seeded by `factory(**kwargs)`."""
    # Fork where there is one: the child starts without importing again.
    methods = mp.get_all_start_methods()
    context: Any = mp.get_context("fork" if "fork" in methods else "spawn")
    parent, child = context.Pipe()
    process = context.Process(
        target=_child_main, args=(child, factory, kwargs), name="bench-sandbox"
    )
    process.start()
    try:
        if not parent.poll(STARTUP_SECONDS):
            raise RuntimeError("the sandbox process did not start")
        kind, value = parent.recv()
        if kind == "error":
            raise RuntimeError(f"sandbox: {value}")
        yield SandboxProcess(parent, value)
        parent.send(("stop",))
    finally:
        process.join(timeout=15)
        if process.is_alive():
            process.terminate()
            process.join(timeout=5)


def _child_main(conn: Connection, factory: ScenarioFactory, kwargs: Any) -> None:
    try:
        scenario = factory(**kwargs)
        with _serve(scenario) as (running, status, stripe_controls):
            info = SandboxInfo(
                running.credentials(),
                scenario.cases,
                [s.hash for s in scenario.stores],
            )
            conn.send(("ready", info))
            _command_loop(conn, running.controls, stripe_controls, status)
    except Exception as exc:  # the parent shows it; the child just ends
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


@contextmanager
def _serve(
    scenario: Scenario,
) -> Iterator[tuple[RunningSandbox, StatusLog, SandboxControls]]:
    controls = SandboxControls(rate_limit=RateLimit(quota=UNLIMITED))
    stripe_controls = SandboxControls()
    state = StripeState(scenario.stripe_api_key, scenario.webhook_secret)
    state.seed(scenario.stripe)
    status = StatusLog(create_bigcommerce_app(scenario.stores, controls))
    stripe = ControlledApp(create_stripe_app(state), stripe_controls)  # type: ignore[arg-type]
    with ExitStack() as stack:
        bc_url = stack.enter_context(serve_in_thread(status))
        stripe_url = stack.enter_context(serve_in_thread(stripe))
        running = RunningSandbox(scenario, bc_url, stripe_url, state, controls)
        yield running, status, stripe_controls


def _command_loop(
    conn: Connection,
    controls: SandboxControls,
    stripe_controls: SandboxControls,
    status: StatusLog,
) -> None:
    while True:
        command, *args = conn.recv()
        if command == "stop":
            return
        if command == "latency":
            controls.set_latency(args[0])
            stripe_controls.set_latency(args[0])
        elif command == "rate_limit":
            controls.set_rate_limit(args[0], args[1], enabled=args[2])
        elif command == "reset":
            controls.reset()
            stripe_controls.reset()
            status.answers = []
        elif command == "traffic":
            conn.send(("ok", (list(status.answers), len(stripe_controls.log))))
            continue
        conn.send(("ok", None))
