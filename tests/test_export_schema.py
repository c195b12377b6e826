"""The export's JSON Schema: the export meets it, it is published with the site, and it
describes exactly the fields docs/data.md documents (issue 22, item 9)."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from claimcheck.catalog import load_catalog
from claimcheck.export import export_data
from claimcheck.exportschema import PATH, schema
from claimcheck.render.pages import SiteInfo, render_site

from conftest import ROOT

DOC = (ROOT / "docs/data.md").read_text(encoding="utf-8")
_ROW = re.compile(r"^\| `([a-z0-9_.]+)` \| ([^|]+) \|(.*)\|$")
_BRACES = re.compile(r"`?\{([a-z_, ]+)\}`?")


def documented() -> dict[str, dict[str, tuple[str, str]]]:
    """data.md's field tables under '## `api/claims.json`': table -> field -> (type, meaning)."""
    part = DOC[DOC.index("## `api/claims.json`"):DOC.index("## `claims.csv`")]
    tables: dict = {}
    name = ""
    for line in part.splitlines():
        if line.startswith("## "):
            name = ""
        elif line.startswith("### "):
            name = line[4:].strip().strip("`").removesuffix("[]")
        elif (row := _ROW.match(line)):
            tables.setdefault(name, {})[row.group(1)] = (row.group(2).strip(), row.group(3))
    return tables


def _type(node: dict) -> str:
    """A schema node's type in data.md's words."""
    if "anyOf" in node:
        return f"{_type(node['anyOf'][0])} or null"
    if "const" in node:
        return type(node["const"]).__name__.replace("int", "integer")
    if "enum" in node:
        return "string"
    if node.get("type") == "array" and set(node["items"]) <= {"type", "enum"}:
        return "array of strings"
    return node["type"]


def _fields(node: dict, prefix: str = "") -> dict[str, dict]:
    """An object's fields, its nested objects' fields written as dotted names."""
    node = node.get("anyOf", [node])[0]
    out = {}
    for key, value in node["properties"].items():
        out[prefix + key] = value
        inner = value.get("anyOf", [value])[0]
        if inner.get("type") == "object" and key == "source_citation":
            out.update(_fields(inner, f"{key}."))
            del out[key]
    return out


@pytest.fixture(scope="module")
def data():
    catalog = load_catalog(ROOT / "claims")
    return export_data(catalog)


def test_the_real_export_meets_the_schema(data):
    jsonschema.Draft202012Validator.check_schema(schema())
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
              for e in jsonschema.Draft202012Validator(schema()).iter_errors(data)]
    assert not errors, errors[:5]


def test_a_field_the_schema_does_not_describe_fails(data):
    claim = dict(data["claims"][0], new_field="x")
    changed = dict(data, claims=[claim] + data["claims"][1:])
    with pytest.raises(jsonschema.ValidationError, match="new_field"):
        jsonschema.validate(changed, schema())


def test_the_schema_describes_exactly_what_data_md_documents():
    docs = documented()
    root = schema()
    objects = {"": root, "sources": root["properties"]["sources"]["items"],
               "topics": root["properties"]["topics"]["items"],
               "references": root["properties"]["references"]["items"],
               "claims": root["properties"]["claims"]["items"]}
    for name, node in objects.items():
        fields = _fields(node)
        assert set(fields) == set(docs[name]), (name, set(fields) ^ set(docs[name]))
        for field, value in fields.items():
            written, meaning = docs[name][field]
            assert written == _type(value), (name, field, written, _type(value))
            # an object or array of objects lists its fields in braces in data.md
            inner = value.get("anyOf", [value])[0]
            inner = inner.get("items", inner) if inner.get("type") == "array" else inner
            if inner.get("type") == "object" and not (name == "" and field in objects):
                listed = _BRACES.search(meaning)
                keys = set(inner["properties"])
                named = ({k.strip() for k in listed.group(1).split(",")} if listed else
                         set(re.findall(r"`([a-z_]+)`", meaning)))
                assert keys <= named, (name, field, keys - named)


def test_the_schema_is_published_with_the_site():
    catalog = load_catalog(ROOT / "claims")
    files = {f.path: f for f in render_site(catalog, site=SiteInfo(url="https://example.org/k/",
                                                                   published="2026-01-01"))}
    published = json.loads(files[PATH].content)
    assert published == schema("https://example.org/k/")
    assert published["$id"] == "https://example.org/k/api/claims.schema.json"
    assert "api/claims.schema.json" in DOC
