"""Every catalog file names its JSON Schema on its first line, so editors that read the
yaml-language-server comment complete fields and underline mistakes while contributors
type (CONTRIBUTING, "Editor support"). In the repository the path must reach the schema
from the file's own folder; a catalog kept elsewhere is held only to the schema's name."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from ..problems import Location, Problem
from ..stubs import SCHEMA_COMMENT

ID = "schema-line"
DESCRIPTION = "Each catalog file's first line names its JSON Schema for editors."


def _schemas() -> Path:
    return Path(str(resources.files("claimcheck").joinpath("schemas"))).resolve()


def check(catalog):
    schemas = _schemas()
    repository = schemas.parents[2]  # scripts/claimcheck/schemas in a checkout
    root = Path(catalog.root).resolve()
    inside = repository == root or repository in root.parents
    for doc in catalog.docs:
        if not doc.kind or not doc.text.strip():
            continue
        name = f"{doc.kind}.schema.json"
        expected = Path(os.path.relpath(schemas / name, doc.path.parent.resolve())).as_posix()
        first = doc.text.split("\n", 1)[0].rstrip("\r")
        given = first.removeprefix(SCHEMA_COMMENT) if first.startswith(SCHEMA_COMMENT) else None
        if given is not None and (given == expected if inside else given.rsplit("/", 1)[-1] == name):
            continue
        if given is None:
            what = "the first line does not name the file's JSON Schema"
        else:
            what = f"the first line names the schema '{given}', not this file's"
        yield Problem(Location(doc.display, 1, 1),
                      f"{what}; editors read it to check the file as you type: make the first "
                      f"line '{SCHEMA_COMMENT}{expected if inside else '.../' + name}'", ID)
