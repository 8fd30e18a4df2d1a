"""Turning one BigCommerce HTTP answer into JSON data or a typed error.

Retryable answers (429, 5xx) are the requester's business; everything here
is final. JSON numbers are read as Decimal so V3 amounts (`34.12`) never
pass through a float.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx

from chargepilot.bigcommerce.scopes import Scope
from chargepilot.errors import (
    BigCommerceAuthError,
    BigCommerceError,
    BigCommerceNotFoundError,
    BigCommerceResponseError,
    BigCommerceScopeError,
    UnexpectedContentTypeError,
)

REQUEST_ID_HEADERS = ("x-request-id", "x-correlation-id")
MAX_DETAIL = 200


def request_id(response: httpx.Response) -> str | None:
    for name in REQUEST_ID_HEADERS:
        if value := response.headers.get(name):
            return str(value)
    return None


def decode(response: httpx.Response, scopes: tuple[Scope, ...]) -> Any:
    """The JSON body of a successful answer; None for 204 or an empty body.

    Raises the BigCommerceError subclass that names what went wrong.
    """
    if response.status_code >= 400:
        raise error_for(response, scopes)
    if response.status_code == 204 or not response.content.strip():
        return None
    media_type = content_type(response)
    if media_type != "application/json" and not media_type.endswith("+json"):
        raise UnexpectedContentTypeError(
            f"unexpected content type {media_type or '(none)'} from "
            f"{response.request.url.path}; expected application/json",
            status=response.status_code,
            request_id=request_id(response),
        )
    return parse_json(response)


def content_type(response: httpx.Response) -> str:
    raw = str(response.headers.get("content-type", ""))
    return raw.split(";", maxsplit=1)[0].strip().lower()


def parse_json(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content, parse_float=Decimal)
    except ValueError:
        raise BigCommerceResponseError(
            f"invalid JSON from {response.request.url.path}",
            status=response.status_code,
            request_id=request_id(response),
        ) from None


def error_for(response: httpx.Response, scopes: tuple[Scope, ...]) -> BigCommerceError:
    """The typed error for a 4xx/5xx answer (never quoting our own headers)."""
    status = response.status_code
    rid = request_id(response)
    path = response.request.url.path
    detail = error_detail(response)
    if status == 401:
        return BigCommerceAuthError(
            "token rejected: check the store's API access token",
            status=status,
            request_id=rid,
        )
    if status == 403 and scopes:
        return scope_error(scopes, path, detail, rid)
    if status == 404:
        return BigCommerceNotFoundError(
            f"not found: {path}", status=status, request_id=rid
        )
    message = f"HTTP {status} from {path}" + (f": {detail}" if detail else "")
    if status == 403:
        return BigCommerceAuthError(message, status=status, request_id=rid)
    return BigCommerceError(message, status=status, request_id=rid)


def scope_error(
    scopes: tuple[Scope, ...], path: str, detail: str, rid: str | None
) -> BigCommerceScopeError:
    names = " or ".join(s.value for s in scopes)
    labels = " or ".join(s.label for s in scopes)
    message = f"token lacks the scope {names} ({labels}) needed for {path}"
    if detail:
        message += f"; BigCommerce said: {detail}"
    return BigCommerceScopeError(message, scope=names, status=403, request_id=rid)


def error_detail(response: httpx.Response) -> str:
    """The vendor's own words from a V2 (`[{message}]`) or V3 (`{title}`) body."""
    if "json" not in content_type(response):
        return ""
    try:
        body = json.loads(response.content)
    except ValueError:
        return ""
    if isinstance(body, list) and body and isinstance(body[0], dict):
        body = body[0]
    if not isinstance(body, dict):
        return ""
    text = body.get("message") or body.get("title") or body.get("error") or ""
    return str(text)[:MAX_DETAIL]
