"""claimcheck stats: how many claims per source, topic, verdict and flag.

Counts come from export_data, so they agree with the site and the published export.
Every verdict and flag is listed, zero counts included, so two runs compare line by line.
"""

from __future__ import annotations

import json
import sys

from ..export import export_data
from ..model import FLAGS, VERDICTS
from .common import add_catalog_argument, load


def add_arguments(parser):
    add_catalog_argument(parser)
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def _tally(keys, values) -> dict[str, int]:
    counts = {k: 0 for k in keys}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def stats(catalog) -> dict:
    data = export_data(catalog)
    claims = data["claims"]
    return {
        "claims": len(claims),
        "by_source": _tally([s["id"] for s in data["sources"]], [c["source"] for c in claims]),
        "by_topic": _tally([t["id"] for t in data["topics"]], [t for c in claims for t in c["topics"]]),
        "by_verdict": _tally(VERDICTS, [c["verdict"] for c in claims]),
        "by_flag": _tally(FLAGS, [f for c in claims for f in c["flags"]]),
        "conflicts": len({tuple(sorted((c["id"], x["claim"]))) for c in claims for x in c["conflicts"]}),
        "references": len(data["references"]),
    }


_TITLES = {"by_source": "source", "by_topic": "topic", "by_verdict": "verdict", "by_flag": "flag"}


def _headline(s: dict) -> str:
    return ", ".join(f"{s[k]} {k[:-1] if s[k] == 1 else k}" for k in ("claims", "conflicts", "references"))


def render_text(s: dict) -> str:
    out = [_headline(s)]
    for key, title in _TITLES.items():
        width = max((len(k) for k in s[key]), default=0)
        out += ["", f"by {title}:"] + [f"  {k:<{width}}  {n:>4}" for k, n in s[key].items()]
    return "\n".join(out) + "\n"


def render_markdown(s: dict) -> str:
    out = [f"**{_headline(s)}**"]
    for key, title in _TITLES.items():
        out += ["", f"| {title} | claims |", "|---|---:|"] + [f"| {k} | {n} |" for k, n in s[key].items()]
    return "\n".join(out) + "\n"


def run(args) -> int:
    catalog, problems = load(args.catalog)
    result = stats(catalog)
    if args.format == "json":
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        sys.stdout.write((render_markdown if args.format == "markdown" else render_text)(result))
    if problems:
        sys.stderr.write(f"claimcheck stats: note: the catalog has {len(problems)} problem"
                         f"{'s' if len(problems) != 1 else ''}; "
                         "counts may be off until 'claimcheck check' passes\n")
    return 0
