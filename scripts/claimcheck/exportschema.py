"""The JSON Schema (Draft 2020-12) of the export, published with the site beside it.

Built here rather than written by hand so that its vocabularies (verdicts, flags, kinds of
conflict, relations, citation levels) are the model's own. It describes exactly this
schema_version's fields (no others are allowed), so a field added to the export without
being described fails tests/test_export_schema.py, which also holds it to docs/data.md.
Readers validating a later export against this schema should allow unknown fields, as
docs/data.md says.
"""

from __future__ import annotations

import json

from .export import SCHEMA_VERSION
from .model import CITATION_LEVELS, CONFLICT_KINDS, FLAGS, RELATIONS, VERDICTS

PATH = "api/claims.schema.json"
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
TEXT = {"type": "string"}
ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, description: str = "") -> dict:
    out = {"type": "object", "properties": properties, "required": list(properties),
           "additionalProperties": False}
    if description:
        out["description"] = description
    return out


def _strings(values=None) -> dict:
    return {"type": "array", "items": {"enum": list(values)} if values else TEXT}


def schema(site_url: str = "") -> dict:
    """The schema; its $id is its published address when the site has one."""
    source = _object({
        "id": ID, "name": TEXT, "title": TEXT, "publisher": _nullable(TEXT),
        "publisher_url": _nullable(TEXT),
        "url": _nullable(TEXT), "published": _nullable(DATE), "retrieved": _nullable(DATE),
        "provenance": _nullable(_object({"status": {"enum": ["found", "not-found"]},
                                         "checked": DATE, "how": TEXT})),
        "venue": TEXT, "commercial_interest": TEXT, "archive": TEXT,
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "claim_count": {"type": "integer", "minimum": 0},
    }, "An article, in catalog order.")
    topic = _object({"id": ID, "title": TEXT, "description": TEXT})
    reference = _object({
        "id": TEXT, "citation": TEXT, "doi": _nullable(TEXT), "pmid": _nullable(TEXT),
        "url": _nullable(TEXT), "population": _strings(("human", "animal", "in-vitro")),
        "subjects": TEXT, "sample_size": _nullable({"type": "integer", "minimum": 1}),
        "design": TEXT, "finding": TEXT, "unverified": _strings(),
        "unverified_reason": _nullable(TEXT),
        "verified": {"type": "array", "items": _object({"url": TEXT, "seen": DATE,
                                                        "fields": _strings()})},
    })
    claim = _object({
        "id": ID, "source": ID, "quote": TEXT, "statement": TEXT, "topics": _strings(),
        "speaks_of": {"enum": ["humans", "animals", "unspecified"]},
        "source_citation": _object({"level": {"enum": list(CITATION_LEVELS)},
                                    "text": _nullable(TEXT)}),
        "verdict": {"enum": list(VERDICTS)}, "rationale": TEXT, "reviewed": _nullable(DATE),
        "corrections": {"type": "array", "items": _object({
            "date": DATE, "from": {"enum": list(VERDICTS)}, "to": {"enum": list(VERDICTS)},
            "reason": TEXT})},
        "evidence": {"type": "array", "items": _object({
            "ref": TEXT, "relation": {"enum": list(RELATIONS)}, "note": TEXT})},
        "no_evidence": _nullable(TEXT),
        "conflicts": {"type": "array", "items": _object({
            "claim": ID, "kind": {"enum": list(CONFLICT_KINDS)}, "note": TEXT,
            "written_on": ID})},
        "flags": _strings(FLAGS),
    })
    out = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Ketamine claims, checked: the catalog export (api/claims.json)",
        "description": "Every field is described in the site's Data page (data.md).",
        **_object({
            "schema_version": {"const": SCHEMA_VERSION},
            "generator": TEXT,
            "data_version": _nullable({"type": "string", "pattern": r"^\d+\.\d+\.\d+$"}),
            "data_released": _nullable(DATE),
            "license": _object({"id": TEXT, "name": TEXT, "url": TEXT, "covers": TEXT}),
            "sources": {"type": "array", "items": source},
            "topics": {"type": "array", "items": topic},
            "references": {"type": "array", "items": reference},
            "claims": {"type": "array", "items": claim},
        }),
    }
    if site_url:
        out = {"$id": site_url.rstrip("/") + "/" + PATH, **out}
    return out


def schema_text(site_url: str = "") -> str:
    return json.dumps(schema(site_url), indent=2, ensure_ascii=False) + "\n"
