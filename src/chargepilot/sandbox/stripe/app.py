"""The fake Stripe as a Starlette app: the API and the files base in one."""

from __future__ import annotations

import random

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from chargepilot.sandbox.stripe import handlers as h
from chargepilot.sandbox.stripe.api import (
    REQUEST_ID_ALPHABET,
    RateLimiter,
    StripeApi,
    error_response,
)
from chargepilot.sandbox.stripe.errors import FakeStripeError
from chargepilot.sandbox.stripe.state import StripeState


def create_stripe_app(
    state: StripeState, *, rate_limit_per_second: float | None = None
) -> Starlette:
    """The fake Stripe; point both the api and files base addresses at it."""
    limiter = RateLimiter(rate_limit_per_second) if rate_limit_per_second else None
    api = StripeApi(state, limiter)
    routes = [
        api.route("/v1/disputes", h.list_disputes),
        api.route("/v1/disputes/{id}", h.retrieve_dispute),
        api.route("/v1/disputes/{id}", h.update_dispute, "POST"),
        api.route("/v1/disputes/{id}/close", h.close_dispute, "POST"),
        api.route("/v1/charges/{id}", h.retrieve("charge")),
        api.route("/v1/payment_intents/{id}", h.retrieve("payment_intent")),
        api.route("/v1/customers/{id}", h.retrieve("customer")),
        api.route("/v1/files", h.create_file, "POST"),
        api.route("/v1/files/{id}", h.retrieve("file")),
        api.route("/v1/files/{id}/contents", h.file_contents),
        api.route("/v1/events", h.list_events),
        api.route("/v1/events/{id}", h.retrieve_event),
    ]
    handlers = {404: _unrecognized_url, 405: _unrecognized_url}
    return Starlette(routes=routes, exception_handlers=handlers)  # type: ignore[arg-type]


async def _unrecognized_url(request: Request, _: HTTPException) -> Response:
    error = FakeStripeError(
        f"Unrecognized request URL ({request.method}: {request.url.path}).",
        status=404,
    )
    request_id = "req_" + "".join(random.choices(REQUEST_ID_ALPHABET, k=14))
    return error_response(error, request_id)
