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
    """An event in plain words (the feed's summary): vocabulary.change_words, with verdict
    labels and references by author and year."""
    def plain(kind: str, value) -> str:
        if kind == "verdict":
            return vocabulary.VERDICT_LABELS.get(value, value)
        if kind == "refs":
            return ", ".join(author_year(refs[r]) if r in refs else "a reference since removed"
                             for r in value)
        return value
    return "".join(plain(kind, value) for kind, value in vocabulary.change_words(event))


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
