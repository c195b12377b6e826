"""Headings for a page written in HTML, made as Markdown's toc extension makes them.

Claim pages are rendered straight to HTML (there are thousands, and Markdown was a third of
the build). mkdocs still needs what Markdown would have given it: each heading's id and
permalink, the table of contents, and the page's title. An Outline writes each heading
with the id the toc extension would give it (its slugify and unique, as this site's
``toc: permalink: true`` configures them; tests/test_fast_claims.py holds the two to the
same output) and keeps the tokens mkdocs turns into the page's table of contents.
"""

from __future__ import annotations

import functools
import html

from markdown.extensions.toc import slugify, strip_tags, unique
from markupsafe import Markup

@functools.lru_cache(maxsize=256)  # most headings are the same on every page
def _name_and_slug(text: str) -> tuple[str, str]:
    """A heading's name in the table of contents and its id before de-duplication."""
    name = strip_tags(text)
    return name, slugify(html.unescape(name), "-")


PERMALINK = '<a class="headerlink" href="#{0}" title="Permanent link">&para;</a>'


class Outline:
    """The headings of one page, in order; ``tokens`` is the nested table of contents."""

    def __init__(self) -> None:
        self.flat: list[dict] = []
        self._ids: set[str] = set()
        self._counters: dict[str, int] = {}

    def h(self, level: int, text: Markup) -> Markup:
        """An <hN> holding ``text`` (escaped HTML), with its id and permalink."""
        name, slug = _name_and_slug(str(text))
        anchor = unique(slug, self._ids, self._counters)  # the id is [\w-]: safe as it is
        self.flat.append({"level": level, "id": anchor, "name": name, "children": []})
        return Markup(f'<h{level} id="{anchor}">{text}{PERMALINK.format(anchor)}</h{level}>')

    @property
    def tokens(self) -> list[dict]:
        """The headings nested by level, as Markdown's ``toc_tokens``."""
        root: list[dict] = []
        stack: list[dict] = []
        for token in self.flat:
            token = {**token, "children": []}
            while stack and stack[-1]["level"] >= token["level"]:
                stack.pop()
            (stack[-1]["children"] if stack else root).append(token)
            stack.append(token)
        return root

    @property
    def title(self) -> str:
        """The page's title as mkdocs takes it from a leading <h1>: its HTML without tags,
        entities kept ('' for none)."""
        return self.flat[0]["name"] if self.flat and self.flat[0]["level"] == 1 else ""
