"""Each file against its JSON Schema, with messages mapped back to the exact line."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import quickschema
from ..problems import Location, Problem

if TYPE_CHECKING:  # jsonschema is imported only when a file needs explaining (slow import)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

ID = "schema"
DESCRIPTION = "Each file has the fields its JSON Schema requires, with the right types and values."


@lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(quickschema.schema(kind))


def dotted(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the document"


# Source fields only a person can decide; `claimcheck source add` leaves them out on purpose.
TO_DECIDE = {
    "venue": "where and how the article was published",
    "commercial_interest": "what the publisher sells that the article bears on, or that none was found",
    "title": "the article's own title, as the page shows it",
    "provenance": "where the archived text came from: status found (the page at url was seen "
                  "and its text matches the archive) or not-found, checked (YYYY-MM-DD) and how "
                  "(what was searched, and how the page was matched)",
}

_TYPES = {"object": "a mapping (key: value)", "array": "a list", "string": "text",
          "integer": "a whole number"}


def _describe_type(expected) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return " or ".join(_TYPES.get(n, n) for n in names)


def _found(value) -> str:
    kind = {dict: "a mapping", list: "a list", str: "text", bool: "true/false",
            int: "a number", float: "a number", type(None): "nothing"}.get(type(value))
    return kind or type(value).__name__


def _missing(error: ValidationError) -> str:
    """The field a `required` error names (jsonschema gives it only in its message)."""
    return error.message.split("'")[1] if "'" in error.message else error.message


def _to_decide(error: ValidationError) -> str | None:
    """The source field a person must decide, when this error is its absence."""
    if error.validator != "required" or error.schema.get("title") != "source":
        return None
    missing = _missing(error)
    return missing if missing in TO_DECIDE else None


def explain(error: ValidationError) -> tuple[str, tuple, bool]:
    """A message for one error, the path it points at, and whether that path is a key."""
    path = tuple(error.absolute_path)
    where = dotted(path)
    keyword = error.validator
    if keyword == "required":
        if field := _to_decide(error):
            return (f"missing: decide {field} ({TO_DECIDE[field]}); the site is "
                    "not built until a person has written it", path, False)
        return f"{where}: missing required field '{_missing(error)}'", path, False
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed))
        name = extra[0] if extra else "?"
        guess = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        return (f"{where}: unknown field '{name}'; {hint}allowed fields: {', '.join(allowed)}",
                path + (name,), True)
    if keyword == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        guess = difflib.get_close_matches(str(error.instance), [str(o) for o in error.validator_value], n=1)
        hint = f" (did you mean '{guess[0]}'?)" if guess else ""
        return f"{where}: '{error.instance}' is not allowed{hint}; expected one of: {options}", path, False
    if keyword == "type":
        return (f"{where}: expected {_describe_type(error.validator_value)}, found "
                f"{_found(error.instance)}", path, False)
    if keyword == "pattern":
        what = error.schema.get("description", f"text matching {error.validator_value}")
        return f"{where}: '{error.instance}' is not valid; expected {what}", path, False
    if keyword in ("minItems", "minLength"):
        return f"{where}: must not be empty", path, False
    if keyword == "uniqueItems":
        return f"{where}: lists the same value twice; keep one", path, False
    if keyword == "anyOf" and path and path[0] == "references":
        return f"{where}: needs at least one of doi, pmid or url", path, False
    return f"{where}: {error.message}", path, False


def check(catalog):
    for doc in catalog.docs:
        if not doc.ok or not doc.kind:
            continue
        if quickschema.valid(doc.kind, doc.data):  # the common case, some 20x faster
            continue
        for error in validator(doc.kind).iter_errors(doc.data):
            if error.context and error.validator != "anyOf":
                from jsonschema.exceptions import best_match

                error = best_match(error.context)
            message, path, is_key = explain(error)
            where = doc.where(path, key=is_key)
            if field := _to_decide(error):
                where = _placeholder_line(doc, field) or where
            yield Problem(where, message, ID)


def _placeholder_line(doc, field: str) -> Location | None:
    """The commented-out line ``# field: ...`` that `claimcheck source add` writes for a
    field to decide, so the error points at the line to fill in."""
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if line.lstrip().startswith(f"# {field}:"):
            return Location(doc.display, number, line.index("#") + 1)
    return None
