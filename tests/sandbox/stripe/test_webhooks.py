"""Events from WebhookSender verify with stripe's own code, and misbehave on cue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import stripe
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from chargepilot.sandbox.server import serve_in_thread
from chargepilot.sandbox.stripe.errors import WebhookTargetError
from chargepilot.sandbox.stripe.state import StripeState
from chargepilot.sandbox.stripe.webhooks import WebhookSender

from .conftest import MERCHANT, WEBHOOK_SECRET


@dataclass
class Received:
    body: bytes
    signature: str
    content_type: str


@dataclass
class Endpoint:
    url: str
    received: list[Received] = field(default_factory=list)

    def event_ids(self) -> list[str]:
        return [json.loads(r.body)["id"] for r in self.received]


@pytest.fixture
def endpoint() -> Iterator[Endpoint]:
    """A receiver that keeps the raw bytes and headers of every POST."""
    found = Endpoint(url="")

    async def receive(request: Request) -> Response:
        found.received.append(
            Received(
                await request.body(),
                request.headers["stripe-signature"],
                request.headers["content-type"],
            )
        )
        return Response(status_code=200)

    app = Starlette(routes=[Route("/hooks/stripe", receive, methods=["POST"])])
    with serve_in_thread(app) as url:
        found.url = f"{url}/hooks/stripe"
        yield found


@pytest.fixture
def sender(endpoint: Endpoint) -> WebhookSender:
    return WebhookSender(endpoint.url, WEBHOOK_SECRET)


def verify(received: Received) -> stripe.Event:
    return stripe.Webhook.construct_event(
        received.body, received.signature, WEBHOOK_SECRET
    )


def test_a_delivered_event_verifies_with_stripes_own_webhook_code(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    event = state.events()[0]

    delivery = sender.deliver(event)

    received = endpoint.received[0]
    assert delivery.status_code == 200
    assert verify(received).id == event["id"]
    assert received.content_type == "application/json; charset=utf-8"
    client = stripe.StripeClient("sk_test_unused")
    assert client.construct_event(
        received.body, received.signature, WEBHOOK_SECRET
    ).type == ("charge.dispute.created")


def test_a_connected_accounts_event_carries_the_account(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    sender.deliver(state.events(MERCHANT)[0])

    assert verify(endpoint.received[0]).account == MERCHANT


def test_an_event_signed_with_a_wrong_secret_fails_verification(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    sender.deliver_with_wrong_secret(state.events()[0])

    with pytest.raises(stripe.SignatureVerificationError, match="expected signature"):
        verify(endpoint.received[0])


def test_a_late_event_fails_the_timestamp_tolerance(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    sender.deliver_late(state.events()[0], seconds=600)

    with pytest.raises(stripe.SignatureVerificationError, match="tolerance"):
        verify(endpoint.received[0])


def test_a_pretty_printed_non_ascii_body_verifies_but_its_reserialised_form_does_not(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    state.update_dispute("dp_PNR", {"metadata": {"note": "Zoë’s order"}})
    sender.deliver(state.events()[-1])
    received = endpoint.received[0]
    reserialised = json.dumps(json.loads(received.body)).encode()

    assert "Zoë’s order".encode() in received.body
    assert received.body.startswith(b'{\n  "id": "evt_')
    assert verify(received).data.object.metadata.note == "Zoë’s order"
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(reserialised, received.signature, WEBHOOK_SECRET)


def test_a_duplicate_delivery_sends_the_identical_body_twice(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    event = state.events()[0]

    sender.deliver_twice(event)

    first, second = endpoint.received
    assert first.body == second.body
    assert verify(first).id == verify(second).id == event["id"]


def test_events_can_arrive_in_an_order_other_than_they_happened(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    state.update_dispute("dp_PNR", {"evidence": {"shipping_carrier": "DHL"}})
    state.resolve_dispute("dp_PNR", "won")
    happened = [e["id"] for e in state.events()]

    sender.deliver_out_of_order(state.events())

    assert endpoint.event_ids() == list(reversed(happened))
    assert all(verify(r) for r in endpoint.received)


def test_a_seeded_shuffle_delivers_every_event_exactly_once(
    sender: WebhookSender, endpoint: Endpoint, state: StripeState
) -> None:
    events = state.all_events()

    sender.deliver_out_of_order(events, seed=7)

    assert sorted(endpoint.event_ids()) == sorted(e["id"] for e in events)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.test/hooks",
        "http://10.0.0.8/hooks",
        "http://localhost:8000/hooks",
        "file:///tmp/hook",
    ],
)
def test_the_sender_refuses_any_target_but_127_0_0_1(url: str) -> None:
    with pytest.raises(WebhookTargetError):
        WebhookSender(url, WEBHOOK_SECRET)
