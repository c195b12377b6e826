"""Generated pages in mkdocs: which are listed in the nav, and those written in HTML
(claim pages) handed to mkdocs as Markdown would hand them: no Markdown is run on them,
in the plain build as in the fast one.

The renderer writes a claim page in HTML with its outline (render/outline.py): its
headings as Markdown's toc tokens and its title as mkdocs takes it. mkdocs gets the
content, the table of contents, the title and every id for its link checks.
"""

from __future__ import annotations

import html
import re

from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.toc import get_toc

_OWN_ID = re.compile(r'id="([^"]*)"')  # a literal start: searched five times faster than \sid=


def render_html(page, content: str, toc_tokens: list, heading: str) -> None:
    """Page.render for a generated page written in HTML."""
    page.content = content.strip()
    page.toc = get_toc(toc_tokens)
    page._title_from_render = heading or None
    page.present_anchor_ids = own_ids(page.content)
    page.links_to_anchors = {}


def own_ids(block: str) -> set[str]:
    """The ids in HTML the project wrote: every attribute double-quoted and escaped
    (render/escape.py), and no <a name>, so a plain search finds what a general search as
    mkdocs' anchor finder reads them finds (tests/test_fast_claims.py compares the two on
    every generated page of the hostile catalog); at 10,000 claims the general search was
    seconds of the build."""
    return {html.unescape(m.group(1)) for m in _OWN_ID.finditer(block)
            if m.start() and block[m.start() - 1].isspace()}  # an attribute, not data-id=""


def inclusion(path: str) -> InclusionLevel:
    """One page per claim, source or topic is reached from its index page, never the nav;
    saying so keeps mkdocs from listing every one of them as left out of it."""
    per_item = "/" in path and not path.endswith("/index.md")
    return InclusionLevel.NOT_IN_NAV if per_item else InclusionLevel.UNDEFINED
