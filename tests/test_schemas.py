"""The JSON Schemas are valid Draft 2020-12, and every catalog file names its own schema
on its first line so editors validate it while contributors type."""

from __future__ import annotations

import json
import re

import pytest
from jsonschema import Draft202012Validator

from claimcheck.catalog import load_catalog

from conftest import ROOT, TEST_CATALOG

SCHEMAS = ROOT / "scripts" / "claimcheck" / "schemas"
LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(path):
    schema = json.loads(path.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("root", [ROOT / "claims", TEST_CATALOG], ids=["claims", "test-catalog"])
def test_every_file_names_the_schema_of_its_kind(root):
    catalog = load_catalog(root)
    assert catalog.docs
    for doc in catalog.docs:
        first = doc.path.read_text(encoding="utf-8").splitlines()[0]
        match = LINE.match(first)
        assert match, f"{doc.display}: first line must be '# yaml-language-server: $schema=...'"
        target = (doc.path.parent / match.group(1)).resolve()
        assert target == (SCHEMAS / f"{doc.kind}.schema.json").resolve(), doc.display
