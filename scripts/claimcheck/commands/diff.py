"""claimcheck diff BASE: what a change to the catalog changes in meaning, for reviewers.

Both catalogs go through export_data, the public contract, so the comparison sees claims
exactly as readers of the site and the export do, computed flags and two-sided conflicts
included. A pull request's workflow posts the Markdown form as its job summary.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field

from ..export import export_data
from ..gitrev import RevisionError, catalog_at
from .common import UsageError, add_catalog_argument, load


# Fields compared one by one below; any other difference is listed as an "other edit".
_OTHER_FIELDS = ("topics", "speaks_of", "source_citation", "rationale", "evidence", "no_evidence")


def add_arguments(parser):
    parser.add_argument("base", metavar="BASE", help="git revision to compare with (e.g. main)")
    add_catalog_argument(parser)
    parser.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="markdown suits a GitHub job summary ($GITHUB_STEP_SUMMARY)")


@dataclass
class CatalogDiff:
    sources_added: list[dict] = field(default_factory=list)    # source records of the new catalog
    sources_removed: list[dict] = field(default_factory=list)  # source records of the old catalog
    added: list[dict] = field(default_factory=list)       # claim records of the new catalog
    removed: list[dict] = field(default_factory=list)     # claim records of the old catalog
    verdicts: list[tuple[str, str, str]] = field(default_factory=list)  # id, old, new
    flags_gained: list[tuple[str, list[str]]] = field(default_factory=list)
    flags_lost: list[tuple[str, list[str]]] = field(default_factory=list)
    conflicts_added: list[tuple[str, str]] = field(default_factory=list)
    conflicts_removed: list[tuple[str, str]] = field(default_factory=list)
    support_lost: list[tuple[str, list[str]]] = field(default_factory=list)  # id, refs that supported
    quotes: list[tuple[str, str, str]] = field(default_factory=list)
    statements: list[tuple[str, str, str]] = field(default_factory=list)
    other: list[tuple[str, list[str]]] = field(default_factory=list)  # id, fields edited

    def empty(self) -> bool:
        return not any(vars(self).values())


def _pairs(claims: list[dict]) -> set[tuple[str, str]]:
    return {tuple(sorted((c["id"], x["claim"]))) for c in claims for x in c["conflicts"]}


def _supporting(claim: dict) -> list[str]:
    return [e["ref"] for e in claim["evidence"] if e["relation"] == "supports"]


def _words(text: str) -> str:
    """Text as read: re-wrapping a quote or a statement changes nothing a reader sees."""
    return " ".join(text.split())


def compare(old_catalog, new_catalog) -> CatalogDiff:
    return compare_exports(export_data(old_catalog), export_data(new_catalog))


def compare_exports(old_data: dict, new_data: dict) -> CatalogDiff:
    """``compare`` on exports already made: the changelog exports each release once."""
    old = {c["id"]: c for c in old_data["claims"]}
    new = {c["id"]: c for c in new_data["claims"]}
    old_sources = {s["id"]: s for s in old_data["sources"]}
    new_sources = {s["id"]: s for s in new_data["sources"]}
    diff = CatalogDiff(sources_added=[s for i, s in new_sources.items() if i not in old_sources],
                       sources_removed=[s for i, s in old_sources.items() if i not in new_sources],
                       added=[c for i, c in new.items() if i not in old],
                       removed=[c for i, c in old.items() if i not in new])
    for cid in (i for i in new if i in old):
        a, b = old[cid], new[cid]
        if a["verdict"] != b["verdict"]:
            diff.verdicts.append((cid, a["verdict"], b["verdict"]))
        if gained := [f for f in b["flags"] if f not in a["flags"]]:
            diff.flags_gained.append((cid, gained))
        if lost := [f for f in a["flags"] if f not in b["flags"]]:
            diff.flags_lost.append((cid, lost))
        if _supporting(a) and not _supporting(b):
            diff.support_lost.append((cid, _supporting(a)))
        if _words(a["quote"]) != _words(b["quote"]):
            diff.quotes.append((cid, a["quote"], b["quote"]))
        if _words(a["statement"]) != _words(b["statement"]):
            diff.statements.append((cid, a["statement"], b["statement"]))
        if edited := [f for f in _OTHER_FIELDS if a[f] != b[f]]:
            diff.other.append((cid, edited))
    old_pairs, new_pairs = _pairs(list(old.values())), _pairs(list(new.values()))
    diff.conflicts_added = sorted(new_pairs - old_pairs)
    diff.conflicts_removed = sorted(old_pairs - new_pairs)
    return diff


def _summary(diff: CatalogDiff) -> str:
    counts = [(diff.sources_added, "source", "added"), (diff.sources_removed, "source", "removed"),
              (diff.added, "claim", "added"), (diff.removed, "claim", "removed"),
              (diff.verdicts, "verdict", "changed"), (diff.support_lost, "claim", "left without support"),
              (diff.conflicts_added, "conflict", "added"), (diff.conflicts_removed, "conflict", "removed")]
    parts = [f"{len(found)} {noun}{'s' if len(found) != 1 else ''} {what}"
             for found, noun, what in counts if found]
    return ", ".join(parts) if parts else "wording or evidence edits only"


def _sections(diff: CatalogDiff, q, locations: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each non-empty kind of change; ``q`` formats quoted text."""
    def where(cid):
        return f" ({locations[cid]})" if cid in locations else ""
    def claims(n):
        return f"{n} claim{'s' if n != 1 else ''}"
    return [(title, lines) for title, lines in (
        ("Sources added", [f"{s['id']}: {claims(s['claim_count'])} — {q(s['title'])}"
                           for s in diff.sources_added]),
        ("Sources removed", [f"{s['id']} (had {claims(s['claim_count'])}) — {q(s['title'])}"
                             for s in diff.sources_removed]),
        ("Claims added", [f"{c['id']}: {c['verdict'] or '(no verdict)'}"
                          f"{'; flags: ' + ', '.join(c['flags']) if c['flags'] else ''}{where(c['id'])}"
                          f" — {q(c['quote'])}" for c in diff.added]),
        ("Claims removed", [f"{c['id']} (was {c['verdict'] or 'without verdict'}) — {q(c['quote'])}"
                            for c in diff.removed]),
        ("Verdicts changed", [f"{cid}: {a} -> {b}{where(cid)}" for cid, a, b in diff.verdicts]),
        ("Last supporting reference removed",
         [f"{cid}: was supported by {', '.join(refs)}; no reference supports it now{where(cid)}"
          for cid, refs in diff.support_lost]),
        ("Flags gained", [f"{cid}: {', '.join(f)}" for cid, f in diff.flags_gained]),
        ("Flags lost", [f"{cid}: {', '.join(f)}" for cid, f in diff.flags_lost]),
        ("Conflicts added", [f"{a} <-> {b}" for a, b in diff.conflicts_added]),
        ("Conflicts removed", [f"{a} <-> {b}" for a, b in diff.conflicts_removed]),
        ("Quotes edited", [f"{cid}: {q(a)} -> {q(b)}" for cid, a, b in diff.quotes]),
        ("Statements edited", [f"{cid}: {q(a)} -> {q(b)}" for cid, a, b in diff.statements]),
        ("Other fields edited", [f"{cid}: {', '.join(f)}" for cid, f in diff.other]),
    ) if lines]


