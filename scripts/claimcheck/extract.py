"""The article in a saved web page: its main text and what the page says about itself.

trafilatura does the extraction (the reference tool for main-text extraction): it drops
navigation, cookie banners, sidebars, footers, forms and scripts, and reads the title,
author, date and site name from the page's metadata (<title>, <meta>, JSON-LD). Only line
endings are normalised afterwards; the words stay as the page has them.
"""

from __future__ import annotations

import re
import unicodedata
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
    """The main text and metadata of a saved page, from one parse. Raises ExtractionError
    when there is no article text to keep."""
    import trafilatura  # slow to import: only `source add` needs it
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    # One parse gives both: the same options as extract(output_format="txt") for the text,
    # and the metadata extract_metadata(extensive=False) gave (so its date search is not
    # the extensive one bare_extraction would otherwise use).
    tree = load_html(html)
    if tree is not None:
        _drop_unseen(tree)
    doc = trafilatura.bare_extraction(html if tree is None else tree, url=url or None,
                                      output_format="python",
                                      with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False,
                                      include_links=False, favor_precision=True,
                                      deduplicate=False,
                                      date_extraction_params=set_date_params(False))
    # What extract() adds to the bare document's text: the white space at either end cut
    # (it joins the empty comments block on, then strips) and Unicode normalised to NFC.
    text = unicodedata.normalize("NFC", doc.text.strip()) if doc is not None and doc.text else ""
    words = len(text.split())
    if words < MIN_WORDS:
        raise ExtractionError(f"no article text found in the page ({words} words of main text; "
                              "is it the saved page itself, not a frame or a login screen?)")
    date = _clean(doc.date)
    return Page(
        text=normalise_line_endings(text).strip("\n") + "\n",
        title=_clean(doc.title),
        author=_as_written(html, _clean(doc.author)),
        published=date if _DATE.fullmatch(date) else "",
        sitename=_clean(doc.sitename),
        url=url or _clean(doc.url),
    )


_INVISIBLE = re.compile(r"(?:^|;)\s*(?:font-size\s*:\s*0(?![.\d]*[1-9])|opacity\s*:\s*0(?![.\d]*[1-9])"
                        r"|(?:left|top|text-indent)\s*:\s*-\d{4,})", re.I)


def _drop_unseen(tree) -> None:
    """Remove what a reader of the page never sees and trafilatura would keep: elements
    marked ``hidden``, ``<template>`` content, and text an inline style makes invisible
    (zero size or opacity, moved far off screen): a page could plant words there. Styles
    from a stylesheet would need a browser to apply; they are not judged here."""
    for element in tree.xpath("//template | //*[@hidden] | //*[@style]"):
        if element.tag != "template" and element.get("hidden") is None \
                and not _INVISIBLE.search(element.get("style", "")):
            continue
        parent = element.getparent()
        if parent is not None:
            element.drop_tree()


def _clean(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


# Where a page names its author, most explicit first: <meta> tags, then JSON-LD, then a
# byline element.
_AUTHOR_META = ("//meta[@name='author' or @name='article:author' or @name='dc.creator' or "
                "@property='author' or @property='article:author' or @property='og:author']/@content")
_AUTHOR_ELEMENTS = ("//*[@rel='author' or @itemprop='author' or contains(concat(' ', "
                    "normalize-space(@class), ' '), ' author ')]")


def _as_written(html: str | bytes, normalised: str) -> str:
    """The author as the page writes it. trafilatura normalises names for search ("Dr.
    Melissa Kerrigan, MD" becomes "Dr Melissa Kerrigan; MD"); a record that readers cite
    keeps the page's punctuation. The page's own wording is taken only when trafilatura
    reads it as the same name, so nothing but the punctuation can change."""
    if not normalised:
        return ""
    import json

    from lxml import html as lxml_html
    from trafilatura.json_metadata import normalize_authors

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, SyntaxError):  # lxml's parser errors derive from these
        return normalised
    candidates = [str(v) for v in tree.xpath(_AUTHOR_META)]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            candidates += _ld_authors(json.loads(script))
        except (ValueError, RecursionError):
            continue
    for element in tree.xpath(_AUTHOR_ELEMENTS):
        candidates.append(re.sub(r"^\s*by\s+", "", element.text_content(), flags=re.I))
    for candidate in candidates:
        written = _clean(candidate)
        if written and normalize_authors(None, written) == normalised:
            return written
    return normalised


def _ld_authors(data, depth: int = 0) -> list[str]:
    """The author names a JSON-LD block gives, at any depth (bounded)."""
    if depth > 8:
        return []
    if isinstance(data, list):
        return [n for item in data for n in _ld_authors(item, depth + 1)]
    if not isinstance(data, dict):
        return []
    found = []
    author = data.get("author")
    for item in author if isinstance(author, list) else [author]:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            found.append(item["name"])
    for key in ("@graph", "mainEntity", "mainEntityOfPage"):
        found += _ld_authors(data.get(key), depth + 1)
    return found
