"""The baseline: the same job as a merchant's developer would script it.

The PyPI `bigcommerce` client and the official `stripe` package, both
synchronous (requests): every call waits for the one before, lists are
read one page at a time, nothing is paced. Steps: retrieve the dispute
(with its charge), find the order by the payer's email, read the order,
its products, shipments and shipping addresses, the customer, all the
customer's orders page by page, write a one-page PDF summary, upload it,
update the dispute's evidence (staged, not submitted).

The PyPI client speaks V2 only; customers are read from V3 with its raw
`make_request`, as scripts do. Calls are counted by a response hook on
each requests session, so they are the calls that went on the wire.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import requests
import stripe
from bigcommerce.api import BigcommerceApi
from bigcommerce.connection import OAuthConnection
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from benchmarks.sandbox import SandboxInfo

PAGE = 250  # the V2 maximum
MAX_PAGES = 100


class LoopbackConnection(OAuthConnection):  # type: ignore[misc]
    """The client's OAuth connection over plain http to the local fake."""

    def full_path(self, url: str) -> str:
        path = str(self.api_path).format(self.store_hash, url)
        return f"http://{self.host}{path}"


@dataclass(frozen=True)
class BaselineResult:
    dispute_id: str
    reason: str
    seconds: float
    api_calls: int
    round_trips: int  # every call waits for the previous one
    order_id: int | None


class CallCount:
    """A requests response hook that counts calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, response: requests.Response, **_: Any) -> requests.Response:
        self.calls += 1
        return response

    def attach(self, session: requests.Session) -> None:
        session.hooks["response"].append(self)


class Baseline:
    """Answers disputes like a simple synchronous script."""

    def __init__(self, info: SandboxInfo) -> None:
        creds = info.credentials
        self.count = CallCount()
        self.sessions: list[requests.Session] = []
        session = requests.Session()
        self.sessions.append(session)
        self.count.attach(session)
        base = creds["stripe"]["base_url"]
        self.stripe = stripe.StripeClient(
            creds["stripe"]["api_key"],
            base_addresses={"api": base, "files": base},
            http_client=stripe.RequestsClient(session=session),
            max_network_retries=0,
        )
        host = creds["bigcommerce"]["base_url"].removeprefix("http://")
        self.stores = {
            s["stripe_account"]: self._store(s, host)
            for s in creds["bigcommerce"]["stores"]
        }
        self.v3_base = creds["bigcommerce"]["base_url"]

    def _store(self, store: dict[str, Any], host: str) -> BigcommerceApi:
        api = BigcommerceApi(
            client_id=store["client_id"],
            store_hash=store["store_hash"],
            access_token=store["access_token"],
        )
        api.connection = LoopbackConnection(
            store["client_id"], store["store_hash"], store["access_token"], host=host
        )
        self.count.attach(api.connection._session)
        self.sessions.append(api.connection._session)
        return api

    def close(self) -> None:
        for session in self.sessions:
            session.close()

    def respond(self, dispute_id: str, account: str | None) -> BaselineResult:
        before = self.count.calls
        began = time.perf_counter()
        order_id, reason = self._respond(dispute_id, account)
        seconds = time.perf_counter() - began
        calls = self.count.calls - before
        return BaselineResult(dispute_id, reason, seconds, calls, calls, order_id)

    def _respond(self, dispute_id: str, account: str | None) -> tuple[int | None, str]:
        options: Any = {"stripe_account": account} if account else {}
        params: Any = {"expand": ["charge"]}
        dispute = self.stripe.v1.disputes.retrieve(
            dispute_id, params=params, options=options
        )
        charge: Any = dispute.charge  # expanded: the Charge, not its id
        api = self.stores[account]
        email = charge.billing_details.email or charge.receipt_email
        found = self._find(api, email.strip().lower(), dispute, charge)
        if found is None:
            return None, dispute.reason
        summary = self._gather(api, found["id"])
        pdf = summary_pdf(dispute.id, summary)
        upload: Any = {"purpose": "dispute_evidence", "file": io.BytesIO(pdf)}
        file = self.stripe.v1.files.create(params=upload, options=options)
        evidence: Any = {
            "evidence": {
                "uncategorized_file": file.id,
                "product_description": summary["products"],
                "shipping_tracking_number": summary["tracking"],
            },
            "metadata": {"bigcommerce_order_id": str(found["id"])},
            "submit": False,  # staged, as ChargePilot stages; runs repeat
        }
        self.stripe.v1.disputes.update(dispute_id, params=evidence, options=options)
        return int(found["id"]), dispute.reason

    def _find(
        self, api: BigcommerceApi, email: str, dispute: Any, charge: Any
    ) -> Any | None:
        """Page through the email's orders until one carries the payment id."""
        seen: list[Any] = []
        for page in range(1, MAX_PAGES + 1):
            rows = as_list(api.Orders.all(email=email, page=page, limit=PAGE))
            seen += rows
            if paid_by(rows, charge) is not None or len(rows) < PAGE:
                break
        return pick_order(seen, dispute, charge)

    def _gather(self, api: BigcommerceApi, order_id: int) -> dict[str, str]:
        order = api.Orders.get(order_id)
        products = as_list(order.products())
        shipments = as_list(order.shipments())
        addresses = as_list(order.shipping_addresses())
        as_list(order.coupons())
        # The same record ChargePilot reads: the card checks on the order's
        # transactions and its refunds, which the V2 client only reaches raw.
        v3 = f"{self.v3_base}/stores/{api.connection.store_hash}/v3"
        api.connection.make_request("GET", f"{v3}/orders/{order_id}/transactions")
        refunds = f"{v3}/orders/{order_id}/payment_actions/refunds"
        api.connection.make_request("GET", refunds)
        customer_id = int(order["customer_id"])
        history: list[Any] = []
        if customer_id:
            url = f"{v3}/customers"
            query = {"id:in": customer_id, "include": "addresses"}
            api.connection.make_request("GET", url, params=query)
            history = [o for o in api.Orders.iterall(customer_id=customer_id) if o]
        return {
            "products": ", ".join(str(p["name"]) for p in products),
            "tracking": ", ".join(str(s["tracking_number"]) for s in shipments),
            "address": " ".join(str(a["street_1"]) for a in addresses),
            "orders": str(len(history)),
            "total": str(order["total_inc_tax"]),
        }


def as_list(found: Any) -> list[Any]:
    """The client turns a 204 into one empty resource; a list otherwise."""
    return [item for item in found if item] if isinstance(found, list) else []


def paid_by(orders: Iterable[Any], charge: Any) -> Any | None:
    """The order whose payment id is this charge's (or its intent's)."""
    payment_ids = {charge.id, charge.payment_intent}
    for order in orders:
        # The resource's own `get` fetches; the mapping's is dict.get.
        if str(dict.get(order, "payment_provider_id") or "") in payment_ids:
            return order
    return None


def pick_order(orders: Iterable[Any], dispute: Any, charge: Any) -> Any | None:
    """The order paid by this charge; else the only one of the same amount."""
    listed = [o for o in orders if o]
    found = paid_by(listed, charge)
    if found is not None:
        return found
    amount = Decimal(dispute.amount) / 100
    same = [o for o in listed if Decimal(str(o["total_inc_tax"])) == amount]
    return same[0] if len(same) == 1 else None


def summary_pdf(dispute_id: str, summary: dict[str, str]) -> bytes:
    """A one-page summary: what a script would attach as its evidence."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    y = 800
    canvas.drawString(50, y, f"Evidence for dispute {dispute_id}")
    for key, value in summary.items():
        y -= 20
        canvas.drawString(50, y, f"{key}: {value[:90]}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
