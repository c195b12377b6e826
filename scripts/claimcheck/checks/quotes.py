"""Every quote stands verbatim in its source's archived text.

Only white space and typographic quotes are forgiven. When a quote is missing, the
closest passage is shown so the contributor can copy the real words.
"""

from __future__ import annotations

import time

from ..limits import QUOTE_SEARCH_SECONDS, QUOTE_SEARCH_TOTAL_SECONDS
from ..problems import Problem, display_path

ID = "quote"
DESCRIPTION = ("Each quote appears verbatim in the archived text of its source, and no two "
               "claims of a source quote the same passage.")


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check(catalog):
    yield from _verbatim(catalog)
    yield from _repeated(catalog)


def _repeated(catalog):
    """One passage is one claim: two claims quoting the same words of one article are the
    same claim catalogued twice (white space aside)."""
    first: dict = {}
    for claim in catalog.claims:
        if not claim.quote:
            continue
        key = (claim.source, " ".join(claim.quote.split()))
        if key not in first:
            first[key] = claim
            continue
        yield Problem(claim.where("quote"),
                      f"quote is the same passage as claim '{first[key].id}' ({first[key].loc}); "
                      "a passage is catalogued once: merge the two claims, or quote only the "
                      "words each one rests on", ID)


def _verbatim(catalog):
    sources = catalog.by_id("sources")
    spent = 0.0  # seconds of closest-passage search so far: bounded however many quotes miss
    for claim in catalog.claims:
        source = sources.get(claim.source)
        archive = catalog.archive(source) if source else None
        if not claim.quote or archive is None:
            continue  # the schema and archive checks report these
        if archive.contains(claim.quote):
            continue
        message = (f"quote not found in {display_path(source.archive_path)}; quotes must be "
                   "verbatim (only spaces and curly quotes may differ)")
        left = QUOTE_SEARCH_TOTAL_SECONDS - spent
        if left <= 0:
            yield Problem(claim.where("quote"), message + "; closest passage not searched: this "
                          f"run spent its {QUOTE_SEARCH_TOTAL_SECONDS:.0f} s budget for such "
                          "searches", ID)
            continue
        started = time.monotonic()
        closest = archive.closest(claim.quote, budget=min(QUOTE_SEARCH_SECONDS, left))
        spent += time.monotonic() - started
        if closest:
            span, ratio = closest
            line, col = archive.line_col(span.start)
            message += (f"; closest passage (line {line}, col {col}, {ratio:.0%} alike): "
                        f"\"{_clip(archive.text[span.start:span.end])}\"")
        yield Problem(claim.where("quote"), message, ID)
