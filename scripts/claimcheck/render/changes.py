"""The history pieces of the site: the Changes page and the Atom feed, from one History.

The claim page's own history block is the template ``_history.j2``, included from
``claim.md.j2``; this module only adds the site-wide files.
"""

from __future__ import annotations

import datetime

from .feed import FEED_PATH, build_feed
from ..history import History
from . import vocabulary
from .refcite import author_year
from .titles import source_name

LATEST = 100  # events listed on the Changes page besides every correction
OPEN = 10     # of those, shown open; the rest folded by month, so a phone's page stays short
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


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


def correction_for(claim, event):
    """The catalog's recorded reason for a verdict change the history shows: the claim's
    `corrections` entry from and to the same verdicts, the one dated nearest the commit (a
    change made on a branch is dated at its commit in the catalog, and may reach the history
    at a later merge). None for other events, or when no entry records the change."""
    if claim is None or event.kind != "verdict":
        return None
    matches = [c for c in claim.corrections if (c.old, c.new) == (event.old, event.new)]
    return min(matches, key=lambda c: abs(_day(c.date) - _day(event.commit.date)), default=None)


def unmatched_corrections(claim, events) -> list:
    """The claim's corrections no event of its history shows (a build without git history, or
    a shallow one), so the claim page still lists every recorded correction and its reason."""
    shown = {id(c) for e in events if (c := correction_for(claim, e)) is not None}
    return [c for c in claim.corrections if id(c) not in shown]


def _day(date: str) -> int:
    try:
        return datetime.date.fromisoformat(date).toordinal()
    except ValueError:
        return 0


def reason_text(claim, event) -> str:
    """The reason in plain words, for the feed: '' when there is none to give."""
    found = correction_for(claim, event)
    return " ".join(found.reason.split()) if found else ""


def history_context(history: History) -> dict:
    """What changes.md.j2 needs besides the common template values: every correction, the
    newest changes, and the older listed ones grouped by month (folded on the page)."""
    every = history.recent()
    corrections = [e for e in every if e.is_correction]
    return {"history_corrections": corrections, "history_latest": every[:OPEN],
            "history_months": by_month(every[OPEN:LATEST]),
            "history_more": max(0, len(every) - LATEST)}


def by_month(events) -> list[tuple[str, list]]:
    """(month in words, its events) in the events' order: newest month first."""
    months: dict[str, list] = {}
    for e in events:
        months.setdefault(month_name(e.commit.date), []).append(e)
    return list(months.items())


def month_name(date: str) -> str:
    """'December 2026' for '2026-12-04', in English whatever the build's locale."""
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        return "Undated"
    return f"{MONTHS[day.month - 1]} {day.year}"


def feed_file(history: History, facts, site, claim_url, changes_url: str) -> tuple[str, str]:
    """(path, Atom XML) of the feed."""
    xml = build_feed(history, facts.claims, site.name, site.url, claim_url, changes_url,
                     lambda claim: source_name(facts.sources[claim.source]),
                     lambda event: _described(event, facts))
    return FEED_PATH, xml


def _described(event, facts) -> str:
    """A feed entry's change in words; a verdict change with the reason the catalog records."""
    words = change_text(event, facts.refs)
    if event.kind != "verdict":
        return words
    reason = reason_text(facts.claims.get(event.claim), event)
    words = words.rstrip(".")
    return f"{words}. Why: {reason}" if reason else f"{words}. No reason was recorded."
