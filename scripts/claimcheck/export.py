"""The public data contract: the whole catalog with computed flags, as JSON or CSV.

Bump SCHEMA_VERSION on any change that removes or renames a field or changes its meaning;
adding a field does not need a bump. docs/data.md documents every field.
"""

from __future__ import annotations

import csv
import io
import json

from . import __version__
from .analysis import all_flags, conflicts_by_claim
from .model import Catalog
from .naming import article_name
from .release import CONTENT_LICENSE

SCHEMA_VERSION = 1


def export_data(catalog: Catalog, flags: dict | None = None, conflicts: dict | None = None) -> dict:
    """The export; ``flags`` and ``conflicts`` when the caller has already computed them."""
    flags = all_flags(catalog) if flags is None else flags
    conflicts = conflicts_by_claim(catalog) if conflicts is None else conflicts
    counts: dict[str, int] = {}
    for claim in catalog.claims:
        counts[claim.source] = counts.get(claim.source, 0) + 1
    release = catalog.release
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"claimcheck {__version__}",
        "data_version": release.version if release else None,
        "data_released": release.date if release else None,
        "license": dict(CONTENT_LICENSE),
        "sources": [{
            "id": s.id, "name": article_name(s), "title": s.title, "publisher": s.publisher or None,
            "publisher_url": s.publisher_url or None, "url": s.url or None,
            "published": s.published or None, "retrieved": s.retrieved or None,
            "provenance": s.provenance or None, "venue": s.venue,
            "commercial_interest": s.commercial_interest,
            "archive": f"sources/{s.folder.name}/{s.archive}", "sha256": s.archive_sha256,
            "claim_count": counts.get(s.id, 0),
        } for s in catalog.sources],
        "topics": [{"id": t.id, "title": t.title, "description": t.description}
                   for t in catalog.topics],
        "references": [{
            "id": r.id, "citation": r.citation, "doi": r.doi or None, "pmid": r.pmid or None,
            "url": r.url or None, "population": r.population, "subjects": r.subjects,
            "sample_size": r.sample_size, "design": r.design, "finding": r.finding,
            "unverified": r.unverified, "unverified_reason": r.unverified_reason or None,
            "verified": r.verified,
        } for r in catalog.references],
        "claims": [{
            "id": c.id, "source": c.source, "quote": c.quote, "statement": c.statement,
            "topics": c.topics, "speaks_of": c.speaks_of,
            "source_citation": {"level": c.citation_level, "text": c.citation_text or None},
            "verdict": c.verdict, "rationale": c.rationale, "reviewed": c.reviewed or None,
            "corrections": [{"date": k.date, "from": k.old, "to": k.new, "reason": k.reason}
                            for k in c.corrections],
            "evidence": [{"ref": e.ref, "relation": e.relation, "note": e.note} for e in c.evidence],
            "no_evidence": c.no_evidence or None,
            "conflicts": [{"claim": v.other, "kind": v.kind, "note": v.note,
                           "written_on": v.written_on}
                          for v in conflicts.get(c.id, [])],
            "flags": flags[c.id],
        } for c in catalog.claims],
    }


def to_json(catalog: Catalog) -> str:
    return json_text(export_data(catalog))


def json_text(data: dict) -> str:
    """The export as JSON, two spaces to a level."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("id", "source", "verdict", "flags", "topics", "speaks_of", "citation_level",
               "citation_text", "statement", "quote", "rationale", "evidence", "conflicts",
               "article")


# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP
# ASVS 5.0 requirement 1.2.10); full-width forms included, which some programs also accept.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate: a leading formula character gets a
    single quote before it, as OWASP's CSV-injection guidance says (documented in data.md)."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def to_csv(catalog: Catalog) -> str:
    return csv_text(export_data(catalog))


def csv_text(data: dict) -> str:
    """One row per claim; list fields are joined with '; ', evidence as ref:relation.
    Every cell is neutralised against formula injection."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    names = {s["id"]: s["name"] for s in data["sources"]}
    for c in data["claims"]:
        writer.writerow([neutralise(cell) for cell in (
            c["id"], c["source"], c["verdict"], "; ".join(c["flags"]), "; ".join(c["topics"]),
            c["speaks_of"], c["source_citation"]["level"], c["source_citation"]["text"] or "",
            c["statement"], c["quote"], c["rationale"],
            "; ".join(f"{e['ref']}:{e['relation']}" for e in c["evidence"]),
            "; ".join(x["claim"] for x in c["conflicts"]), names[c["source"]])])
    return out.getvalue()
