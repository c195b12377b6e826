"""The history pieces of the site: the Changes page and the Atom feed, from one History.

The claim page's own history block is the template ``_history.j2``, included from
``claim.md.j2``; this module only adds the site-wide files.
"""

from __future__ import annotations

from .feed import FEED_PATH, build_feed
from ..history import History
from . import vocabulary
from .refcite import author_year
from .titles import source_name

LATEST = 100  # events listed on the Changes page besides every correction


def change_text(event, refs: dict) -> str:
    """An event in plain words, references by author and year (the feed's summary)."""
    label = vocabulary.VERDICT_LABELS.get

    def names(ids):
        return ", ".join(author_year(refs[r]) if r in refs else "a reference since removed"
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


def feed_file(history: History, facts, site, claim_url, changes_url: str) -> tuple[str, str]:
    """(path, Atom XML) of the feed."""
    xml = build_feed(history, facts.claims, site.name, site.url, claim_url, changes_url,
                     lambda claim: source_name(facts.sources[claim.source]),
                     lambda event: change_text(event, facts.refs))
    return FEED_PATH, xml
