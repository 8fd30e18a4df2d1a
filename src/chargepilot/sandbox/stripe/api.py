"""Stripe's request rules around every handler of the fake.

Bearer (or Basic) key auth, the `Stripe-Account` header, `Idempotency-Key`
replays, a request rate limit, `Request-Id` on every response and Stripe's
`{"error": {...}}` bodies, so the official `stripe` package raises its own
exception classes against the fake.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import string
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from chargepilot.sandbox.stripe import forms
from chargepilot.sandbox.stripe.errors import (
    FakeStripeError,
    resource_missing,
    unknown_parameter,
)
from chargepilot.sandbox.stripe.expand import expand
from chargepilot.sandbox.stripe.objects import API_VERSION, JSON
from chargepilot.sandbox.stripe.state import RequestContext, StripeState

REQUEST_ID_ALPHABET = string.ascii_letters + string.digits


@dataclass
class Call:
    """One authenticated API request, as a handler sees it."""

    state: StripeState
    request: Request
    request_id: str
    account: str | None
    params: dict[str, Any]
    uploads: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @property
    def context(self) -> RequestContext:
        return RequestContext(
            self.request_id, self.request.headers.get("idempotency-key")
        )

    def path_id(self) -> str:
        return str(self.request.path_params["id"])

    def fetch(self, kind: str) -> JSON:
        """The object named in the path, if it is a `kind` in this account."""
        object_id = self.path_id()
        found = self.state.find(object_id, self.account)
        if found is None or found.get("object") != kind:
            raise resource_missing(kind, object_id)
        return found

    def allow(self, *names: str) -> None:
        for name in self.params:
            if name not in names:
                raise unknown_parameter(name)

    def expanded(self, obj: JSON) -> JSON:
        paths = self.params.get("expand") or []
        if isinstance(paths, str):
            paths = [paths]
        return expand(obj, list(paths), lambda i: self.state.find(i, self.account))


Handler = Callable[[Call], Awaitable[JSON | Response]]


@dataclass
class _Replay:
    fingerprint: str
    status: int
    body: bytes
    request_id: str


class RateLimiter:
    """At most `per_second` requests in any one-second window."""

    def __init__(self, per_second: float) -> None:
        self.per_second = per_second
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def allow(self) -> bool:
        now = time.monotonic()
        with self._lock:
            while self._times and now - self._times[0] >= 1.0:
                self._times.popleft()
            if len(self._times) >= self.per_second:
                return False
            self._times.append(now)
            return True


class StripeApi:
    """Auth, accounts, idempotency and rate limits around each handler."""

    def __init__(self, state: StripeState, limiter: RateLimiter | None) -> None:
        self.state = state
        self.limiter = limiter
        self._replays: dict[tuple[str | None, str], _Replay] = {}
        self._random = random.Random()

    def route(self, path: str, handler: Handler, method: str = "GET") -> Route:
        async def endpoint(request: Request) -> Response:
            return await self.serve(request, handler)

        return Route(path, endpoint, methods=[method])

    async def serve(self, request: Request, handler: Handler) -> Response:
        request_id = "req_" + "".join(self._random.choices(REQUEST_ID_ALPHABET, k=14))
        try:
            self._admit(request)
            call = await self._call(request, request_id)
            if request.method != "POST" or not request.headers.get("idempotency-key"):
                return await self._run(call, handler)
            return await self._idempotent(call, handler)
        except FakeStripeError as error:
            return error_response(error, request_id)
        except Exception as crash:  # a Stripe-shaped 500 rather than a bare one
            failure = FakeStripeError(
                f"The sandbox failed: {crash!r}", status=500, type="api_error"
            )
            return error_response(failure, request_id)

    def _admit(self, request: Request) -> None:
        if self.limiter is not None and not self.limiter.allow():
            raise FakeStripeError(
                "Too many requests hit the API too quickly. We recommend an "
                "exponential backoff of your requests.",
                status=429,
                code="rate_limit",
            )
        key = _api_key(request.headers.get("authorization", ""))
        if key is None:
            raise FakeStripeError(
                "You did not provide an API key. Provide it in the Authorization "
                "header, using Bearer auth (e.g. 'Authorization: Bearer "
                "YOUR_SECRET_KEY').",
                status=401,
            )
        if key != self.state.api_key:
            raise FakeStripeError(
                f"Invalid API Key provided: {_redact(key)}", status=401
            )

    async def _call(self, request: Request, request_id: str) -> Call:
        account = request.headers.get("stripe-account") or None
        if not self.state.has_account(account):
            raise FakeStripeError(
                f"The provided key does not have access to account '{account}' "
                "(or that account does not exist). Application access may have "
                "been revoked.",
                status=403,
                code="account_invalid",
            )
        params, uploads = await _read_params(request)
        return Call(self.state, request, request_id, account, params, uploads)

    async def _run(self, call: Call, handler: Handler) -> Response:
        result = await handler(call)
        if isinstance(result, Response):
            result.headers["Request-Id"] = call.request_id
            return result
        return json_response(result, 200, call.request_id)

    async def _idempotent(self, call: Call, handler: Handler) -> Response:
        key = call.request.headers["idempotency-key"]
        fingerprint = _fingerprint(call)
        replay = self._replays.get((call.account, key))
        if replay is not None:
            return self._replayed(replay, fingerprint, key, call.request_id)
        try:
            response = await self._run(call, handler)
        except FakeStripeError as error:
            response = error_response(error, call.request_id)
        self._replays[(call.account, key)] = _Replay(
            fingerprint, response.status_code, bytes(response.body), call.request_id
        )
        return response

    def _replayed(
        self, replay: _Replay, fingerprint: str, key: str, request_id: str
    ) -> Response:
        if replay.fingerprint != fingerprint:
            raise FakeStripeError(
                "Keys for idempotent requests can only be used with the same "
                f"parameters they were first used with. Try using a key other than "
                f"'{key}' if you meant to execute a different request.",
                type="idempotency_error",
            )
        response = Response(replay.body, replay.status, media_type="application/json")
        response.headers.update(
            {
                "Request-Id": request_id,
                "Original-Request": replay.request_id,
                "Idempotent-Replayed": "true",
                "Stripe-Version": API_VERSION,
            }
        )
        return response


def json_response(body: JSON, status: int, request_id: str) -> Response:
    """Stripe's pretty-printed JSON with its headers."""
    content = json.dumps(body, indent=2, ensure_ascii=False).encode()
    headers = {"Request-Id": request_id, "Stripe-Version": API_VERSION}
    return Response(content, status, headers=headers, media_type="application/json")