def render_text(diff: CatalogDiff, base: str, locations: dict[str, str]) -> str:
    if diff.empty():
        return f"No change in the catalog's claims since {base}.\n"
    out = [f"Catalog changes since {base}: {_summary(diff)}."]
    for title, lines in _sections(diff, lambda s: f'"{s}"', locations):
        out += ["", f"{title}:"] + [f"  {line}" for line in lines]
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def md_escape(text: str) -> str:
    """Catalog text shown literally in GitHub Markdown (no links, emphasis or HTML). An
    ``@`` gets a zero-width space after it, as Dependabot and Renovate write release
    notes: ``@user`` and ``@org/team`` still read the same but notify no one."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split())).replace("@", "@\u200b")


def render_markdown(diff: CatalogDiff, base: str, locations: dict[str, str]) -> str:
    head = f"### Catalog changes since `{base.replace('`', '')}`\n\n"
    if diff.empty():
        return head + "No change in the catalog's claims.\n"
    out = [head + f"**{md_escape(_summary(diff))}.**"]
    for title, lines in _sections(diff, lambda s: f"“{md_escape(s)}”", {}):
        out += ["", f"#### {title}", ""] + [f"- {line}" for line in lines]
    return "\n".join(out) + "\n"


def run(args) -> int:
    new_catalog, problems = load(args.catalog)
    try:
        with catalog_at(args.base, args.catalog) as old_catalog:
            diff = compare(old_catalog, new_catalog)
    except RevisionError as err:
        raise UsageError(str(err)) from None
    locations = {c.id: f"{c.loc.file}:{c.loc.line}" for c in new_catalog.claims}
    render = render_markdown if args.format == "markdown" else render_text
    sys.stdout.write(render(diff, args.base, locations))
    if problems:
        note = (f"the working tree's catalog has {len(problems)} problem"
                f"{'s' if len(problems) != 1 else ''}; run 'claimcheck check'")
        sys.stdout.write(f"\n> **Note:** {note}.\n" if args.format == "markdown" else f"\nNote: {note}.\n")
    return 0
