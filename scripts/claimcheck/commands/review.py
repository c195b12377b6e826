"""claimcheck review: print, claim by claim, what a reviewer needs to judge a verdict.

A second reviewer should not have to open five YAML files and an archive to check one
verdict. This prints the quote in its surrounding text (from the archived article), the
claim as restated, what the article cites, the verdict and its rationale, and every piece
of evidence with its population, design and size. ``--blind`` hides the verdict, the
rationale and each evidence relation, so a reviewer can judge first and compare later.
"""

from __future__ import annotations

import json
import sys
import textwrap

from ..model import Catalog, Claim
from ..report import for_terminal
from .common import UsageError, add_catalog_argument, load


def add_arguments(parser):
    add_catalog_argument(parser)
    parser.add_argument("--source", action="append", default=[], metavar="ID",
                        help="only claims of this source (repeatable)")
    parser.add_argument("--claim", action="append", default=[], metavar="ID",
                        help="only this claim (repeatable)")
    parser.add_argument("--blind", action="store_true",
                        help="hide verdict, rationale and evidence relations (for independent review)")
    parser.add_argument("--context", type=int, default=300, metavar="CHARS",
                        help="characters of article text shown on each side of the quote (default 300)")
    parser.add_argument("--format", choices=("text", "json"), default="text")


def quote_in_context(catalog: Catalog, claim: Claim, width: int) -> dict:
    """The quote with up to ``width`` characters of article text either side, cut at word
    boundaries; empty strings when the quote cannot be found (the check reports that)."""
    source = catalog.by_id("sources").get(claim.source)
    archive = catalog.archive(source) if source else None
    span = archive.find(claim.quote) if archive else None
    if span is None:
        return {"before": "", "quote": claim.quote, "after": "", "found": False}
    text = archive.text
    start, end = max(0, span.start - width), min(len(text), span.end + width)
    while 0 < start < span.start and not text[start - 1].isspace():
        start += 1
    while span.end < end < len(text) and not text[end].isspace():
        end -= 1
    squash = " ".join
    return {"before": ("… " if start > 0 else "") + squash(text[start:span.start].split()),
            "quote": squash(text[span.start:span.end].split()),
            "after": squash(text[span.end:end].split()) + (" …" if end < len(text) else ""),
            "found": True}


def review_record(catalog: Catalog, claim: Claim, blind: bool, width: int) -> dict:
    """Everything about one claim that a reviewer reads, as plain data."""
    refs = catalog.by_id("references")
    evidence = []
    for item in claim.evidence:
        ref = refs.get(item.ref)
        entry = {"ref": item.ref, "note": item.note,
                 "citation": ref.citation if ref else "",
                 "design": ref.design if ref else "",
                 "population": list(ref.population) if ref else [],
                 "subjects": ref.subjects if ref else "",
                 "sample_size": ref.sample_size if ref else None,
                 "finding": " ".join(ref.finding.split()) if ref else ""}
        if not blind:
            entry["relation"] = item.relation
        evidence.append(entry)
    record = {"id": claim.id, "source": claim.source,
              "context": quote_in_context(catalog, claim, width),
              "statement": claim.statement, "topics": list(claim.topics),
              "speaks_of": claim.speaks_of,
              "source_citation": {"level": claim.citation_level, "text": claim.citation_text},
              "evidence": evidence,
              "no_evidence": " ".join(claim.no_evidence.split())}
    if not blind:
        record.update(verdict=claim.verdict, rationale=" ".join(claim.rationale.split()),
                      reviewed=claim.reviewed,
                      conflicts=[{"claim": c.claim, "kind": c.kind, "note": " ".join(c.note.split())}
                                 for c in claim.conflicts])
    return record


def select(catalog: Catalog, sources: list[str], claims: list[str]) -> list[Claim]:
    known_sources = {s.id for s in catalog.sources}
    known_claims = {c.id for c in catalog.claims}
    unknown = [f"source '{s}'" for s in sources if s not in known_sources]
    unknown += [f"claim '{c}'" for c in claims if c not in known_claims]
    if unknown:
        raise UsageError("unknown " + ", ".join(unknown))
    return [c for c in catalog.claims
            if (not sources or c.source in sources) and (not claims or c.id in claims)]


def _wrap(label: str, text: str) -> list[str]:
    return textwrap.wrap(text, 92, initial_indent=f"{label:<11}", subsequent_indent=" " * 11) or [label]


def render_text(records: list[dict], blind: bool) -> str:
    out = [f"{len(records)} claim{'s' if len(records) != 1 else ''}"
           + (" (blind: verdicts, rationales and relations hidden)" if blind else ""), ""]
    for n, r in enumerate(records, 1):
        ctx = r["context"]
        out.append(f"[{n}/{len(records)}] {r['id']}  (source: {r['source']})")
        shown = f"{ctx['before']} »{ctx['quote']}« {ctx['after']}".strip()
        out += _wrap("context:", shown if ctx["found"] else f"»{ctx['quote']}« (not found in the archive)")
        out += _wrap("statement:", r["statement"])
        cite = r["source_citation"]
        out += _wrap("speaks of:", f"{r['speaks_of']}; article cites: {cite['level']}"
                     + (f" ({cite['text']})" if cite["text"] else ""))
        if not blind:
            out += _wrap("verdict:", r["verdict"] + (f" (reviewed {r['reviewed']})" if r["reviewed"] else ""))
            out += _wrap("rationale:", r["rationale"])
        for e in r["evidence"]:
            size = f"n={e['sample_size']}" if e["sample_size"] else "n not recorded"
            head = f"{e['ref']}" + (f" [{e['relation']}]" if "relation" in e else "")
            out += _wrap("evidence:", f"{head}: {e['design']}, {'/'.join(e['population'])}, {size}; "
                         f"{e['subjects']}")
            out += _wrap("", f"citation: {e['citation']}")
            out += _wrap("", f"finding: {e['finding']}")
            out += _wrap("", f"for this claim: {e['note']}")
        if r["no_evidence"]:
            out += _wrap("searched:", r["no_evidence"])
        for c in r.get("conflicts", []):
            out += _wrap("conflict:", f"{c['kind']} with {c['claim']}: {c['note']}")
        out.append("")
    return "\n".join(out)


def run(args) -> int:
    catalog, problems = load(args.catalog)
    if args.context < 0:
        raise UsageError("--context must be zero or more characters")
    chosen = select(catalog, args.source, args.claim)
    records = [review_record(catalog, c, args.blind, args.context) for c in chosen]
    if args.format == "json":
        sys.stdout.write(for_terminal(json.dumps(records, indent=2, ensure_ascii=False)) + "\n")
    else:
        sys.stdout.write(for_terminal(render_text(records, args.blind)))
    if problems:
        sys.stderr.write(f"claimcheck review: note: the catalog has {len(problems)} problem"
                         f"{'s' if len(problems) != 1 else ''}; run 'claimcheck check'\n")
    return 0
