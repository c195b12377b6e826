"""claimcheck suggest: the sentences of a source that most look like checkable claims,
each with the most similar claims already checked in other articles."""

from __future__ import annotations

import builtins
import json
import textwrap

from ..suggest import as_json, suggest
from ..problems import display_path
from ..report import for_terminal
from .common import UsageError, add_catalog_argument, find_source, load


def add_arguments(parser):
    parser.add_argument("source", metavar="ID", help="source id (its folder name)")
    parser.add_argument("--all", action="store_true",
                        help="include sentences that are already quoted by a claim")
    parser.add_argument("--limit", type=int, default=10, metavar="N",
                        help="how many suggestions to show (default 10; 0 for all)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_catalog_argument(parser)



def print(*lines) -> None:  # noqa: A001 - every line of this command, escaped for the terminal
    builtins.print(*(for_terminal(str(line)) for line in lines))


def run(args) -> int:
    if args.limit < 0:
        raise UsageError("--limit must be 0 (all) or more")
    catalog, _ = load(args.catalog)  # suggestions help fill a catalog that is not yet clean
    source = find_source(catalog, args.source)
    found = suggest(catalog, source, include_quoted=args.all)
    if args.limit:
        found = found[:args.limit]
    if args.format == "json":
        print(json.dumps(as_json(found), ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(f"No sentences left to suggest in '{args.source}' (every one is quoted; try --all).")
        return 0
    archive = display_path(source.archive_path)
    for s in found:
        mark = " (already quoted)" if s.quoted else ""
        print(f"{s.number}. {archive}:{s.line}:{s.column} score {s.score:.2f}{mark}")
        print(textwrap.indent(textwrap.fill(s.quote, 88), "   "))
        for claim, score in s.similar:
            print(f"     similar {score:.2f}  {claim.id} ({claim.verdict or 'no verdict'})")
    print(f"\nAdd one with: claimcheck new --source {args.source} --suggestion NUMBER")
    return 0
