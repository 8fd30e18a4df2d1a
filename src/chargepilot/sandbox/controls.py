"""Run-time knobs shared by the fake vendor servers: latency, faults, quotas.

One `SandboxControls` object is handed to a fake app when it is built and
stays live: tests and benchmarks change its settings between runs and read
its request log. `ControlledApp` wraps any ASGI app with the latency and
fault behaviour; rate limiting is left to the fake itself (through
`take_quota`) because each vendor shapes its rate-limit answers differently.
"""

from __future__ import annotations

import asyncio
import fnmatch
import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
Describe = Callable[[Scope], "RequestKey"]


class FaultKind(StrEnum):
    """What can go wrong with one request."""

    SERVER_ERROR = "server_error"
    TIMEOUT = "timeout"
    CONNECTION_RESET = "connection_reset"
    MALFORMED_JSON = "malformed_json"
    THROTTLED = "throttled"


@dataclass(frozen=True)
class Fault:
    """A fault injected on requests whose path matches `route` (a glob).

    `times` limits how often it fires (None = no limit); `status` is the
    answer of a SERVER_ERROR; `hang_seconds` how long a TIMEOUT holds the
    request before answering 504 (capped by the controls' `max_hang_seconds`).
    """

    kind: FaultKind
    route: str = "*"
    probability: float = 1.0
    method: str | None = None
    status: int = 500
    hang_seconds: float = 30.0
    times: int | None = None

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return fnmatch.fnmatchcase(path, self.route)


@dataclass(frozen=True)
class Latency:
    """Added delay per request: uniform in [minimum, maximum] seconds."""

    minimum: float = 0.0
    maximum: float = 0.0

    def __post_init__(self) -> None:
        if self.minimum < 0 or self.maximum < self.minimum:
            raise ValueError(f"bad latency bounds {self.minimum}..{self.maximum}")

    @classmethod
    def fixed(cls, seconds: float) -> Latency:
        return cls(seconds, seconds)


@dataclass(frozen=True)
class RateLimit:
    """A fixed-window quota per store (BigCommerce: 150 per 30 s)."""

    quota: int = 150
    window_ms: int = 30_000
    enabled: bool = True


@dataclass(frozen=True)
class QuotaState:
    """The answer of `take_quota`: may the request go, and what is left."""

    allowed: bool
    quota: int
    left: int
    window_ms: int
    reset_ms: int


@dataclass(frozen=True)
class RequestKey:
    """How the request log files a request: which store, which route."""

    store: str
    route: str


@dataclass(frozen=True)
class LoggedRequest:
    store: str
    route: str
    method: str
    path: str
    fault: FaultKind | None
    delay: float


@dataclass
class RequestLog:
    """Every request the fake received, countable per store and route."""

    entries: list[LoggedRequest] = field(default_factory=list)

    def count(self, store: str | None = None, route: str | None = None) -> int:
        return sum(
            1
            for entry in self.entries
            if (store is None or entry.store == store)
            and (route is None or entry.route == route)
        )

    def by_store(self) -> Counter[str]:
        return Counter(entry.store for entry in self.entries)

    def by_route(self, store: str | None = None) -> Counter[str]:
        return Counter(
            entry.route
            for entry in self.entries
            if store is None or entry.store == store
        )

    def __len__(self) -> int:
        return len(self.entries)


@dataclass
class _Window:
    started_ms: float
    used: int = 0


