"""Stripe calls for one merchant account: read the dispute, file the evidence.

The official SDK does the dispute calls. The packet upload goes through
httpx because the SDK labels every multipart file `application/octet-stream`,
and we want Stripe to see `application/pdf` with a `.pdf` name (FIELD-NOTES
B22). Every call for a Connect dispute carries that account (B14).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

import httpx
import stripe

from chargepilot.domain.disputes import Dispute
from chargepilot.errors import StripeApiError
from chargepilot.stripe_api import parse

DEFAULT_API_BASE = "https://api.stripe.com"
DEFAULT_FILES_BASE = "https://files.stripe.com"
DISPUTE_EXPAND = ["charge.customer", "payment_intent"]
# Stripe's own automatic submission must not race ours.
SUBMISSION_METHOD = "manual"


class Counter(Protocol):
    def add(self, n: int = 1) -> None: ...


class CallCounter:
    """Counts API calls, for the job's metrics."""

    def __init__(self) -> None:
        self.calls = 0

    def add(self, n: int = 1) -> None:
        self.calls += n


class StripeGateway:
    """The Stripe operations the main job needs, returning domain objects."""

    def __init__(
        self,
        api_key: str,
        *,
        api_base: str = DEFAULT_API_BASE,
        files_base: str | None = None,
        max_network_retries: int = 2,
        timeout: float = 30.0,
        counter: Counter | None = None,
    ) -> None:
        self._api_key = api_key
        self._files_base = files_base or _files_base_for(api_base)
        self._sdk_http = stripe.HTTPXClient(timeout=timeout)
        self._client = stripe.StripeClient(
            api_key,
            base_addresses={"api": api_base, "files": self._files_base},
            max_network_retries=max_network_retries,
            http_client=self._sdk_http,
        )
        self._http = httpx.AsyncClient(timeout=timeout)
        self.counter: Counter = counter or CallCounter()

    def __repr__(self) -> str:
        return f"StripeGateway(api={self._files_base!r})"

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._sdk_http.close_async()  # type: ignore[no-untyped-call]

    async def fetch_dispute(self, dispute_id: str, *, account: str | None) -> Dispute:
        """The dispute with its charge, customer and payment intent: one call."""
        params: Any = {"expand": DISPUTE_EXPAND}
        self.counter.add()
        with _vendor_errors():
            found = await self._client.v1.disputes.retrieve_async(
                dispute_id, params=params, options=_options(account)
            )
        return parse.dispute(found.to_dict(), account=account)

    async def upload_packet(
        self, dispute_id: str, pdf: bytes, *, account: str | None, idempotency_key: str
    ) -> str:
        """Upload the evidence PDF; returns Stripe's file id."""
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "Stripe-Version": stripe.api_version,
            "Idempotency-Key": idempotency_key,
        }
        if account:
            headers["Stripe-Account"] = account
        name = f"dispute-{dispute_id}.pdf"
        self.counter.add()
        response = await self._send_file(name, pdf, headers)
        return str(response["id"])

    async def _send_file(
        self, name: str, pdf: bytes, headers: dict[str, str]
    ) -> dict[str, Any]:
        try:
            response = await self._http.post(
                f"{self._files_base}/v1/files",
                headers=headers,
                data={"purpose": "dispute_evidence"},
                files={"file": (name, pdf, "application/pdf")},
            )
        except httpx.HTTPError as exc:
            raise StripeApiError(f"file upload failed: {type(exc).__name__}") from None
        body = _json(response)
        if response.status_code >= 400:
            raise _upload_error(response, body)
        return body

    async def update_evidence(
        self,
        dispute_id: str,
        *,
        evidence: Mapping[str, str],
        metadata: Mapping[str, str],
        submit: bool,
        idempotency_key: str,
        account: str | None,
    ) -> Dispute:
        """Stage (submit=False) or submit the evidence, exactly once per key."""
        params: Any = {
            "evidence": dict(evidence),
            "metadata": dict(metadata),
            "submit": submit,
            "intended_submission_method": SUBMISSION_METHOD,
            "expand": DISPUTE_EXPAND,
        }
        options: Any = {**_options(account), "idempotency_key": idempotency_key}
        self.counter.add()
        with _vendor_errors():
            found = await self._client.v1.disputes.update_async(
                dispute_id, params=params, options=options
            )
        return parse.dispute(found.to_dict(), account=account)

    async def charge_for(self, payment_id: str, *, account: str | None) -> str | None:
        """The charge id behind a payment id a store recorded (pi_ or ch_)."""
        if payment_id.startswith(("ch_", "py_")):
            return payment_id
        if not payment_id.startswith("pi_"):
            return None
        self.counter.add()
        with _vendor_errors():
            intent = await self._client.v1.payment_intents.retrieve_async(
                payment_id, options=_options(account)
            )
        return parse.object_id(intent.to_dict().get("latest_charge"))


def _files_base_for(api_base: str) -> str:
    """Stripe's own API uploads to files.stripe.com; a fake serves both."""
    return DEFAULT_FILES_BASE if api_base == DEFAULT_API_BASE else api_base


def _options(account: str | None) -> Any:
    return {"stripe_account": account} if account else {}


@contextmanager
def _vendor_errors() -> Iterator[None]:
    """Turn the SDK's errors into ours, keeping Stripe's own message."""
    try:
        yield
    except stripe.StripeError as exc:
        message = exc.user_message or type(exc).__name__
        raise StripeApiError(
            str(message),
            status=exc.http_status,
            code=exc.code,
            request_id=exc.request_id,
        ) from None


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _upload_error(response: httpx.Response, body: dict[str, Any]) -> StripeApiError:
    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    assert isinstance(error, dict)
    message = error.get("message") or f"file upload refused ({response.status_code})"
    return StripeApiError(
        str(message),
        status=response.status_code,
        code=error.get("code"),
        request_id=response.headers.get("request-id"),
    )
