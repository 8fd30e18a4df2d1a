"""V3 routes: transactions, refunds, customers, addresses, catalog products."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from chargepilot.sandbox.bigcommerce import render_v3
from chargepilot.sandbox.bigcommerce.index import email_key
from chargepilot.sandbox.bigcommerce.models import Customer, Refund, Store
from chargepilot.sandbox.bigcommerce.orders_v2 import index_of, order_of, store_of
from chargepilot.sandbox.bigcommerce.queries import (
    integers,
    moment,
    page_of,
    paging,
    words,
)
from chargepilot.sandbox.bigcommerce.responses import json_response, no_content, v3_page


async def transactions(request: Request) -> Response:
    """Transactions of one order; 204 when there are none (as the spec says)."""
    order = order_of(request)
    rows = [render_v3.transaction(t, order.id) for t in order.transactions]
    if not rows:
        return no_content()
    return json_response(v3_page(rows, len(rows), 1, max(len(rows), 1)))


async def order_refunds(request: Request) -> Response:
    order = order_of(request)
    rows = [render_v3.refund(refund) for refund in order.refunds]
    return json_response(v3_page(rows, len(rows), 1, max(len(rows), 1)))


async def refunds(request: Request) -> Response:
    params = request.query_params
    page, limit = paging(params)
    low, high = moment(params, "created:min"), moment(params, "created:max")
    ids = integers(params, "id:in")
    found = [
        refund
        for refund in _refunds_of(store_of(request), integers(params, "order_id:in"))
        if _between(refund.created, low, high) and (ids is None or refund.id in ids)
    ]
    found.sort(key=lambda refund: refund.id)
    rows = [render_v3.refund(refund) for refund in page_of(found, page, limit)]
    return json_response(v3_page(rows, len(found), page, limit))


def _refunds_of(store: Store, order_ids: set[int] | None) -> Iterator[Refund]:
    wanted = sorted(order_ids) if order_ids is not None else store.orders
    for order_id in wanted:
        order = store.orders.get(order_id)
        if order is not None:
            yield from order.refunds


def _between(value: datetime, low: datetime | None, high: datetime | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


async def customers(request: Request) -> Response:
    params = request.query_params
    page, limit = paging(params)
    found = _select_customers(
        request, integers(params, "id:in"), words(params, "email:in")
    )
    with_addresses = "addresses" in (words(params, "include") or [])
    rows = [
        render_v3.customer(c, with_addresses=with_addresses)
        for c in page_of(found, page, limit)
    ]
    return json_response(v3_page(rows, len(found), page, limit))


def _select_customers(
    request: Request, ids: set[int] | None, emails: list[str] | None
) -> list[Customer]:
    store = store_of(request)
    chosen = set(store.customers) if ids is None else ids & set(store.customers)
    if emails is not None:
        table = index_of(request).customers_by_email
        chosen &= {cid for email in emails for cid in table.get(email_key(email), [])}
    return [store.customers[cid] for cid in sorted(chosen)]


async def customer_addresses(request: Request) -> Response:
    params = request.query_params
    page, limit = paging(params)
    store = store_of(request)
    owners, ids = integers(params, "customer_id:in"), integers(params, "id:in")
    chosen = sorted(store.customers) if owners is None else sorted(owners)
    found = [
        address
        for cid in chosen
        if cid in store.customers
        for address in store.customers[cid].addresses
        if ids is None or address.id in ids
    ]
    rows = [render_v3.customer_address(a) for a in page_of(found, page, limit)]
    return json_response(v3_page(rows, len(found), page, limit))


async def products(request: Request) -> Response:
    params = request.query_params
    page, limit = paging(params)
    store = store_of(request)
    ids = integers(params, "id:in")
    chosen = sorted(store.products if ids is None else ids & set(store.products))
    found = [store.products[pid] for pid in chosen]
    rows = [render_v3.product(p) for p in page_of(found, page, limit)]
    return json_response(v3_page(rows, len(found), page, limit))
