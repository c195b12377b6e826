"""When each page last changed, for the sitemap's lastmod: dated by the catalog's history,
not by the build (a build date would tell every crawler that every page changed today).

A claim page changed when its claim last did (any recorded change, its publication
included); an article's or topic's page when the last of its claims did; the generated
lists when any claim did. Every other page, and every claim the history does not reach,
takes the date of the last commit.
"""

from __future__ import annotations

from ..history import History
from ..model import Catalog
from .pages import claim_page, source_page, topic_page

LISTS = ("index.md", "claims/index.md", "sources/index.md", "topics/index.md", "conflicts.md",
         "gaps.md", "matrix.md", "references.md", "changes.md", "glossary.md")


def page_dates(catalog: Catalog, history: History, fallback: str) -> dict[str, str]:
    """YYYY-MM-DD by generated page path (below docs/); ``fallback`` is the last commit's
    date, for what the history does not date."""
    dates: dict[str, str] = {}
    by_source: dict[str, str] = {}
    by_topic: dict[str, str] = {}
    for claim in catalog.claims:
        events = history.of(claim.id)
        day = max((e.commit.date for e in events), default="") or fallback
        dates[claim_page(claim.id)] = day
        by_source[claim.source] = max(by_source.get(claim.source, ""), day)
        for topic in claim.topics:
            by_topic[topic] = max(by_topic.get(topic, ""), day)
    for source in catalog.sources:
        dates[source_page(source.id)] = by_source.get(source.id) or fallback
    for topic in catalog.topics:
        dates[topic_page(topic.id)] = by_topic.get(topic.id) or fallback
    newest = max(dates.values(), default="") or fallback
    for path in LISTS:
        dates[path] = newest
    return dates