def error_response(error: FakeStripeError, request_id: str) -> Response:
    return json_response(error.body(request_id), error.http_status, request_id)


def _api_key(authorization: str) -> str | None:
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    if scheme.lower() == "basic" and credentials.strip():
        try:
            decoded = base64.b64decode(credentials.strip()).decode()
        except ValueError:
            return None
        return decoded.partition(":")[0] or None
    return None


def _redact(key: str) -> str:
    return key[:8] + "*" * max(len(key) - 12, 0) + key[-4:]


async def _read_params(
    request: Request,
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    if request.method != "POST":
        return forms.decode(request.query_params.multi_items()), {}
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        return await _read_multipart(request)
    body = (await request.body()).decode()
    return forms.decode(parse_qsl(body, keep_blank_values=True)), {}


async def _read_multipart(
    request: Request,
) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    pairs: list[tuple[str, Any]] = []
    uploads: dict[str, tuple[str, bytes]] = {}
    async with request.form(max_part_size=8 * 1024 * 1024) as form:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                uploads[name] = (value.filename or "blob", await value.read())
            else:
                pairs.append((name, value))
    return forms.decode(pairs), uploads


def _fingerprint(call: Call) -> str:
    uploads = {
        name: hashlib.sha256(content).hexdigest()
        for name, (_, content) in call.uploads.items()
    }
    material = [call.request.url.path, call.params, uploads]
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