class SandboxControls:
    """Latency, faults, quotas and a request log, changeable at run time.

    Thread-safe: a fake served from a background thread reads these while
    the test thread changes them.
    """

    def __init__(
        self,
        *,
        seed: int = 0,
        latency: Latency | None = None,
        faults: Iterable[Fault] = (),
        rate_limit: RateLimit | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        max_hang_seconds: float = 30.0,
    ) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._faults: list[Fault] = list(faults)
        self._fired: Counter[Fault] = Counter()
        self._windows: dict[str, _Window] = {}
        self.latency = latency or Latency()
        self.rate_limit = rate_limit or RateLimit()
        self.clock = clock
        self.sleep = sleep
        self.max_hang_seconds = max_hang_seconds
        self.log = RequestLog()

    # settings

    def reseed(self, seed: int) -> None:
        with self._lock:
            self._rng = random.Random(seed)

    def set_latency(self, minimum: float, maximum: float | None = None) -> None:
        """Fixed delay with one argument, uniform within bounds with two."""
        self.latency = Latency(minimum, minimum if maximum is None else maximum)

    def set_rate_limit(
        self, quota: int = 150, window_ms: int = 30_000, *, enabled: bool = True
    ) -> None:
        with self._lock:
            self.rate_limit = RateLimit(quota, window_ms, enabled)
            self._windows.clear()

    def add_fault(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()
            self._fired.clear()

    @property
    def faults(self) -> tuple[Fault, ...]:
        return tuple(self._faults)

    def reset(self) -> None:
        """Forget the request log and every quota window; keep the settings."""
        with self._lock:
            self.log = RequestLog()
            self._windows.clear()
            self._fired.clear()

    # decisions

    def next_delay(self) -> float:
        bounds = self.latency
        if bounds.maximum == bounds.minimum:
            return bounds.minimum
        with self._lock:
            return self._rng.uniform(bounds.minimum, bounds.maximum)

    def pick_fault(self, method: str, path: str) -> Fault | None:
        """The first matching fault whose dice roll fires, if any."""
        with self._lock:
            for fault in self._faults:
                if not fault.matches(method, path) or self._spent(fault):
                    continue
                if fault.probability >= 1 or self._rng.random() < fault.probability:
                    self._fired[fault] += 1
                    return fault
        return None

    def _spent(self, fault: Fault) -> bool:
        return fault.times is not None and self._fired[fault] >= fault.times

    def take_quota(self, key: str) -> QuotaState:
        """Spend one request of `key`'s quota in the current window."""
        limit = self.rate_limit
        now_ms = self.clock() * 1000
        with self._lock:
            window = self._windows.get(key)
            if window is None or now_ms - window.started_ms >= limit.window_ms:
                window = self._windows[key] = _Window(now_ms)
            allowed = not limit.enabled or window.used < limit.quota
            if allowed:
                window.used += 1
            reset = limit.window_ms - (now_ms - window.started_ms)
            used = window.used if limit.enabled else 0
            return QuotaState(
                allowed=allowed,
                quota=limit.quota,
                left=max(limit.quota - used, 0),
                window_ms=limit.window_ms,
                reset_ms=max(int(reset), 0),
            )

    def record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.log.entries.append(entry)


_NUMBER = re.compile(r"/\d+(?=/|$)")


def describe_by_path(scope: Scope) -> RequestKey:
    """Default request key: no store, the path with numeric ids as {id}."""
    return RequestKey("", f"{scope['method']} {_NUMBER.sub('/{id}', scope['path'])}")


class ControlledApp:
    """Wrap an ASGI app with the controls' log, latency and faults."""

    def __init__(
        self,
        app: ASGIApp,
        controls: SandboxControls,
        describe: Describe = describe_by_path,
    ) -> None:
        self.app = app
        self.controls = controls
        self.describe = describe

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        controls = self.controls
        method, path = scope["method"], scope["path"]
        fault = controls.pick_fault(method, path)
        delay = controls.next_delay()
        key = self.describe(scope)
        controls.record(
            LoggedRequest(key.store, key.route, method, path, _kind(fault), delay)
        )
        if delay > 0:
            await controls.sleep(delay)
        if fault is None:
            await self.app(scope, receive, send)
        else:
            await self._inject(fault, scope, receive, send)

    async def _inject(
        self, fault: Fault, scope: Scope, receive: Receive, send: Send
    ) -> None:
        kind = fault.kind
        if kind is FaultKind.SERVER_ERROR:
            await _send_json(send, fault.status, _error_body(fault.status))
        elif kind is FaultKind.THROTTLED:
            await _send_json(send, 429, _error_body(429))
        elif kind is FaultKind.TIMEOUT:
            hang = min(fault.hang_seconds, self.controls.max_hang_seconds)
            if await _hang(hang, receive, self.controls.sleep):
                await _send_json(send, 504, _error_body(504))
        elif kind is FaultKind.CONNECTION_RESET:
            await _abort(send)
        else:
            await self._send_malformed(scope, receive, send)

    async def _send_malformed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 200 with the first half of the real JSON body."""
        captured = _Captured()
        await self.app(scope, receive, captured)
        body = captured.body[: len(captured.body) // 2] or b'{"data": ['
        await _send_raw(send, 200, body, b"application/json")


def _kind(fault: Fault | None) -> FaultKind | None:
    return None if fault is None else fault.kind


def _error_body(status: int) -> dict[str, Any]:
    titles = {429: "Too Many Requests", 504: "Gateway Timeout"}
    return {"status": status, "title": titles.get(status, "Internal Server Error")}


async def _hang(seconds: float, receive: Receive, sleep: Sleep) -> bool:
    """Hold the request; False if the client hung up first."""
    waiter = asyncio.ensure_future(sleep(seconds))
    listener = asyncio.ensure_future(_until_disconnect(receive))
    done, pending = await asyncio.wait(
        {waiter, listener}, return_when=asyncio.FIRST_COMPLETED
    )
    for task in pending:
        task.cancel()
    return waiter in done


async def _until_disconnect(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def _abort(send: Send) -> None:
    """Start a response, then stop mid-body: the server drops the connection."""
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", b"4096"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b'{"da', "more_body": True})


async def _send_json(send: Send, status: int, payload: Any) -> None:
    await _send_raw(send, status, json.dumps(payload).encode(), b"application/json")


async def _send_raw(send: Send, status: int, body: bytes, content_type: bytes) -> None:
    headers = [
        (b"content-type", content_type),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class _Captured:
    """A `send` that keeps the body instead of sending it."""

    def __init__(self) -> None:
        self.body = b""

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.body":
            self.body += message.get("body", b"")
