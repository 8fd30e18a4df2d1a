"""Validate fake answers against the response schemas of the official specs."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import ValidationError
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_URI = "urn:bigcommerce-spec"


@cache
def load_spec(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def schema_pointer(spec: dict[str, Any], path: str, status: str) -> str:
    """JSON pointer to the JSON schema of GET `path` answering `status`."""
    response = spec["paths"][path]["get"]["responses"][status]
    pointer = f"#/paths/{_escape(path)}/get/responses/{status}"
    if "$ref" in response:
        pointer = response["$ref"]
    return f"{pointer}/content/application~1json/schema"


def validator_for(spec_file: Path, path: str, status: str = "200") -> OAS30Validator:
    spec = load_spec(spec_file)
    resource = Resource.from_contents(spec, default_specification=DRAFT4)
    registry: Registry[Any] = Registry().with_resource(SPEC_URI, resource)
    schema = {"$ref": SPEC_URI + schema_pointer(spec, path, status)}
    return OAS30Validator(
        schema, registry=registry, format_checker=oas30_format_checker
    )


def schema_errors(
    spec_file: Path, path: str, body: Any, status: str = "200"
) -> Iterator[ValidationError]:
    """Every way `body` breaks the spec's schema for GET `path` -> `status`."""
    yield from validator_for(spec_file, path, status).iter_errors(body)
