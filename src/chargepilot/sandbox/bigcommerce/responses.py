"""Answers shaped as BigCommerce shapes them: JSON or XML, 204s, error bodies."""

from __future__ import annotations

import json
import math
from typing import Any
from xml.etree import ElementTree

from starlette.requests import Request
from starlette.responses import Response

MAX_LIMIT = 250
STATUS_CODES_PAGE = (
    "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"
)
_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
_SINGULAR = {"statuses": "status", "addresses": "address", "items": "item"}


def is_v3(path: str) -> bool:
    return "/v3/" in path


def wants_json(request: Request) -> bool:
    """V2 negotiates: JSON only when the client asks for it, XML otherwise."""
    return "json" in request.headers.get("accept", "").lower()


def json_response(payload: Any, status: int = 200) -> Response:
    body = json.dumps(payload, separators=(",", ":"))
    return Response(body, status, media_type="application/json")


def no_content() -> Response:
    return Response(status_code=204)


def v2_response(
    request: Request, payload: Any, root: str, status: int = 200
) -> Response:
    """A V2 body in the format the request's Accept header picks."""
    if wants_json(request):
        return json_response(payload, status)
    return Response(to_xml(root, payload), status, media_type="application/xml")


def v2_list(request: Request, rows: list[dict[str, Any]], root: str) -> Response:
    """A V2 list page: 204 with no body when it is empty."""
    return v2_response(request, rows, root) if rows else no_content()


def v3_page(
    rows: list[dict[str, Any]], total: int, page: int, limit: int
) -> dict[str, Any]:
    """A V3 collection: `data` plus `meta.pagination`."""
    pages = max(math.ceil(total / limit), 1)
    links = {"current": f"?page={page}&limit={limit}"}
    if page > 1:
        links["previous"] = f"?page={page - 1}&limit={limit}"
    if page < pages:
        links["next"] = f"?page={page + 1}&limit={limit}"
    pagination = {
        "total": total,
        "count": len(rows),
        "per_page": limit,
        "current_page": page,
        "total_pages": pages,
        "links": links,
    }
    return {"data": rows, "meta": {"pagination": pagination}}


def error_response(request: Request, status: int, message: str) -> Response:
    """An error in the shape of the API version the path belongs to."""
    if status == 413:
        return _too_large(request)
    if is_v3(request.url.path):
        return json_response(v3_error(status, message), status)
    return v2_response(
        request, [{"status": status, "message": message}], "errors", status
    )


def v3_error(status: int, title: str) -> dict[str, Any]:
    return {"status": status, "title": title, "type": STATUS_CODES_PAGE, "errors": {}}


def _too_large(request: Request) -> Response:
    payload = {
        "status": 413,
        "message": "The specified limit exceeds the maximum allowed.",
        "details": {"max_limit": MAX_LIMIT},
    }
    if is_v3(request.url.path):
        return json_response(payload, 413)
    return v2_response(request, payload, "error", 413)


def to_xml(root: str, payload: Any) -> bytes:
    """The V2 XML rendering: one element per field, lists as repeated items."""
    element = ElementTree.Element(root)
    _fill(element, root, payload)
    return _XML_DECLARATION + ElementTree.tostring(element, encoding="unicode").encode()


def _fill(element: ElementTree.Element, name: str, value: Any) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(ElementTree.SubElement(element, key), key, item)
    elif isinstance(value, list):
        child = _singular(name)
        for item in value:
            _fill(ElementTree.SubElement(element, child), child, item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def _singular(name: str) -> str:
    return _SINGULAR.get(name.rsplit("_", 1)[-1], name.removesuffix("s"))
