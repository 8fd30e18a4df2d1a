"""What stands before every route: store, token, quota, scope, method.

Order of checks: unknown store hash (404), missing or unknown token (401),
a token of another store (403), the store's quota (429), a trailing slash
on a V3 path (403, a documented platform quirk), the token's scopes (403),
writes with a read-only token (403). Every answer after the token check
carries the four X-Rate-Limit headers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chargepilot.sandbox.bigcommerce.models import ApiAccount, Store
from chargepilot.sandbox.bigcommerce.responses import error_response, is_v3
from chargepilot.sandbox.controls import QuotaState, RequestKey, SandboxControls

READS = frozenset({"GET", "HEAD", "OPTIONS"})
_STORE_PATH = re.compile(r"^/stores/(?P<hash>[^/]+)(?P<rest>/.*)?$")
_NUMBER = re.compile(r"/\d+(?=/|$)")
NO_SCOPE = "You don't have a required scope to access the endpoint"
# (version, path prefix, scope families that grant it), first match wins.
_SCOPE_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("v2", "/store", ("information",)),
    ("v2", "/time", ("information",)),
    ("v2", "/orders", ("orders",)),
    ("v2", "/order_statuses", ("orders",)),
    ("v2", "/customers", ("customers",)),
    ("v2", "/products", ("products",)),
    ("v3", "/orders/payment_actions/refunds", ("transactions", "orders")),
    ("v3", "/orders/*/payment_actions/refunds", ("transactions", "orders")),
    ("v3", "/orders/*/transactions", ("transactions",)),
    ("v3", "/orders", ("orders",)),
    ("v3", "/customers", ("customers",)),
    ("v3", "/catalog", ("products",)),
)


def split_path(path: str) -> tuple[str, str, str] | None:
    """(store hash, version, path below the version) of a store API path."""
    found = _STORE_PATH.match(path)
    if not found:
        return None
    version, _, below = (found["rest"] or "/").lstrip("/").partition("/")
    return found["hash"], version, "/" + below


def describe(scope: Scope) -> RequestKey:
    """Request-log key: the store hash and e.g. `GET /v2/orders/{id}`."""
    parts = split_path(scope["path"])
    if parts is None:
        return RequestKey("", f"{scope['method']} {scope['path']}")
    store_hash, version, below = parts
    return RequestKey(
        store_hash, f"{scope['method']} /{version}{_NUMBER.sub('/{id}', below)}"
    )


def families_for(version: str, below: str) -> tuple[str, ...] | None:
    generic = _NUMBER.sub("/*", below)
    for rule_version, prefix, families in _SCOPE_RULES:
        if rule_version == version and (
            generic == prefix or generic.startswith(prefix + "/")
        ):
            return families
    return None


def allowed(account: ApiAccount, families: tuple[str, ...], method: str) -> bool:
    """Does the token's scope cover this method on this resource?"""
    for family in families:
        if f"store_v2_{family}" in account.scopes:
            return True
        if method in READS and f"store_v2_{family}_read_only" in account.scopes:
            return True
    return False


class Gate:
    """ASGI middleware applying the checks above, then the routes."""

    def __init__(
        self, app: ASGIApp, stores: Mapping[str, Store], controls: SandboxControls
    ) -> None:
        self.app = app
        self.stores = stores
        self.controls = controls

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        parts = split_path(request.url.path)
        store = self.stores.get(parts[0]) if parts else None
        if parts is None or store is None:
            await error_response(request, 404, "Store not found.")(scope, receive, send)
            return
        refusal = self._authenticate(request, store)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        quota = self.controls.take_quota(store.hash)
        send = _with_rate_headers(send, quota)
        refusal = self._authorise(request, store, parts[1], parts[2], quota)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        scope.setdefault("state", {})["store"] = store
        await self.app(scope, receive, send)

    def _authenticate(self, request: Request, store: Store) -> Response | None:
        token = request.headers.get("x-auth-token", "")
        if not token:
            return error_response(request, 401, "No credentials were supplied.")
        if store.account_for(token) is not None:
            return None
        if any(other.account_for(token) for other in self.stores.values()):
            return error_response(request, 403, "This token belongs to another store.")
        return error_response(request, 401, "Invalid credentials.")

    def _authorise(
        self,
        request: Request,
        store: Store,
        version: str,
        below: str,
        quota: QuotaState,
    ) -> Response | None:
        if not quota.allowed:
            return error_response(request, 429, "Too many requests.")
        if is_v3(request.url.path) and below.endswith("/") and below != "/":
            return error_response(request, 403, "Authentication Required")
        families = families_for(version, below.rstrip("/"))
        if families is None:
            return error_response(request, 404, "The requested resource was not found.")
        account = store.account_for(request.headers["x-auth-token"])
        assert account is not None
        if not allowed(account, families, request.method):
            return error_response(request, 403, NO_SCOPE)
        return None


def _with_rate_headers(send: Send, quota: QuotaState) -> Send:
    headers = [
        (b"x-rate-limit-time-window-ms", str(quota.window_ms).encode()),
        (b"x-rate-limit-time-reset-ms", str(quota.reset_ms).encode()),
        (b"x-rate-limit-requests-quota", str(quota.quota).encode()),
        (b"x-rate-limit-requests-left", str(quota.left).encode()),
    ]
    if not quota.allowed:
        retry = max(math.ceil(quota.reset_ms / 1000), 1)
        headers.append((b"x-retry-after", str(retry).encode()))

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *headers]}
        await send(message)

    return send_with_headers
