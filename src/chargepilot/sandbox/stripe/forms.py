"""Decode Stripe's bracketed form encoding (`evidence[receipt]=...`) into dicts.

stripe-python sends `expand[0]=charge` and `evidence[receipt]=file_x`;
curl users send `expand[]=charge`. Both arrive here as nested values:
dicts for named keys, lists for numeric or empty indexes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_SEGMENT = re.compile(r"\[([^\[\]]*)\]")


def split_key(key: str) -> list[str]:
    """`a[b][]` -> ["a", "b", ""]."""
    head, _, rest = key.partition("[")
    if not rest:
        return [head]
    return [head, *_SEGMENT.findall("[" + rest)]


def decode(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Nest flat form pairs; later values for the same key win."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        _place(root, split_key(key), value)
    return {key: _listify(value) for key, value in root.items()}


def _place(node: dict[str, Any], path: list[str], value: Any) -> None:
    *parents, last = path
    for segment in parents:
        child = node.get(segment)
        if not isinstance(child, dict):
            child = {}
            node[segment] = child
        node = child
    if last == "":
        last = str(len(node))
    node[last] = value


def _listify(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    items = {key: _listify(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items
