"""How an article is named: one rule for the pages, their titles, the feed and the export.

Readers meet an article in many places (its page, a claim's heading, a table, a feed entry,
the JSON and CSV data); naming it sometimes by publisher and sometimes by title made two
articles of one clinic, or a clinic and a title, hard to tell apart.
"""

from __future__ import annotations

from .model import Source


def article_name(source: Source) -> str:
    """The one name of an article, wherever the site, the export or the feed names it: its
    publisher and its title, as «VIP Ketamine Clinics, “How ketamine affects the brain”»; its
    title alone in quotation marks when no publisher is known (a bare title such as "How
    does Ketamine work in Human Brain?" would read as our own words). Never a placeholder:
    a publisher the article does not name is simply absent. See docs/catalog-format.md,
    "How articles are named"."""
    title = " ".join(source.title.split())
    quoted = f"“{title}”" if title else ""
    publisher = " ".join(source.publisher.split())
    return ", ".join(part for part in (publisher, quoted) if part)


def short_article_name(source: Source) -> str:
    """The article's name where a phone's conflict map has room for a few words only: its
    publisher without the words in brackets, else its title in quotation marks, cut after
    a few words. The full name (article_name) is on the claim page each box opens."""
    publisher = " ".join(source.publisher.split("(")[0].split())
    if publisher:
        return publisher
    words = source.title.split()
    title = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
    return f"“{title}”" if title else ""
