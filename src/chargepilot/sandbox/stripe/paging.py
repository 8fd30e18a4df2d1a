"""Stripe's list conventions: filters on `created` and cursor pagination."""

from __future__ import annotations

from typing import Any

from chargepilot.sandbox.stripe.errors import invalid, resource_missing
from chargepilot.sandbox.stripe.objects import JSON, list_object

_BOUNDS = {
    "gt": lambda value, bound: value > bound,
    "gte": lambda value, bound: value >= bound,
    "lt": lambda value, bound: value < bound,
    "lte": lambda value, bound: value <= bound,
}


def created_matches(created: int, condition: Any) -> bool:
    """`created=123` or `created[gte]=...&created[lt]=...`."""
    if condition is None:
        return True
    if not isinstance(condition, dict):
        return created == _integer(condition, "created")
    for name, bound in condition.items():
        if name not in _BOUNDS:
            raise invalid(f"Received unknown parameter: created[{name}]", "created")
        if not _BOUNDS[name](created, _integer(bound, f"created[{name}]")):
            return False
    return True


def page(items: list[JSON], params: dict[str, Any], url: str, kind: str) -> JSON:
    """One page of `items` (already newest first) as a Stripe list object."""
    limit = _limit(params.get("limit"))
    after, before = params.get("starting_after"), params.get("ending_before")
    if after:
        rest = items[_position(items, after, kind, "starting_after") + 1 :]
        return list_object(url, rest[:limit], has_more=len(rest) > limit)
    if before:
        rest = items[: _position(items, before, kind, "ending_before")]
        return list_object(url, rest[-limit:], has_more=len(rest) > limit)
    return list_object(url, items[:limit], has_more=len(items) > limit)


def _limit(raw: Any) -> int:
    if raw is None:
        return 10
    limit = _integer(raw, "limit")
    if not 1 <= limit <= 100:
        raise invalid("Invalid integer: limit must be between 1 and 100", "limit")
    return limit


def _integer(raw: Any, param: str) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise invalid(f"Invalid integer: {raw}", param) from None


def _position(items: list[JSON], object_id: str, kind: str, param: str) -> int:
    for index, item in enumerate(items):
        if item["id"] == object_id:
            return index
    raise resource_missing(kind, object_id, param=param)
