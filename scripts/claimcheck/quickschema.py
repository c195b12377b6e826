"""A compiled yes/no schema check that spares valid files the full validator.

jsonschema walks every value through generic keyword functions: half a second per 1,000
claims, more than reading them. fastjsonschema compiles each schema to plain Python once
and answers "valid or not" some twenty times faster, but its errors are not the ones the
schema check explains. So a file the compiled check accepts is done; any file it refuses
goes through jsonschema, which finds and words every problem as before. The schemas use
only keywords both implement alike (type, properties, required, additionalProperties,
items, enum, pattern, minLength, minItems, uniqueItems, minimum, anyOf, if/then); the
negative cases in tests/data/negative hold the two to the same answers.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

try:
    import fastjsonschema
except ImportError:  # an environment set up before it was a dependency: jsonschema alone
    fastjsonschema = None


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The JSON Schema of a catalog file kind (source, claims, topics, references), read
    once for both validators."""
    text = resources.files("claimcheck").joinpath("schemas", f"{kind}.schema.json").read_text()
    return json.loads(text)


@lru_cache(maxsize=None)
def _compiled(kind: str) -> Callable[[Any], Any]:
    return fastjsonschema.compile(schema(kind))


def valid(kind: str, data: Any) -> bool:
    """True only when the compiled schema accepts ``data``; False means "ask jsonschema"."""
    if fastjsonschema is None:
        return False
    try:
        _compiled(kind)(data)
    except Exception:  # noqa: BLE001 - any surprise: let the full validator decide
        return False
    return True
