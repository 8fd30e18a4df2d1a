"""ChargePilot's read-only async BigCommerce client: one per store.

    async with BigCommerceClient("abc123", token) as store:
        found = await store.search_orders(email="jane@example.com")
        async with asyncio.TaskGroup() as tg:
            items = tg.create_task(store.order_products(found.orders[0]))
            ...

Every method answers domain objects. Every request is a GET (the transport
refuses anything else), carries `X-Auth-Token` and `Accept:
application/json`, is paced by the store's rate-limit headers and retried a
bounded number of times. Concurrent calls on one client are safe.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Generator, Iterable
from datetime import datetime
from decimal import Decimal
from types import TracebackType
from typing import Any, Self

import httpx

from chargepilot.bigcommerce import records
from chargepilot.bigcommerce.pacing import Backoff, Clock, RateLimitPacer, Sleep
from chargepilot.bigcommerce.paging import rows_of, v2_pages, v3_pages, v3_rows
from chargepilot.bigcommerce.queries import OrderFilters, OrderSort, normalise_email
from chargepilot.bigcommerce.requester import MAX_LIMIT, Params, Requester
from chargepilot.bigcommerce.results import (
    ApiCallCounter,
    CallMetrics,
    Listing,
    OrderSearch,
    StoreInfo,
    StoreValidation,
)
from chargepilot.bigcommerce.scopes import Scope
from chargepilot.bigcommerce.transport import ReadOnlyTransport
from chargepilot.bigcommerce.values import Row, integer
from chargepilot.domain.money import Money
from chargepilot.domain.orders import (
    Coupon,
    Customer,
    LineItem,
    Order,
    OrderStatus,
    Product,
    Refund,
    Shipment,
    ShippingAddress,
    Transaction,
)
from chargepilot.errors import (
    BigCommerceError,
    BigCommerceNotFoundError,
    BigCommerceResponseError,
    BigCommerceScopeError,
    ConfigError,
)

DEFAULT_BASE_URL = "https://api.bigcommerce.com"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
USER_AGENT = "ChargePilot/0.1 (dispute evidence; read-only)"
STORE_HASH = re.compile(r"^[a-z0-9]+$")
SUBRESOURCE_PAGES = 40  # 10,000 rows: no real order has that many lines
PARALLEL_PAGES = 8  # line-item pages asked for at once when the count is known
HISTORY_PAGES = 40  # a customer's 10,000 orders; more is marked truncated
PRODUCT_BATCH = 50  # ids per `id:in` query, keeping URLs short
ORDERS = (Scope.ORDERS,)
REFUND_SCOPES = (Scope.ORDERS, Scope.TRANSACTIONS)  # either one grants refunds
OrderRef = int | Order


class _TokenAuth(httpx.Auth):
    """Adds X-Auth-Token per request, so the token sits in no default header."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, Any, None]:
        request.headers["X-Auth-Token"] = self._token
        yield request

    def __repr__(self) -> str:
        return "<BigCommerce token>"


