"""Render generated Markdown pages quickly: with their raw HTML blocks set aside.

Generated pages are mostly raw HTML blocks between Markdown headings and sentences.
Python-Markdown passes such blocks through unchanged, but first parses every one of them
with Python's HTMLParser twice (md_in_html, and mkdocs' anchor finder): at 10,000 claims
that was most of the build. Here each block that Markdown would pass through whole (it
opens with a block-level tag, closes it at its end, stands between blank lines and asks for
no Markdown inside) is swapped for a placeholder paragraph before mkdocs' own rendering and
put back after it, so headings, text, links, admonitions, the table of contents and link
validation still come from mkdocs and Markdown themselves. A page whose placeholders do not
come back exactly as written falls back to mkdocs' ordinary rendering.
"""

from __future__ import annotations

import re
import secrets

from mkdocs.structure.pages import Page

from ..pages import own_ids

_BLOCK_TAGS = ("p", "ul", "ol", "dl", "blockquote", "div", "table", "pre", "script",
               "figure", "section", "nav", "details", "form", "svg")
_OPEN = re.compile(r"<(%s)[\s>]" % "|".join(_BLOCK_TAGS))
_NONCE = secrets.token_hex(8)
_PLACED = re.compile(rf"<p>(ccraw{_NONCE}n\d+)</p>")


def _is_raw_block(chunk: str) -> bool:
    """True when Markdown would emit ``chunk`` (text between blank lines) unchanged."""
    match = _OPEN.match(chunk)
    if not match or "markdown=" in chunk:
        return False
    tag = match.group(1)
    if not chunk.rstrip().endswith(f"</{tag}>"):
        return False
    # The first element must close at the very end: as many opening as closing tags.
    return len(re.findall(rf"<{tag}[\s>]", chunk)) == chunk.count(f"</{tag}>")


def set_aside(markdown: str) -> tuple[str, dict[str, str]]:
    """The Markdown with each raw HTML block replaced by a placeholder, and the blocks."""
    blocks: dict[str, str] = {}
    out = []
    for chunk in re.split(r"\n[ \t]*\n", markdown):
        if _is_raw_block(chunk):
            key = f"ccraw{_NONCE}n{len(blocks)}"
            blocks[key] = chunk.strip("\n")
            out.append(key)
        else:
            out.append(chunk)
    return "\n\n".join(out), blocks


def render(page: Page, config, files) -> None:
    """Page.render for a generated page: mkdocs' rendering of everything but raw blocks."""
    original = page.markdown
    reduced, blocks = set_aside(original or "")
    if blocks:
        page.markdown = reduced
        try:
            Page.render(page, config, files)
        finally:
            page.markdown = original
        # every placeholder back at once: one by one, each replace copied the whole page,
        # which at 10,000 claims (the References page is 27 MB) took seconds
        pieces = _PLACED.split(page.content or "")
        if sorted(pieces[1::2]) == sorted(blocks):  # each placeholder exactly once
            pieces[1::2] = [blocks[key] + "\n" for key in pieces[1::2]]  # as Markdown spaces them
            page.content = "".join(pieces).strip()  # Markdown strips its output too
            page.present_anchor_ids = set(page.present_anchor_ids or ())
            for block in blocks.values():
                page.present_anchor_ids |= own_ids(block)
            return
    Page.render(page, config, files)
