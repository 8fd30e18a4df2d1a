"""The fake BigCommerce store API: many stores, V2 and V3 read routes.

app = create_bigcommerce_app([store], controls)
with serve_in_thread(app) as base:
    httpx.get(f"{base}/stores/{store.hash}/v2/orders", headers=...)
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from chargepilot.sandbox.bigcommerce import orders_v2, routes_v3
from chargepilot.sandbox.bigcommerce.gate import Gate, describe
from chargepilot.sandbox.bigcommerce.index import StoreIndex
from chargepilot.sandbox.bigcommerce.models import Store
from chargepilot.sandbox.bigcommerce.responses import error_response
from chargepilot.sandbox.controls import ControlledApp, SandboxControls

V2 = "/stores/{store_hash}/v2"
V3 = "/stores/{store_hash}/v3"


def create_bigcommerce_app(
    stores: Iterable[Store], controls: SandboxControls | None = None
) -> Starlette:
    """Build the fake API over `stores`, governed by `controls`.

    The app keeps references, not copies: `app.state.stores` maps hash to
    store and `app.state.controls` is the live controls object.
    """
    by_hash = {store.hash: store for store in stores}
    controls = controls or SandboxControls()
    app = Starlette(
        routes=_routes(),
        middleware=[
            Middleware(ControlledApp, controls=controls, describe=describe),
            Middleware(Gate, stores=by_hash, controls=controls),
        ],
        exception_handlers={HTTPException: _http_error},
    )
    app.router.redirect_slashes = False
    app.state.stores = by_hash
    app.state.controls = controls
    app.state.indexes = {key: StoreIndex(store) for key, store in by_hash.items()}
    return app


def _routes() -> list[Route]:
    return [
        Route(f"{V2}/store", orders_v2.store_info),
        Route(f"{V2}/orders", orders_v2.list_orders),
        Route(f"{V2}/orders/count", orders_v2.count_orders),
        Route(f"{V2}/orders/{{order_id:int}}", orders_v2.get_order),
        Route(f"{V2}/orders/{{order_id:int}}/products", orders_v2.order_products),
        Route(f"{V2}/orders/{{order_id:int}}/shipments", orders_v2.order_shipments),
        Route(
            f"{V2}/orders/{{order_id:int}}/shipping_addresses",
            orders_v2.order_shipping_addresses,
        ),
        Route(f"{V2}/orders/{{order_id:int}}/coupons", orders_v2.order_coupons),
        Route(f"{V2}/order_statuses", orders_v2.order_statuses),
        Route(f"{V3}/orders/{{order_id:int}}/transactions", routes_v3.transactions),
        Route(
            f"{V3}/orders/{{order_id:int}}/payment_actions/refunds",
            routes_v3.order_refunds,
        ),
        Route(f"{V3}/orders/payment_actions/refunds", routes_v3.refunds),
        Route(f"{V3}/customers", routes_v3.customers),
        Route(f"{V3}/customers/addresses", routes_v3.customer_addresses),
        Route(f"{V3}/catalog/products", routes_v3.products),
    ]


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return error_response(request, error.status_code, error.detail)
