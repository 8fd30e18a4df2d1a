"""Reading every page of a V2 or V3 collection, up to a page cap.

V2 answers a bare array and says nothing about totals: keep asking for the
next page until one comes back short, empty, or as 204 No Content. V3 wraps
rows in `data` and tells the page count in `meta.pagination`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chargepilot.bigcommerce.requester import Params, Requester
from chargepilot.bigcommerce.results import Listing
from chargepilot.bigcommerce.scopes import Scope
from chargepilot.bigcommerce.values import Row, child, integer
from chargepilot.errors import BigCommerceResponseError


def rows_of(body: Any, path: str) -> list[Row]:
    """A V2 list body as rows; None (204 / empty body) is no rows."""
    if body is None:
        return []
    if isinstance(body, list) and all(isinstance(r, Mapping) for r in body):
        return list(body)
    raise BigCommerceResponseError(f"expected a JSON array of objects from {path}")


def envelope(body: Any, path: str) -> tuple[list[Row], Row]:
    """A V3 body as (rows, meta.pagination); None is no rows."""
    if body is None:
        return [], {}
    if not isinstance(body, Mapping):
        raise BigCommerceResponseError(f"expected a JSON object from {path}")
    rows = rows_of(body.get("data") or [], path)
    return rows, child(child(body, "meta"), "pagination")


async def v2_pages(
    requester: Requester,
    path: str,
    params: Params,
    scopes: tuple[Scope, ...],
    *,
    page_size: int,
    max_pages: int,
    first_page: int = 1,
) -> Listing[Row]:
    """Every row of a V2 list, page by page, until a short page or the cap."""
    rows: list[Row] = []
    for page in range(first_page, first_page + max_pages):
        query = {**params, "page": page, "limit": page_size}
        batch = rows_of(await requester.get(path, query, scopes), path)
        rows.extend(batch)
        if len(batch) < page_size:
            return Listing(tuple(rows), truncated=False, pages=page)
    return Listing(tuple(rows), truncated=True, pages=max_pages)


async def v3_pages(
    requester: Requester,
    path: str,
    params: Params,
    scopes: tuple[Scope, ...],
    *,
    page_size: int,
    max_pages: int,
) -> Listing[Row]:
    """Every row of a V3 collection, following meta.pagination, up to the cap."""
    rows: list[Row] = []
    for page in range(1, max_pages + 1):
        query = {**params, "page": page, "limit": page_size}
        batch, pagination = envelope(await requester.get(path, query, scopes), path)
        rows.extend(batch)
        total_pages = integer(pagination, "total_pages", default=page)
        if not batch or page >= total_pages:
            return Listing(tuple(rows), truncated=False, pages=page)
    return Listing(tuple(rows), truncated=True, pages=max_pages)


async def v3_rows(
    requester: Requester, path: str, scopes: tuple[Scope, ...]
) -> list[Row]:
    """The `data` of a V3 route that has no paging (order transactions)."""
    rows, _ = envelope(await requester.get(path, None, scopes), path)
    return rows
