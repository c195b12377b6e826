"""The article in a saved web page: its main text and what the page says about itself.

trafilatura does the extraction (the reference tool for main-text extraction): it drops
navigation, cookie banners, sidebars, footers, forms and scripts, and reads the title,
author, date and site name from the page's metadata (<title>, <meta>, JSON-LD). Only line
endings are normalised afterwards; the words stay as the page has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_WORDS = 25  # fewer is a menu or an error page, not an article
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ExtractionError(Exception):
    """The page holds no article text that could be found."""


@dataclass
class Page:
    text: str
    title: str = ""
    author: str = ""
    published: str = ""  # YYYY-MM-DD, only when the page states it
    sitename: str = ""
    url: str = ""


def normalise_line_endings(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def extract(html: str | bytes, url: str = "") -> Page:
    """The main text and metadata of a saved page. Raises ExtractionError when there is no
    article text to keep."""
    import trafilatura  # slow to import: only `source add` needs it

    text = trafilatura.extract(html, url=url or None, output_format="txt",
                               include_comments=False, include_tables=True,
                               include_images=False, include_links=False,
                               favor_precision=True, deduplicate=False)
    words = len(text.split()) if text else 0
    if words < MIN_WORDS:
        raise ExtractionError(f"no article text found in the page ({words} words of main text; "
                              "is it the saved page itself, not a frame or a login screen?)")
    meta = trafilatura.extract_metadata(html, default_url=url or None, extensive=False)
    date = _clean(getattr(meta, "date", None))
    return Page(
        text=normalise_line_endings(text).strip("\n") + "\n",
        title=_clean(getattr(meta, "title", None)),
        author=_clean(getattr(meta, "author", None)),
        published=date if _DATE.match(date) else "",
        sitename=_clean(getattr(meta, "sitename", None)),
        url=url or _clean(getattr(meta, "url", None)),
    )


def _clean(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
