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

pytestmark = pytest.mark.catalog  # scripts/test.sh --quick


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


@pytest.mark.parametrize("url, ok", [
    ("http://www.ncbi.nlm.nih.gov/pubmed/31230464", True),
    ("https://pubmed.ncbi.nlm.nih.gov/29446381/", True),
    ("ftp://example.org/record", False),
    ("www.ncbi.nlm.nih.gov/pubmed/31230464", False),
])
def test_verified_url_is_recorded_as_seen_http_or_https(url, ok):
    """A stored record keeps the scheme it was seen under; only http(s) addresses are records."""
    schema = json.loads((SCHEMAS / "references.schema.json").read_text())
    ref = {"id": "x", "citation": "x", "population": ["human"], "design": "review",
           "finding": "x", "verified": [{"url": url, "seen": "2026-11-28", "fields": ["title"]}]}
    errors = [e for e in Draft202012Validator(schema).iter_errors({"references": [ref]})
              if "url" in list(e.absolute_path)]
    assert (not errors) == ok, [e.message for e in errors]
