"""The Atom feed of corrections and additions, so readers can follow verdict changes.

Built with ElementTree, which escapes every catalog string for XML; entries are the
newest history events, each linking to its claim page by absolute address.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape
from urllib.parse import urljoin

from ..history import History
from . import vocabulary

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
ENTRIES = 50
# Characters XML 1.0 forbids (ElementTree writes them as they are, and the feed would not
# parse): a commit subject can hold them even though catalog text cannot.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _when(event) -> str:
    """The time of the commit that made the change (its date at midnight if unknown)."""
    return event.commit.time or f"{event.commit.date or '1970-01-01'}T00:00:00Z"


def entry_title(event, claim, source_name: str) -> str:
    """The verdict first, then the clinic's claim, then whose claim it is."""
    label = vocabulary.VERDICT_LABELS.get
    if event.kind == "verdict":
        what = f"Corrected to {label(event.new, event.new)} (was {label(event.old, event.old)})"
    elif event.kind == "added":
        what = f"{label(event.new, event.new)} (newly checked)"
    elif event.kind == "withdrawn":
        what = f"Withdrawn (was {label(event.old, event.old)})"
    else:
        what = f"{label(claim.verdict, claim.verdict)} (reasons updated)" if claim else "Updated"
    statement = " ".join(claim.statement.split()) if claim else event.claim
    return f"{what}: {statement}" + (f" ({source_name})" if source_name else "")


def build_feed(history: History, claims: dict, site_name: str, site_url: str,
               claim_url, changes_url: str, source_name, describe) -> str:
    """Atom XML. ``claim_url(id)`` and ``changes_url`` give pages' paths below the site
    (directory or flat URLs, as the site is built), ``source_name(claim)``
    the article's name, ``describe(event)`` the change in words; withdrawn claims link to
    the Changes page."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    events = history.recent(ENTRIES)
    home = site_url or "/"

    def sub(parent, tag, text=None, **attrs):
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = _XML_ILLEGAL.sub("\ufffd", text)
        return node

    sub(feed, "title", f"{site_name}: corrections and new claims")
    sub(feed, "id", urljoin(home, FEED_PATH))
    sub(feed, "link", rel="self", href=urljoin(home, FEED_PATH))
    sub(feed, "link", rel="alternate", href=urljoin(home, changes_url))
    sub(feed, "updated", max(_when(e) for e in events) if events else "1970-01-01T00:00:00Z")
    sub(sub(feed, "author"), "name", site_name)
    for event in events:
        claim = claims.get(event.claim)
        page = urljoin(home, claim_url(event.claim)) if claim else urljoin(home, changes_url)
        entry = sub(feed, "entry")
        sub(entry, "title", entry_title(event, claim, source_name(claim) if claim else ""))
        sub(entry, "id", f"{page}#{event.commit.sha[:12]}-{event.kind}")
        sub(entry, "link", rel="alternate", href=page)
        sub(entry, "updated", _when(event))  # when this claim changed, not the build
        summary = f"{event.label} on {event.commit.date}: {describe(event)} ({event.commit.subject})"
        sub(entry, "summary", summary)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def head_link(base_url: str, site_name: str) -> str:
    """The <link> every page's <head> carries; base_url is mkdocs' relative root.

    rel is "alternate feed", not "alternate" alone: Material's script takes every
    ``link[rel=alternate]`` for a translation of the site and downloads the sitemap next
    to it on every page. That selector matches the exact value only, while feed readers
    read rel as a list of words that must include "alternate" (Atom autodiscovery,
    draft-ietf-atompub-autodiscovery-01, section 4.1), so the feed stays discoverable."""
    href = escape(f"{base_url.rstrip('/')}/{FEED_PATH}" if base_url else FEED_PATH, quote=True)
    title = escape(f"{site_name}: corrections and new claims", quote=True)
    return f'<link rel="alternate feed" type="application/atom+xml" title="{title}" href="{href}">'
