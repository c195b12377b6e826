"""The history pieces of the site: the Changes page and the Atom feed, from one History.

The claim page's own history block is the template ``_history.j2``, included from
``claim.md.j2``; this module only adds the site-wide files.
"""

from __future__ import annotations

import re

from .feed import FEED_PATH, build_feed
from ..history import History
from . import vocabulary

LATEST = 100  # events listed on the Changes page besides every correction

_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def ref_short(ref) -> str:
    """'Yang Y, Cui Y, et al. ... 2018;...' -> 'Yang et al., 2018': how readers cite."""
    first = ref.citation.split(",")[0].split(".")[0].strip()
    surname = first.rsplit(" ", 1)[0] if " " in first and first.rsplit(" ", 1)[1].isupper() else first
    year = _YEAR.search(ref.citation)
    many = ref.citation.count(",") > 1 or "et al" in ref.citation
    name = f"{surname} et al." if many and surname else surname or ref.id
    return f"{name}, {year.group(0)}" if year else name


def change_text(event, refs: dict) -> str:
    """An event in plain words, references by author and year (the feed's summary)."""
    label = vocabulary.VERDICT_LABELS.get

    def names(ids):
        return ", ".join(ref_short(refs[r]) if r in refs else "a reference since removed"
                         for r in ids)
    if event.kind == "added":
        return f"published with the verdict {label(event.new, event.new)}."
    if event.kind == "verdict":
        return f"verdict changed from {label(event.old, event.old)} to {label(event.new, event.new)}."
    if event.kind == "withdrawn":
        return f"claim withdrawn (its verdict was {label(event.old, event.old)})."
    if event.kind == "rationale":
        return "the reasons for the verdict were reworded."
    parts = ([f"added: {names(event.refs_added)}"] if event.refs_added else []) + \
            ([f"removed: {names(event.refs_removed)}"] if event.refs_removed else []) + \
            ([f"re-judged: {names(event.refs_changed)}"] if event.refs_changed else [])
    return "evidence " + "; ".join(parts) + "."


def history_context(history: History) -> dict:
    """What changes.md.j2 needs besides the common template values."""
    every = history.recent()
    corrections = [e for e in every if e.is_correction]
    return {"history_corrections": corrections, "history_latest": every[:LATEST],
            "history_more": max(0, len(every) - LATEST)}


def feed_file(history: History, facts, site, claim_url) -> tuple[str, str]:
    """(path, Atom XML) of the feed."""
    from .pages import source_name  # pages imports this module: import here, not above

    xml = build_feed(history, facts.claims, site.name, site.url, claim_url,
                     lambda claim: source_name(facts.sources[claim.source]),
                     lambda event: change_text(event, facts.refs))
    return FEED_PATH, xml
