"""Highlight quoted spans in an archived text, overlapping quotes included.

Two quotes may overlap or nest. Marks cannot overlap in HTML, so the text is cut into
segments at every span boundary: each segment knows which quotes cover it, and becomes
one <mark> (or plain text when no quote covers it). The first segment of each quote
carries its anchor, and a numbered link to the claim follows the quote's last character.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from .escape import h


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    keys: tuple[str, ...]  # the spans covering this segment, in the order they were given


def segments(length: int, spans: list[tuple[int, int, str]]) -> list[Segment]:
    """Cut [0, length) at every span boundary; empty or out-of-range spans are ignored."""
    spans = [(max(0, s), min(length, e), k) for s, e, k in spans if min(length, e) > max(0, s)]
    cuts = sorted({0, length} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    return [Segment(a, b, tuple(k for s, e, k in spans if s <= a and b <= e))
            for a, b in zip(cuts, cuts[1:]) if b > a]


def highlight(text: str, spans: list[tuple[int, int, str]],
              anchor: Callable[[str], str], after: Callable[[str], Markup]) -> Markup:
    """The text as HTML, each covered segment in a <mark>.

    Args:
        text: the archived text.
        spans: (start, end, key) for each quote found in it.
        anchor: the element id for a key, put on the first segment of its span.
        after: the HTML inserted after the last segment of a key's span (a link).
    """
    firsts = {}
    lasts = {}
    parts = segments(len(text), spans)
    for i, seg in enumerate(parts):
        for key in seg.keys:
            firsts.setdefault(key, i)
            lasts[key] = i
    out = []
    for i, seg in enumerate(parts):
        chunk = h(text[seg.start:seg.end])
        if seg.keys:
            ids = [k for k in seg.keys if firsts[k] == i]
            # one element can hold one id: extra starts get empty anchors before the mark
            out += [Markup('<span id="{}"></span>').format(anchor(k)) for k in ids[1:]]
            attr = Markup(' id="{}"').format(anchor(ids[0])) if ids else ""
            depth = min(len(seg.keys), 3)
            chunk = Markup('<mark{} class="cc-q cc-q--{}">{}</mark>').format(attr, depth, chunk)
        out.append(chunk)
        out += [after(k) for k in seg.keys if lasts[k] == i]
    return Markup("").join(out)
