"""V2 routes: store information, orders and their sub-resources, statuses."""

from __future__ import annotations

from collections import Counter

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from chargepilot.sandbox.bigcommerce import render_v2
from chargepilot.sandbox.bigcommerce.index import StoreIndex
from chargepilot.sandbox.bigcommerce.models import Order, OrderStatus, Store
from chargepilot.sandbox.bigcommerce.queries import (
    OrderQuery,
    page_of,
    paging,
    sort_orders,
)
from chargepilot.sandbox.bigcommerce.responses import v2_list, v2_response
from chargepilot.sandbox.bigcommerce.statuses import SORT_ORDER, count_row, status_row

NOT_FOUND = "The requested resource was not found."


def store_of(request: Request) -> Store:
    store = request.state.store
    assert isinstance(store, Store)
    return store


def index_of(request: Request) -> StoreIndex:
    """The store's lookup tables (kept on the app, refreshed on growth)."""
    index = request.app.state.indexes[store_of(request).hash]
    assert isinstance(index, StoreIndex)
    return index.refresh()


def base_of(request: Request) -> str:
    """Absolute V2 base of this store, for sub-resource links."""
    return str(request.base_url).rstrip("/") + f"/stores/{store_of(request).hash}/v2"


def order_of(request: Request) -> Order:
    """The order named in the path; archived and incomplete ones included."""
    order = store_of(request).orders.get(request.path_params["order_id"])
    if order is None:
        raise HTTPException(404, NOT_FOUND)
    return order


async def store_info(request: Request) -> Response:
    return v2_response(request, render_v2.store_info(store_of(request)), "store")


async def list_orders(request: Request) -> Response:
    query = OrderQuery.parse(request.query_params)
    page, limit = paging(request.query_params)
    visible = [o for o in query.select(index_of(request)) if query.shows(o)]
    ordered = sort_orders(visible, request.query_params.get("sort"))
    base = base_of(request)
    rows = [render_v2.order(o, base) for o in page_of(ordered, page, limit)]
    return v2_list(request, rows, "orders")


async def count_orders(request: Request) -> Response:
    query = OrderQuery.parse(request.query_params)
    found = [o for o in query.select(index_of(request)) if not o.is_deleted]
    per_status = Counter(order.status_id for order in found)
    statuses = sorted(OrderStatus, key=SORT_ORDER.__getitem__)
    payload = {
        "statuses": [count_row(s, per_status[s]) for s in statuses],
        "count": sum(1 for order in found if query.shows(order)),
    }
    return v2_response(request, payload, "orders")


async def get_order(request: Request) -> Response:
    order = order_of(request)
    return v2_response(request, render_v2.order(order, base_of(request)), "order")


async def order_products(request: Request) -> Response:
    order = order_of(request)
    page, limit = paging(request.query_params)
    items = page_of(order.line_items, page, limit)
    rows = [render_v2.line_item(item, order.id) for item in items]
    return v2_list(request, rows, "products")


async def order_shipments(request: Request) -> Response:
    order = order_of(request)
    page, limit = paging(request.query_params)
    shipments = page_of(order.shipments, page, limit)
    rows = [render_v2.shipment(shipment, order) for shipment in shipments]
    return v2_list(request, rows, "shipments")


async def order_shipping_addresses(request: Request) -> Response:
    order = order_of(request)
    page, limit = paging(request.query_params)
    base = base_of(request)
    addresses = page_of(order.shipping_addresses, page, limit)
    rows = [render_v2.shipping_address(a, order.id, base) for a in addresses]
    return v2_list(request, rows, "shipping_addresses")


async def order_coupons(request: Request) -> Response:
    order = order_of(request)
    page, limit = paging(request.query_params)
    coupons = page_of(order.coupons, page, limit)
    return v2_list(request, [render_v2.coupon(c, order.id) for c in coupons], "coupons")


async def order_statuses(request: Request) -> Response:
    rows = [status_row(status) for status in OrderStatus]
    return v2_response(request, rows, "order_statuses")
