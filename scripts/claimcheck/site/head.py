"""Each page's title and description, set by the project as plain text and escaped once.

mkdocs takes a page's title from the text of its first heading, unescaping it, and
Material prints it raw in the header, the navigation and the footer, and through
``striptags`` (which unescapes entities again) in <title>. A catalog statement such as
``</title><script>...`` would run on the reader's page. So after each page is rendered the
plugin replaces the title with an escaped copy (every Material template then prints safe
text), hands the plain values to the theme override (theme/main.html), which escapes them
for <title> and the description and link-preview meta tags, and writes the same safe title
into the page's search index entry, which search results render as HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..render.titles import shorten

PREVIEW_TITLE_LIMIT = 65  # characters


@dataclass(frozen=True)
class Head:
    """What a page's <head> says about it, as plain (unescaped) text."""

    title: str          # the whole <title>: page title - site name
    page_title: str     # the page's own title
    description: str
    url: str = ""
    image: str = ""     # absolute address of the page's share card (render/cards.py), or ''
    # og:title and twitter:title: the page's own title, short enough for a link preview to
    # show it whole (previews cut at 60-70 characters)
    preview_title: str = ""


def plain_text(value: object) -> str:
    """A title or description as one line of plain text ('' for nothing)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def page_head(page, site_name: str, site_description: str, title: str = "",
              description: str = "", image: str = "") -> Head:
    """The head of ``page``: the generated page's own title and description when it has
    them, else the page's front matter or first heading, else the site's."""
    page_title = (plain_text(title) or plain_text(page.meta.get("title"))
                  # mkdocs' own title is the heading's HTML with tags stripped, entities kept
                  or plain_text(html.unescape(str(page.title or ""))))
    description = (plain_text(description) or plain_text(page.meta.get("description"))
                   or plain_text(site_description))
    whole = site_name if page.is_homepage or not page_title else f"{page_title} - {site_name}"
    own = page_title or site_name
    return Head(whole, own, description, page.canonical_url or "", image,
                shorten(own, PREVIEW_TITLE_LIMIT))


def apply(page, head: Head) -> None:
    """Make every title and description Material prints from page.meta escaped HTML."""
    page.meta["title"] = Markup(escape(head.page_title))
    if head.description:
        page.meta["description"] = Markup(escape(head.description))


def retitle_search_entry(search_plugin, page, head: Head) -> None:
    """Give the page's own search entry (not its sections) the same escaped title."""
    index = getattr(search_plugin, "search_index", None)
    for entry in getattr(index, "entries", []):
        if entry.get("location") == page.url:
            entry["title"] = str(escape(head.page_title))
