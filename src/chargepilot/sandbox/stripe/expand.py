"""Stripe's `expand[]`: replace an id with the object it names, to 4 levels."""

from __future__ import annotations

import copy
from collections.abc import Callable

from chargepilot.sandbox.stripe.errors import invalid
from chargepilot.sandbox.stripe.objects import JSON

MAX_DEPTH = 4
Lookup = Callable[[str], JSON | None]


def expand(obj: JSON, paths: list[str], lookup: Lookup) -> JSON:
    """A copy of `obj` with every dotted path in `paths` expanded."""
    result = copy.deepcopy(obj)
    for path in paths:
        segments = path.split(".")
        if len(segments) > MAX_DEPTH:
            raise invalid(
                f"You cannot expand more than {MAX_DEPTH} levels of a property "
                f"({path}).",
                param="expand",
            )
        _expand(result, segments, lookup, path)
    return result


def _expand(node: JSON, segments: list[str], lookup: Lookup, path: str) -> None:
    head, *rest = segments
    if node.get("object") == "list" and head == "data":
        for item in node["data"]:
            if rest:
                _expand(item, rest, lookup, path)
        return
    if head not in node:
        raise _cannot_expand(path)
    value = node[head]
    if isinstance(value, str):
        value = lookup(value)
        if value is None:
            raise _cannot_expand(path)
        node[head] = value
    if value is None:
        return
    if not isinstance(value, dict):
        raise _cannot_expand(path)
    if rest:
        _expand(value, rest, lookup, path)


def _cannot_expand(path: str) -> Exception:
    return invalid(f"This property cannot be expanded ({path}).", param="expand")
