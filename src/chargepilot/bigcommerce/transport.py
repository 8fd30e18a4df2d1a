"""The HTTP transport under the BigCommerce client: it lets only GET through.

A store-level token may well carry write scopes (merchants tick boxes
generously), and `DELETE /v2/orders` archives every order of a store. So the
refusal sits at the lowest layer, below every method of the client: a write
raises before a byte is sent, whatever code above asked for it.
"""

from __future__ import annotations

import httpx

from chargepilot.errors import ReadOnlyViolationError

ALLOWED_METHODS = frozenset({"GET"})


class ReadOnlyTransport(httpx.AsyncBaseTransport):
    """Wraps a transport and refuses every request that is not a GET."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self._inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method.upper() not in ALLOWED_METHODS:
            raise ReadOnlyViolationError(
                f"refused to send {request.method} {request.url.path}: "
                "the BigCommerce client is read-only"
            )
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
