#!/usr/bin/env python3
"""How well `claimcheck suggest` finds the claims a person catalogued, on the real catalog.

For each source with K catalogued claims, take the top K suggestions with --all (already
quoted sentences included) and count:
  recall    = catalogued quotes found within those K suggestions / catalogued quotes
  precision = of the K suggestions, the share that hold a catalogued quote
A quote is "found" when one suggestion covers at least half of its characters (quotes are
often a clause of a longer sentence, and a few run across two).
R-precision: with R the number of sentences that hold a catalogued quote, the share of the
top R suggestions that do (equal to recall at R), beside the same figure for sentences taken
in document order, the baseline a ranking must beat.
For every recorded conflict between claims of different articles, and in both directions,
it also checks whether the partner claim is among the top 3 `similar` of the suggestion
that holds the claim's quote.

Not a test and not timed: run it after changing the ranking, and copy its output into
docs/intake.md.  Usage: scripts/suggest_metrics.py [--catalog claims] [--format text|markdown]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcheck.catalog import load_catalog  # noqa: E402
from claimcheck.similarity import SimilarClaims  # noqa: E402
from claimcheck.suggest import suggest  # noqa: E402

GOAL_OVERALL, GOAL_EACH = 0.85, 0.75


def covered(span, suggestions) -> bool:
    size = span.end - span.start
    return any(min(span.end, s.sentence.end) - max(span.start, s.sentence.start) >= size / 2
               for s in suggestions)


def holder(span, suggestions):
    """The suggestion that covers most of the quote."""
    best = max(suggestions, key=lambda s: min(span.end, s.sentence.end) - max(span.start, s.sentence.start))
    return best


def measure(catalog_dir: Path) -> dict:
    catalog = load_catalog(catalog_dir)
    index = SimilarClaims(catalog)
    rows, all_suggestions = [], {}
    for source in catalog.sources:
        archive = catalog.archive(source)
        claims = [c for c in catalog.claims if c.source == source.folder.name]
        everything = suggest(catalog, source, include_quoted=True, similar=10, index=index)
        all_suggestions[source.folder.name] = (archive, everything)
        top = everything[:len(claims)]
        spans = [archive.find(c.quote) for c in claims]
        spans = [s for s in spans if s]
        found = sum(covered(span, top) for span in spans)
        useful = sum(any(min(s.sentence.end, sp.end) > max(s.sentence.start, sp.start) for sp in spans)
                     for s in top)
        holding = [s for s in everything
                   if any(min(s.sentence.end, sp.end) > max(s.sentence.start, sp.start) for sp in spans)]
        r = len(holding)
        in_order = sorted(everything, key=lambda s: s.sentence.start)
        rows.append({"source": source.folder.name, "claims": len(claims),
                     "sentences": len(everything), "found": found, "holding": r,
                     "r_precision": sum(s in holding for s in everything[:r]) / r if r else 1.0,
                     "r_precision_in_order": sum(s in holding for s in in_order[:r]) / r if r else 1.0,
                     "recall": found / len(spans) if spans else 1.0,
                     "precision": useful / len(top) if top else 1.0})
    by_id = {c.id: c for c in catalog.claims}
    pairs = [(c, by_id[k.claim], k.kind) for c in catalog.claims for k in c.conflicts
             if k.claim in by_id and by_id[k.claim].source != c.source]
    hits = hits10 = total = 0
    misses = []
    kinds: dict[str, list[int]] = {}
    for a, b, kind in pairs:
        for this, partner in ((a, b), (b, a)):
            archive, everything = all_suggestions[this.source]
            span = archive.find(this.quote)
            if not span:
                continue
            total += 1
            similar = [c.id for c, _ in holder(span, everything).similar]
            hits10 += partner.id in similar[:10]
            tally = kinds.setdefault(kind, [0, 0])
            tally[0] += partner.id in similar[:3]
            tally[1] += 1
            if partner.id in similar[:3]:
                hits += 1
            else:
                misses.append(f"{this.id} -> {partner.id}")
    quotes = sum(r["found"] / r["recall"] if r["recall"] else 0 for r in rows)
    found = sum(r["found"] for r in rows)
    suggested = sum(min(r["claims"], r["sentences"]) for r in rows)
    useful = sum(r["precision"] * min(r["claims"], r["sentences"]) for r in rows)
    return {"rows": rows, "recall": found / quotes if quotes else 1.0,
            "precision": useful / suggested if suggested else 1.0,
            "conflicts": {"directions": total, "partner_in_top3": hits, "partner_in_top10": hits10,
                          "kinds": kinds, "misses": misses}}


def render(result: dict, markdown: bool) -> str:
    rows = result["rows"]
    out = []
    holding = sum(r["holding"] for r in rows)
    r_precision = sum(r["r_precision"] * r["holding"] for r in rows) / holding if holding else 1.0
    r_in_order = sum(r["r_precision_in_order"] * r["holding"] for r in rows) / holding if holding else 1.0
    if markdown:
        out += ["| source | claims (K) | sentences | quotes found in top K | recall | precision | "
                "sentences quoted (R) | R-precision | in document order |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        out += [f"| {r['source']} | {r['claims']} | {r['sentences']} | {r['found']} | "
                f"{r['recall']:.0%} | {r['precision']:.0%} | {r['holding']} | "
                f"{r['r_precision']:.0%} | {r['r_precision_in_order']:.0%} |" for r in rows]
        out.append(f"| **all** | {sum(r['claims'] for r in rows)} | "
                   f"{sum(r['sentences'] for r in rows)} | {sum(r['found'] for r in rows)} | "
                   f"**{result['recall']:.0%}** | **{result['precision']:.0%}** | {holding} | "
                   f"**{r_precision:.0%}** | {r_in_order:.0%} |")
    else:
        out.append(f"{'source':20} {'K':>4} {'sent':>5} {'found':>6} {'recall':>7} {'precision':>10}"
                   f" {'R':>4} {'R-prec':>7} {'in order':>9}")
        out += [f"{r['source']:20} {r['claims']:>4} {r['sentences']:>5} {r['found']:>6} "
                f"{r['recall']:>7.0%} {r['precision']:>10.0%} {r['holding']:>4} "
                f"{r['r_precision']:>7.0%} {r['r_precision_in_order']:>9.0%}" for r in rows]
        out.append(f"{'all':20} {sum(r['claims'] for r in rows):>4} "
                   f"{sum(r['sentences'] for r in rows):>5} {sum(r['found'] for r in rows):>6} "
                   f"{result['recall']:>7.0%} {result['precision']:>10.0%} {holding:>4} "
                   f"{r_precision:>7.0%} {r_in_order:>9.0%}")
    c = result["conflicts"]
    share = c["partner_in_top3"] / c["directions"] if c["directions"] else 1.0
    out.append("")
    out.append(f"Cross-article conflicts: partner in the top 3 similar in {c['partner_in_top3']} of "
               f"{c['directions']} directions ({share:.0%}); in the top 10 in "
               f"{c['partner_in_top10']} ({c['partner_in_top10'] / max(c['directions'], 1):.0%}).")
    if len(c["kinds"]) > 1:
        out.append("By kind, partner in the top 3: " + "; ".join(
            f"{kind} {hit} of {n}" for kind, (hit, n) in sorted(c["kinds"].items())) + ".")
    if c["misses"]:
        out.append("Not in the top 3: " + "; ".join(c["misses"]))
    worst = min((r["recall"] for r in rows), default=1.0)
    verdict = "met" if result["recall"] >= GOAL_OVERALL and worst >= GOAL_EACH else "NOT met"
    out.append(f"Goal (recall >= {GOAL_OVERALL:.0%} overall and >= {GOAL_EACH:.0%} for every "
               f"source): {verdict} ({result['recall']:.0%} overall, lowest {worst:.0%}).")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", type=Path, default=Path("claims"))
    parser.add_argument("--format", choices=("text", "markdown"), default="text")
    args = parser.parse_args(argv)
    try:
        print(render(measure(args.catalog), args.format == "markdown"))
    except BrokenPipeError:  # piped into head
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
