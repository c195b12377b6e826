"""Agreement between the catalog's verdicts and two independent blind reviewers.

Each reviewer file is a JSON list of {id, verdict, reason}, for all claims or a sample. The script prints raw agreement
and Cohen's kappa for each reviewer against the catalog and for the two reviewers against
each other, then every claim where anyone disagrees, with the reviewers' reasons.

The catalog is compared twice: as it stood when the reviewers were given their packet (a
frozen id -> verdict file, so the figures stay reproducible after disagreements are
resolved), and as it stands now.

Run from the repository root:
    .venv/bin/python scripts/review_agreement.py
    .venv/bin/python scripts/review_agreement.py --format json
Defaults read the copies kept in tests/data/review/.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REVIEW = ROOT / "tests" / "data" / "review"


def normalise(verdict: object) -> str:
    """'Not checkable', 'not_checkable' and 'NOT-CHECKABLE' are one label."""
    return "-".join(str(verdict or "").strip().lower().replace("_", " ").split())


def read_reviewer(path: Path) -> dict[str, dict]:
    """id -> {verdict, reason}; a duplicate id keeps its last entry (reported by the caller)."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise SystemExit(f"{path}: expected a JSON list of {{id, verdict, reason}}")
    out = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or "id" not in entry or "verdict" not in entry:
            raise SystemExit(f"{path}: entry {i} lacks 'id' or 'verdict'")
        out[str(entry["id"])] = {"verdict": normalise(entry["verdict"]),
                                 "reason": " ".join(str(entry.get("reason", "")).split())}
    return out


def current_verdicts(catalog_dir: Path) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from claimcheck.catalog import load_catalog  # noqa: PLC0415 (only needed here)
    return {c.id: normalise(c.verdict) for c in load_catalog(catalog_dir).claims}


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa for two raters over the same items: (po - pe) / (1 - pe), where pe
    comes from each rater's own label frequencies. 1.0 when both use one label alike."""
    if len(a) != len(b) or not a:
        raise ValueError("kappa needs two equally long, non-empty lists")
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)


def compare(first: dict[str, str], second: dict[str, str]) -> dict:
    ids = sorted(set(first) & set(second))
    a, b = [first[i] for i in ids], [second[i] for i in ids]
    agree = sum(x == y for x, y in zip(a, b))
    return {"n": len(ids), "agree": agree, "raw": agree / len(ids) if ids else 0.0,
            "kappa": cohen_kappa(a, b) if ids else 0.0}


def report(before: dict[str, str], now: dict[str, str], ra: dict, rb: dict) -> dict:
    va = {k: v["verdict"] for k, v in ra.items()}
    vb = {k: v["verdict"] for k, v in rb.items()}
    pairs = {"A vs catalog (at review)": compare(va, before),
             "B vs catalog (at review)": compare(vb, before),
             "A vs B": compare(va, vb),
             "A vs catalog (now)": compare(va, now),
             "B vs catalog (now)": compare(vb, now)}
    disagreements = []
    for cid in sorted(set(before) & (set(va) | set(vb))):
        votes = {before[cid], va.get(cid, before[cid]), vb.get(cid, before[cid])}
        if len(votes) > 1:
            disagreements.append({"id": cid, "catalog_at_review": before[cid],
                                  "catalog_now": now.get(cid, ""),
                                  "a": va.get(cid, ""), "a_reason": ra.get(cid, {}).get("reason", ""),
                                  "b": vb.get(cid, ""), "b_reason": rb.get(cid, {}).get("reason", "")})
    missing = {"only A": sorted(set(va) - set(vb)), "only B": sorted(set(vb) - set(va)),
               "unknown ids": sorted((set(va) | set(vb)) - set(before))}
    return {"pairs": pairs, "disagreements": disagreements, "missing": missing,
            "not_reviewed": len(set(before) - set(va) - set(vb))}


def render_text(result: dict) -> str:
    out = [f"{'comparison':<26} {'n':>4} {'agree':>6} {'raw':>7} {'kappa':>7}"]
    for name, p in result["pairs"].items():
        out.append(f"{name:<26} {p['n']:>4} {p['agree']:>6} {p['raw']:>7.1%} {p['kappa']:>7.3f}")
    if result["not_reviewed"]:
        out.append(f"claims in the catalog that neither reviewer rated: {result['not_reviewed']}")
    for who, ids in result["missing"].items():
        if ids:
            out.append(f"rated by one reviewer or unknown ({who}): {', '.join(ids)}")
    out += ["", f"{len(result['disagreements'])} claims where a reviewer differs from the catalog "
            "(at review) or from the other reviewer:"]
    for d in result["disagreements"]:
        now = "" if d["catalog_now"] == d["catalog_at_review"] else f" -> now {d['catalog_now']}"
        out += [f"- {d['id']}: catalog {d['catalog_at_review']}{now}; A {d['a']}; B {d['b']}",
                f"    A: {d['a_reason']}", f"    B: {d['b_reason']}"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", type=Path, default=REVIEW / "reviewer-a.json")
    parser.add_argument("--b", type=Path, default=REVIEW / "reviewer-b.json")
    parser.add_argument("--at-review", type=Path, default=REVIEW / "catalog-at-review.json",
                        help="id -> verdict of the catalog when the reviewers got their packet")
    parser.add_argument("--catalog", type=Path, default=ROOT / "claims")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    before = {k: normalise(v) for k, v in json.loads(args.at_review.read_text(encoding="utf-8")).items()}
    result = report(before, current_verdicts(args.catalog), read_reviewer(args.a), read_reviewer(args.b))
    sys.stdout.write(json.dumps(result, indent=2) + "\n" if args.format == "json" else render_text(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
