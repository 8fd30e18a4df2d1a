"""The fake's endpoints: disputes, charges, payment intents, customers,
files and events, each a function of one authenticated `Call`."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from chargepilot.sandbox.stripe import paging
from chargepilot.sandbox.stripe.api import Call, Handler
from chargepilot.sandbox.stripe.errors import invalid, resource_missing
from chargepilot.sandbox.stripe.objects import JSON

_MEDIA_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


async def retrieve_dispute(call: Call) -> JSON:
    call.allow("expand")
    return call.expanded(call.fetch("dispute"))


async def list_disputes(call: Call) -> JSON:
    call.allow(
        "charge",
        "payment_intent",
        "created",
        "limit",
        "starting_after",
        "ending_before",
        "expand",
    )
    items = [d for d in call.state.disputes(call.account) if _dispute_matches(d, call)]
    return call.expanded(paging.page(items, call.params, "/v1/disputes", "dispute"))


def _dispute_matches(dispute: JSON, call: Call) -> bool:
    for name in ("charge", "payment_intent"):
        wanted = call.params.get(name)
        if wanted is not None and dispute[name] != wanted:
            return False
    return paging.created_matches(dispute["created"], call.params.get("created"))


async def update_dispute(call: Call) -> JSON:
    call.fetch("dispute")
    changes = {k: v for k, v in call.params.items() if k != "expand"}
    updated = call.state.update_dispute(
        call.path_id(), changes, call.account, call.context
    )
    return call.expanded(updated)


async def close_dispute(call: Call) -> JSON:
    call.allow("expand")
    call.fetch("dispute")
    closed = call.state.close_dispute(call.path_id(), call.account, call.context)
    return call.expanded(closed)


def retrieve(kind: str) -> Handler:
    async def handler(call: Call) -> JSON:
        call.allow("expand")
        return call.expanded(call.fetch(kind))

    return handler


async def create_file(call: Call) -> JSON:
    call.allow("purpose", "file_link_data", "expand")
    purpose = call.params.get("purpose")
    if not purpose:
        raise invalid(
            "Missing required param: purpose.", "purpose", "parameter_missing"
        )
    if "file" not in call.uploads:
        raise invalid(
            "Missing required param: file. Upload it as multipart/form-data.",
            "file",
            "parameter_missing",
        )
    filename, content = call.uploads["file"]
    return call.expanded(
        call.state.create_file(
            content, filename=filename, purpose=str(purpose), account=call.account
        )
    )


async def file_contents(call: Call) -> Response:
    found = call.fetch("file")
    content = call.state.file_content(found["id"], call.account)
    return Response(content, media_type=_MEDIA_TYPES.get(found["type"]))


async def list_events(call: Call) -> JSON:
    call.allow(
        "type",
        "types",
        "created",
        "limit",
        "starting_after",
        "ending_before",
        "delivery_success",
        "expand",
    )
    newest_first = list(reversed(call.state.events(call.account)))
    items = [e for e in newest_first if _event_matches(e, call.params)]
    return call.expanded(paging.page(items, call.params, "/v1/events", "event"))


def _event_matches(event: JSON, params: dict[str, Any]) -> bool:
    types = params.get("types") or []
    if params.get("type"):
        types = [*types, params["type"]]
    if types and not any(_type_matches(event["type"], t) for t in types):
        return False
    return paging.created_matches(event["created"], params.get("created"))


def _type_matches(kind: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return kind.startswith(pattern[:-1])
    return kind == pattern


async def retrieve_event(call: Call) -> JSON:
    call.allow("expand")
    for event in call.state.events(call.account):
        if event["id"] == call.path_id():
            return call.expanded(event)
    raise resource_missing("event", call.path_id())
