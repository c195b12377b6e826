"""Escaping for the two contexts generated pages use: Markdown text and raw HTML.

Every catalog string passes through one of these. The template environment refuses to
print a plain string (see ``strict_finalize``), so a forgotten filter fails the build
instead of letting a quote such as ``<script>`` or ``[x](javascript:...)`` through.
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

# Python-Markdown's backslash-escapable characters, plus '|' which the tables extension adds.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
_SPACE = re.compile(r"\s+")


def md(value: object) -> Markup:
    """Inline Markdown that renders as exactly this text (white space folded)."""
    text = _SPACE.sub(" ", str(value)).strip()
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))


def h(value: object) -> Markup:
    """Text for raw HTML blocks, attributes included."""
    return Markup(html.escape(str(value), quote=True))


def json_script(value: object) -> Markup:
    """JSON safe inside <script>: '<', '>' and '&' are written as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class UnescapedString(Exception):
    pass


def strict_finalize(value: object) -> object:
    """Let through only escaped markup and numbers; a raw string is a template bug."""
    if isinstance(value, (Markup, int, float)) or value is None:
        return "" if value is None else value
    raise UnescapedString(f"template printed an unescaped value {value!r}; pass it through "
                          "the 'md' or 'h' filter")