class BigCommerceClient:
    """A read-only view of one BigCommerce store's orders, customers, products."""

    def __init__(
        self,
        store_hash: str,
        access_token: str,
        *,
        base_url: str = DEFAULT_BASE_URL,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        max_retries: int = 4,
        max_pages: int = 4,
        history_pages: int = HISTORY_PAGES,
        page_size: int = MAX_LIMIT,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.monotonic,
        rng: random.Random | None = None,
        backoff: Backoff | None = None,
        pacer: RateLimitPacer | None = None,
        metrics: CallMetrics | None = None,
    ) -> None:
        check_settings(store_hash, access_token, page_size, max_pages, max_retries)
        self.store_hash = store_hash
        self.max_pages = max_pages
        self.history_pages = history_pages
        self.page_size = page_size
        self.metrics: CallMetrics = metrics or ApiCallCounter()
        self.pacer = pacer or RateLimitPacer(clock=clock, sleep=sleep)
        self._http = httpx.AsyncClient(
            base_url=f"{base_url.rstrip('/')}/stores/{store_hash}",
            transport=ReadOnlyTransport(transport or httpx.AsyncHTTPTransport()),
            auth=_TokenAuth(access_token),
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
            timeout=timeout,
            follow_redirects=False,
        )
        self._requester = Requester(
            self._http,
            pacer=self.pacer,
            metrics=self.metrics,
            sleep=sleep,
            rng=rng or random.Random(),
            backoff=backoff or Backoff(),
            max_retries=max_retries,
        )
        self._get = self._requester.get
        self._currencies: dict[int, str] = {}
        self._currency_lock = asyncio.Lock()

    def __repr__(self) -> str:
        return f"<BigCommerceClient store={self.store_hash}>"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # -- the store ---------------------------------------------------------

    async def get_store(self) -> StoreInfo:
        """GET /v2/store: proves the hash and token, names the store."""
        try:
            body = await self._get("/v2/store", None, (Scope.INFORMATION,))
        except BigCommerceNotFoundError as error:
            raise BigCommerceNotFoundError(
                f"no store {self.store_hash}: check the store hash (API path)",
                status=error.status,
                request_id=error.request_id,
            ) from None
        return records.store_info(single(body, "/v2/store"))

    async def validate(self) -> StoreValidation:
        """Check the store answers and which read scopes the token holds.

        A rejected token raises BigCommerceAuthError; a missing scope is
        reported in the answer, by name.
        """
        store, missing = None, []
        try:
            store = await self.get_store()
        except BigCommerceScopeError:
            missing.append(Scope.INFORMATION)
        sample = await self._sample_order_id()
        if sample is None:
            missing.append(Scope.ORDERS)
        probes: tuple[tuple[Scope, str, Params | None], ...] = (
            (Scope.TRANSACTIONS, f"/v3/orders/{sample or 0}/transactions", None),
            (Scope.CUSTOMERS, "/v3/customers", {"limit": 1}),
            (Scope.PRODUCTS, "/v3/catalog/products", {"limit": 1}),
        )
        for scope, path, params in probes:
            if not await self._probe(scope, path, params):
                missing.append(scope)
        granted = frozenset(Scope) - frozenset(missing)
        return StoreValidation(store=store, granted=granted, missing=tuple(missing))

    async def _sample_order_id(self) -> int | None:
        """Some order's id (0 in a store without orders); None without scope."""
        try:
            body = await self._get("/v2/orders", {"limit": 1}, ORDERS)
        except BigCommerceScopeError:
            return None
        ids = [integer(row, "id") for row in rows_of(body, "/v2/orders")]
        return ids[0] if ids else 0

    async def _probe(self, scope: Scope, path: str, params: Params | None) -> bool:
        """False when BigCommerce refuses `path` for want of `scope` (403)."""
        try:
            await self._get(path, params, (scope,))
        except BigCommerceScopeError:
            return False
        except BigCommerceNotFoundError:
            return True  # past the scope check; the probe's order id is unknown
        return True

    # -- orders ------------------------------------------------------------

    async def search_orders(
        self,
        *,
        email: str | None = None,
        min_created: datetime | None = None,
        max_created: datetime | None = None,
        min_total: Money | Decimal | int | None = None,
        max_total: Money | Decimal | int | None = None,
        customer_id: int | None = None,
        status_id: OrderStatus | int | None = None,
        sort: OrderSort | str | None = None,
        max_pages: int | None = None,
    ) -> OrderSearch:
        """Orders matching every filter given, all pages up to the page cap."""
        filters = OrderFilters(
            email, min_created, max_created, min_total, max_total,
            customer_id, status_id, sort,
        )  # fmt: skip
        listing = await v2_pages(
            self._requester,
            "/v2/orders",
            filters.params(),
            ORDERS,
            page_size=self.page_size,
            max_pages=max_pages or self.max_pages,
        )
        return OrderSearch(self._orders(listing), truncated=listing.truncated)

    async def orders_by_email(self, email: str) -> OrderSearch:
        """Every order placed with this email, guests' included."""
        if not normalise_email(email):
            return OrderSearch(())
        return await self._history(OrderFilters(email=email))

    async def customer_orders(self, customer_id: int) -> OrderSearch:
        """Every order of a registered customer (none for a guest, id 0)."""
        if customer_id <= 0:
            return OrderSearch(())
        return await self._history(OrderFilters(customer_id=customer_id))

    async def _history(self, filters: OrderFilters) -> OrderSearch:
        """A whole order history in two round trips, not one per page.

        The count goes with the first page; every other page then goes at
        once. Should the count fall short, the rest is read page by page.
        """
        params = {**filters.params(), "sort": str(OrderSort.CREATED_ASC)}
        async with asyncio.TaskGroup() as group:
            counted = group.create_task(self._count(filters))
            first = group.create_task(self._page("/v2/orders", params, 1))
        pages = min(-(-counted.result() // self.page_size), self.history_pages)
        rows = list(first.result())
        if len(rows) == self.page_size and pages > 1:
            rows += await self._pages("/v2/orders", params, range(2, pages + 1))
        if len(rows) < max(pages, 1) * self.page_size:
            return OrderSearch(self._orders(Listing(tuple(rows))))
        if pages >= self.history_pages:
            return OrderSearch(self._orders(Listing(tuple(rows))), truncated=True)
        rest = await v2_pages(
            self._requester, "/v2/orders", params, ORDERS,
            page_size=self.page_size, max_pages=self.history_pages - pages,
            first_page=pages + 1,
        )  # fmt: skip
        listing = Listing(tuple(rows) + rest.items, truncated=rest.truncated)
        return OrderSearch(self._orders(listing), truncated=listing.truncated)

    async def _count(self, filters: OrderFilters) -> int:
        body = await self._get("/v2/orders/count", filters.params(), ORDERS)
        return integer(single(body, "/v2/orders/count"), "count")

    async def _page(self, path: str, params: Params, page: int) -> list[Row]:
        query = {**params, "page": page, "limit": self.page_size}
        return rows_of(await self._get(path, query, ORDERS), path)

    async def _pages(self, path: str, params: Params, pages: range) -> list[Row]:
        """Several pages of one V2 list at once, rows in page order."""
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(self._page(path, params, n)) for n in pages]
        return [row for task in tasks for row in task.result()]

    async def order_count(
        self,
        *,
        email: str | None = None,
        min_created: datetime | None = None,
        max_created: datetime | None = None,
        customer_id: int | None = None,
        status_id: OrderStatus | int | None = None,
    ) -> int:
        """How many orders match, from GET /v2/orders/count."""
        filters = OrderFilters(
            email, min_created, max_created, customer_id=customer_id,
            status_id=status_id,
        )  # fmt: skip
        return await self._count(filters)

    async def get_order(self, order_id: int) -> Order:
        """One order; BigCommerceNotFoundError when there is no such order."""
        path = f"/v2/orders/{order_id}"
        body = await self._one(path, ORDERS, f"order {order_id}")
        return self._remember(records.order(single(body, path)))

    async def order_products(
        self, order: OrderRef, currency: str | None = None
    ) -> tuple[LineItem, ...]:
        """Every line item of an order (all pages, 250 a page).

        An order's unit count bounds its line count, so an order known to
        hold more than one page of units has its pages asked for at once.
        """
        order_id, currency = await self._order_currency(order, currency)
        units = order.items_total if isinstance(order, Order) else 0
        rows = await self._subresource(f"/v2/orders/{order_id}/products", units)
        return tuple(records.line_item(row, currency) for row in rows)

    async def order_shipments(self, order: OrderRef) -> tuple[Shipment, ...]:
        """Every shipment of an order; none (204) when nothing has shipped."""
        rows = await self._subresource(f"/v2/orders/{order_ref(order)}/shipments")
        return tuple(records.shipment(row) for row in rows)

    async def order_shipping_addresses(
        self, order: OrderRef
    ) -> tuple[ShippingAddress, ...]:
        """Where an order was sent (one address per consignment)."""
        path = f"/v2/orders/{order_ref(order)}/shipping_addresses"
        rows = await self._subresource(path)
        return tuple(records.shipping_address(row) for row in rows)

    async def order_coupons(
        self, order: OrderRef, currency: str | None = None
    ) -> tuple[Coupon, ...]:
        """Coupons applied to an order, with the money they took off."""
        order_id, currency = await self._order_currency(order, currency)
        rows = await self._subresource(f"/v2/orders/{order_id}/coupons")
        return tuple(records.coupon(row, currency) for row in rows)

    async def order_transactions(self, order: OrderRef) -> tuple[Transaction, ...]:
        """The gateway's record of payments, captures and refunds (V3)."""
        path = f"/v3/orders/{order_ref(order)}/transactions"
        rows = await v3_rows(self._requester, path, (Scope.TRANSACTIONS,))
        return tuple(records.transaction(row) for row in rows)

    async def order_refunds(
        self, order: OrderRef, currency: str | None = None
    ) -> tuple[Refund, ...]:
        """Refunds issued on an order (V3 payment actions)."""
        order_id, currency = await self._order_currency(order, currency)
        path = f"/v3/orders/{order_id}/payment_actions/refunds"
        rows = await v3_rows(self._requester, path, REFUND_SCOPES)
        return tuple(records.refund(row, currency) for row in rows)

    # -- customers and products -------------------------------------------

    async def get_customer(
        self, customer_id: int, include_addresses: bool = True
    ) -> Customer | None:
        """A registered customer, or None (always None for a guest, id 0)."""
        if customer_id <= 0:
            return None
        params: dict[str, str | int] = {"id:in": customer_id}
        if include_addresses:
            params["include"] = "addresses"
        listing = await self._v3_list("/v3/customers", params, Scope.CUSTOMERS, 1)
        found = [row for row in listing.items if integer(row, "id") == customer_id]
        return records.customer(found[0]) if found else None

    async def products(self, ids: Iterable[int]) -> tuple[Product, ...]:
        """Catalog products by id, asked for in batches of `id:in`."""
        wanted = sorted({i for i in ids if i > 0})
        found: list[Product] = []
        for start in range(0, len(wanted), PRODUCT_BATCH):
            batch = ",".join(str(i) for i in wanted[start : start + PRODUCT_BATCH])
            listing = await self._v3_list(
                "/v3/catalog/products", {"id:in": batch}, Scope.PRODUCTS
            )
            found.extend(records.product(row) for row in listing.items)
        return tuple(found)

    # -- helpers -----------------------------------------------------------

    async def _one(self, path: str, scopes: tuple[Scope, ...], what: str) -> Any:
        try:
            return await self._get(path, None, scopes)
        except BigCommerceNotFoundError as error:
            raise BigCommerceNotFoundError(
                f"{what} not found in store {self.store_hash}",
                status=error.status,
                request_id=error.request_id,
            ) from None

    async def _subresource(self, path: str, expected: int = 0) -> tuple[Row, ...]:
        """Every row of an order's sub-resource; `expected` rows at most."""
        at_once = min(-(-expected // self.page_size), PARALLEL_PAGES)
        rows: list[Row] = []
        start = 1
        if at_once > 1:
            rows = await self._pages(path, {}, range(1, at_once + 1))
            if len(rows) < at_once * self.page_size:
                return tuple(rows)
            start = at_once + 1
        listing = await v2_pages(
            self._requester,
            path,
            {},
            ORDERS,
            page_size=self.page_size,
            max_pages=SUBRESOURCE_PAGES - start + 1,
            first_page=start,
        )
        if listing.truncated:
            raise BigCommerceError(
                f"{path} has more than {SUBRESOURCE_PAGES * self.page_size} rows; "
                "refusing to return a silently shortened list"
            )
        return (*rows, *listing.items)

    async def _v3_list(
        self, path: str, params: Params, scope: Scope, max_pages: int | None = None
    ) -> Listing[Row]:
        return await v3_pages(
            self._requester,
            path,
            params,
            (scope,),
            page_size=self.page_size,
            max_pages=max_pages or self.max_pages,
        )

    def _orders(self, listing: Listing[Row]) -> tuple[Order, ...]:
        return tuple(self._remember(records.order(row)) for row in listing.items)

    def _remember(self, order: Order) -> Order:
        self._currencies[order.id] = order.total.currency
        return order

    async def _order_currency(
        self, order: OrderRef, currency: str | None
    ) -> tuple[int, str]:
        """The order's id and transactional currency, fetching it at most once."""
        if isinstance(order, Order):
            return order.id, currency or order.total.currency
        if currency:
            return order, currency.upper()
        async with self._currency_lock:
            if order not in self._currencies:
                await self.get_order(order)
        return order, self._currencies[order]


def order_ref(order: OrderRef) -> int:
    return order.id if isinstance(order, Order) else int(order)


def single(body: Any, path: str) -> Row:
    """The one JSON object a single-resource route answers."""
    if isinstance(body, dict):
        return body
    raise BigCommerceResponseError(f"expected a JSON object from {path}")


def check_settings(
    store_hash: str, token: str, page_size: int, max_pages: int, max_retries: int
) -> None:
    if not STORE_HASH.match(store_hash):
        raise ConfigError(f"not a BigCommerce store hash: {store_hash!r}")
    if not token.strip():
        raise ConfigError("the BigCommerce access token is empty")
    if not 1 <= page_size <= MAX_LIMIT:
        raise ConfigError(f"page_size must be 1..{MAX_LIMIT}, not {page_size}")
    if max_pages < 1 or max_retries < 0:
        raise ConfigError("max_pages must be at least 1 and max_retries not negative")
