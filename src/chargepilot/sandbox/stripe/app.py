"""The fake Stripe as a Starlette app: the API and the files base in one.

Every response carries a `Request-Id`; errors use Stripe's
`{"error": {...}}` body and status codes, so the official `stripe`
package raises its own exception classes against it.
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

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from chargepilot.sandbox.stripe import forms, paging
from chargepilot.sandbox.stripe.errors import (
    FakeStripeError,
    invalid,
    resource_missing,
    unknown_parameter,
)
from chargepilot.sandbox.stripe.expand import expand
from chargepilot.sandbox.stripe.objects import API_VERSION, JSON
from chargepilot.sandbox.stripe.state import RequestContext, StripeState

_REQUEST_ID_ALPHABET = string.ascii_letters + string.digits
_MEDIA_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


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
        request_id = "req_" + "".join(self._random.choices(_REQUEST_ID_ALPHABET, k=14))
        try:
            self._admit(request)
            call = await self._call(request, request_id)
            if request.method != "POST" or not request.headers.get("idempotency-key"):
                return await self._run(call, handler)
            return await self._idempotent(call, handler)
        except FakeStripeError as error:
            return error_response(error, request_id)

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
        decoded = base64.b64decode(credentials.strip()).decode(errors="replace")
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


# --- handlers ---------------------------------------------------------------


async def retrieve_dispute(call: Call) -> JSON:
    call.allow("expand")
    return call.expanded(call.fetch("dispute"))


async def list_disputes(call: Call) -> JSON:
    call.allow(
        "charge",
        "payment_intent",
        "created",
        "limit",
        "starting_after",
        "ending_before",
        "expand",
    )
    items = [d for d in call.state.disputes(call.account) if _dispute_matches(d, call)]
    return call.expanded(paging.page(items, call.params, "/v1/disputes", "dispute"))


def _dispute_matches(dispute: JSON, call: Call) -> bool:
    for name in ("charge", "payment_intent"):
        wanted = call.params.get(name)
        if wanted is not None and dispute[name] != wanted:
            return False
    return paging.created_matches(dispute["created"], call.params.get("created"))


async def update_dispute(call: Call) -> JSON:
    call.fetch("dispute")
    changes = {k: v for k, v in call.params.items() if k != "expand"}
    updated = call.state.update_dispute(
        call.path_id(), changes, call.account, call.context
    )
    return call.expanded(updated)


async def close_dispute(call: Call) -> JSON:
    call.allow("expand")
    call.fetch("dispute")
    closed = call.state.close_dispute(call.path_id(), call.account, call.context)
    return call.expanded(closed)


def retrieve(kind: str) -> Handler:
    async def handler(call: Call) -> JSON:
        call.allow("expand")
        return call.expanded(call.fetch(kind))

    return handler


async def create_file(call: Call) -> JSON:
    call.allow("purpose", "file_link_data", "expand")
    purpose = call.params.get("purpose")
    if not purpose:
        raise invalid(
            "Missing required param: purpose.", "purpose", "parameter_missing"
        )
    if "file" not in call.uploads:
        raise invalid(
            "Missing required param: file. Upload it as multipart/form-data.",
            "file",
            "parameter_missing",
        )
    filename, content = call.uploads["file"]
    return call.expanded(
        call.state.create_file(
            content, filename=filename, purpose=str(purpose), account=call.account
        )
    )


async def file_contents(call: Call) -> Response:
    found = call.fetch("file")
    content = call.state.file_content(found["id"], call.account)
    return Response(content, media_type=_MEDIA_TYPES.get(found["type"]))


async def list_events(call: Call) -> JSON:
    call.allow(
        "type",
        "types",
        "created",
        "limit",
        "starting_after",
        "ending_before",
        "delivery_success",
        "expand",
    )
    newest_first = list(reversed(call.state.events(call.account)))
    items = [e for e in newest_first if _event_matches(e, call.params)]
    return call.expanded(paging.page(items, call.params, "/v1/events", "event"))


def _event_matches(event: JSON, params: dict[str, Any]) -> bool:
    types = params.get("types") or []
    if params.get("type"):
        types = [*types, params["type"]]
    if types and not any(_type_matches(event["type"], t) for t in types):
        return False
    return paging.created_matches(event["created"], params.get("created"))


def _type_matches(kind: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return kind.startswith(pattern[:-1])
    return kind == pattern


async def retrieve_event(call: Call) -> JSON:
    call.allow("expand")
    for event in call.state.events(call.account):
        if event["id"] == call.path_id():
            return call.expanded(event)
    raise resource_missing("event", call.path_id())


# --- the app ----------------------------------------------------------------


def create_stripe_app(
    state: StripeState, *, rate_limit_per_second: float | None = None
) -> Starlette:
    """The fake Stripe; point both the api and files base addresses at it."""
    limiter = RateLimiter(rate_limit_per_second) if rate_limit_per_second else None
    api = StripeApi(state, limiter)
    routes = [
        api.route("/v1/disputes", list_disputes),
        api.route("/v1/disputes/{id}", retrieve_dispute),
        api.route("/v1/disputes/{id}", update_dispute, "POST"),
        api.route("/v1/disputes/{id}/close", close_dispute, "POST"),
        api.route("/v1/charges/{id}", retrieve("charge")),
        api.route("/v1/payment_intents/{id}", retrieve("payment_intent")),
        api.route("/v1/customers/{id}", retrieve("customer")),
        api.route("/v1/files", create_file, "POST"),
        api.route("/v1/files/{id}", retrieve("file")),
        api.route("/v1/files/{id}/contents", file_contents),
        api.route("/v1/events", list_events),
        api.route("/v1/events/{id}", retrieve_event),
    ]
    handlers = {404: _unrecognized_url, 405: _unrecognized_url}
    return Starlette(routes=routes, exception_handlers=handlers)  # type: ignore[arg-type]


async def _unrecognized_url(request: Request, _: HTTPException) -> Response:
    error = FakeStripeError(
        f"Unrecognized request URL ({request.method}: {request.url.path}).",
        status=404,
    )
    request_id = "req_" + "".join(random.choices(_REQUEST_ID_ALPHABET, k=14))
    return error_response(error, request_id)
