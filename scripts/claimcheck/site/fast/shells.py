"""Claim pages written into one rendering of Material's page instead of one rendering each.

Material's page template (navigation, header, footer, scripts) cost about 5 ms a page, a
minute at 10,000 claims, and every claim page gets the same from it: claim pages share
their depth, the nav (they are not in it), assets and footer. What differs is a handful of
values: the content, the title and description (escaped by site/head.py), the canonical
address, the first heading's id, and the table of contents, which is the same for claim
pages with the same sections.

So for each kind of claim page (its depth and its table of contents below the title),
Material renders once a copy of the page whose own values are unique marker strings; the
output cut at the markers is the shell. A page is then the shell with its values put where
the markers were, each escaped as Material escaped its marker. Nothing is assumed about
Material's templates: the first pages of each kind are also rendered by Material and must
equal their filled shell byte for byte, or that kind goes through Material for the rest
of the build. tests/test_fastpage.py builds whole sites both ways and compares them.
"""

from __future__ import annotations

import copy
import re
import secrets
from dataclasses import replace

from markupsafe import Markup, escape
from mkdocs.structure.toc import TableOfContents

_NONCE = secrets.token_hex(8)
# Characters every escaping changes, and "<h1" (Material checks the content for one).
_TAIL = "<h1&\"'>"
SLOTS = ("content", "title", "meta_title", "meta_description", "canonical", "h1_id",
         "h1_title", "head_title", "head_page_title", "head_description", "head_url",
         "head_preview_title", "head_image")
CHECKS = 2  # pages of a kind rendered by Material, and matched, before its shell is used


def marker(slot: str) -> str:
    return f"ccshell{_NONCE}{slot}{_TAIL}"


def values(page, context) -> dict[str, str] | None:
    """The page's own values, by slot ('' for none); None when the page is not a kind
    this handles (then Material renders it)."""
    head = context.get("claimcheck_head")
    first = next(iter(page.toc), None) if page.toc is not None else None
    if head is None or first is None or first.level != 1:
        return None
    found = {"content": page.content, "title": page.title,
             "meta_title": page.meta.get("title"),
             "meta_description": page.meta.get("description"),
             "canonical": page.canonical_url, "h1_id": first.id, "h1_title": first.title,
             "head_title": head.title, "head_page_title": head.page_title,
             "head_description": head.description, "head_url": head.url,
             "head_preview_title": head.preview_title, "head_image": head.image}
    found = {slot: "" if value is None else value for slot, value in found.items()}
    return found if all(isinstance(v, str) for v in found.values()) else None


def kind(page, found: dict[str, str]) -> tuple:
    """Pages of one kind share a shell: same depth, same sections, same front matter keys,
    the same values empty (Material leaves out, say, the canonical link without an
    address)."""
    def entries(links):
        return tuple((a.level, a.id, a.title, entries(a.children)) for a in links)
    first, *rest = list(page.toc)
    return (page.url.count("/"), entries(first.children), entries(rest),
            tuple(sorted(page.meta)), tuple(slot for slot in SLOTS if not found[slot]))


def probe(page, context, found: dict[str, str]) -> dict:
    """The page's context with every one of its own values replaced by its marker (an
    empty value stays empty)."""
    def mark(slot: str) -> str:
        return marker(slot) if found[slot] else found[slot]
    page_copy = copy.copy(page)
    page_copy.content = mark("content")
    page_copy.title = mark("title")
    page_copy.meta = {**page.meta}
    for key in ("title", "description"):
        if key in page.meta:
            page_copy.meta[key] = Markup(mark(f"meta_{key}"))
    page_copy.canonical_url = mark("canonical") or page.canonical_url
    first, *rest = list(page.toc)
    first = copy.copy(first)
    first.id, first.title = mark("h1_id"), mark("h1_title")
    page_copy.toc = TableOfContents([first, *rest])
    head = replace(context["claimcheck_head"], title=mark("head_title"),
                   page_title=mark("head_page_title"),
                   description=mark("head_description"), url=mark("head_url"),
                   preview_title=mark("head_preview_title"), image=mark("head_image"))
    return {**context, "page": page_copy, "claimcheck_head": head}


_FORMS = {}  # regex alternative -> (slot, escaped)
for _slot in SLOTS:
    _FORMS[marker(_slot)] = (_slot, False)
    _FORMS[str(escape(marker(_slot)))] = (_slot, True)
_CUT = re.compile("(" + "|".join(map(re.escape, sorted(_FORMS, key=len, reverse=True))) + ")")


def cut(output: str) -> list | None:
    """The probe's output as text and (slot, escaped) places; None if Material changed a
    marker in a way this cannot repeat (cut short, tags stripped...)."""
    parts: list = []
    for i, piece in enumerate(_CUT.split(output)):
        if i % 2:
            parts.append(_FORMS[piece])
        elif f"ccshell{_NONCE}" in piece:
            return None
        elif piece:
            parts.append(piece)
    return parts


def fill(shell: list, found: dict[str, str]) -> str:
    return "".join(p if isinstance(p, str) else
                   (str(escape(found[p[0]])) if p[1] else found[p[0]]) for p in shell)


class Shells:
    """One build's shells, by kind. ``render(page, context)`` is what Material's template
    would give for the page."""

    def __init__(self, template, log):
        self.template = template
        self.log = log
        self.kinds: dict[tuple, dict] = {}  # kind -> {"shell": list | None, "checked": int}
        self.filled = 0

    def render(self, page, context) -> str:
        found = values(page, context)
        if found is None:
            return self.template.render(context)
        key = kind(page, found)
        state = self.kinds.get(key)
        if state is None:
            shell = cut(self.template.render(probe(page, context, found)))
            state = self.kinds[key] = {"shell": shell, "checked": 0}
            if shell is None:
                self._give_up(page, "Material changes a value it prints")
        if state["shell"] is not None and state["checked"] >= CHECKS:
            self.filled += 1
            return fill(state["shell"], found)
        output = self.template.render(context)
        if state["shell"] is not None:
            if fill(state["shell"], found) == output:
                state["checked"] += 1
            else:
                state["shell"] = None
                self._give_up(page, "the filled shell differs from Material's page")
        return output

    def _give_up(self, page, why: str) -> None:
        self.log.info(f"claimcheck: pages like {page.file.src_uri} go through Material's "
                      f"template one by one ({why})")
