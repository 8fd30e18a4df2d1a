"""Deliver fake Stripe events to a local endpoint, signed as Stripe signs them.

`Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with
the endpoint's `whsec_` secret. Bodies are pretty-printed with non-ASCII
characters left as UTF-8, as Stripe sends them, so a receiver that
re-serialises the JSON before verifying fails (field note B03).

Besides plain delivery the sender misbehaves on request, the way real
deliveries do: duplicates, out of order, late, or signed with a wrong secret.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from chargepilot.sandbox.stripe.errors import WebhookTargetError
from chargepilot.sandbox.stripe.objects import JSON

ALLOWED_HOST = "127.0.0.1"
USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)"


def encode_event(event: JSON) -> bytes:
    """The exact bytes Stripe would POST for this event."""
    return json.dumps(event, indent=2, ensure_ascii=False).encode("utf-8")


def signature_header(body: bytes, secret: str, timestamp: int) -> str:
    """Stripe's `Stripe-Signature` value for `body` at `timestamp`."""
    signed = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass(frozen=True)
class Delivery:
    """One POST as sent, and how the endpoint answered."""

    event_id: str
    body: bytes
    headers: dict[str, str]
    status_code: int


class WebhookSender:
    """POSTs events to one endpoint on 127.0.0.1, signed with its secret."""

    def __init__(
        self,
        url: str,
        secret: str,
        *,
        clock: Callable[[], datetime] | None = None,
        timeout: float = 5.0,
    ) -> None:
        self.url = _loopback_only(url)
        self.secret = secret
        self.clock = clock or (lambda: datetime.now(UTC))
        self.timeout = timeout

    def prepare(
        self,
        event: JSON,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        """The body and headers of a delivery, without sending it."""
        body = encode_event(event)
        when = timestamp if timestamp is not None else int(self.clock().timestamp())
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "Stripe-Signature": signature_header(body, secret or self.secret, when),
        }
        return body, headers

    def deliver(
        self,
        event: JSON,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
    ) -> Delivery:
        """POST one event; `timestamp`/`secret` override the honest values."""
        body, headers = self.prepare(event, timestamp=timestamp, secret=secret)
        with httpx.Client(timeout=self.timeout, follow_redirects=False) as client:
            response = client.post(self.url, content=body, headers=headers)
        return Delivery(event["id"], body, headers, response.status_code)

    def deliver_all(self, events: Iterable[JSON]) -> list[Delivery]:
        return [self.deliver(event) for event in events]

    def deliver_twice(self, event: JSON) -> list[Delivery]:
        """The same event, byte for byte the same body, sent twice (B12)."""
        return [self.deliver(event), self.deliver(event)]

    def deliver_out_of_order(
        self, events: Iterable[JSON], *, seed: int | None = None
    ) -> list[Delivery]:
        """Events in an order other than the order they happened in."""
        shuffled = list(events)
        if seed is None:
            shuffled.reverse()
        else:
            random.Random(seed).shuffle(shuffled)
        return self.deliver_all(shuffled)

    def deliver_late(self, event: JSON, *, seconds: int = 600) -> Delivery:
        """Signed `seconds` ago: outside Stripe's 300 s tolerance by default."""
        late = int(self.clock().timestamp()) - seconds
        return self.deliver(event, timestamp=late)

    def deliver_with_wrong_secret(self, event: JSON) -> Delivery:
        """Signed with a secret the endpoint does not hold."""
        return self.deliver(event, secret=self.secret + "_wrong")


def _loopback_only(url: str) -> str:
    parsed = httpx.URL(url)
    if parsed.scheme not in {"http", "https"} or parsed.host != ALLOWED_HOST:
        raise WebhookTargetError(
            f"webhooks are sent only to http(s)://{ALLOWED_HOST}, not {url!r}"
        )
    return url
