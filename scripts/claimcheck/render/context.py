"""A quote in its sentence, and a rationale's first sentence: the short forms of a finding.

A claim quoted as a fragment ("how does it work in the long run") rated alone reads as if
the site judged a question. So a fragment is shown inside the sentence of the archived
article it stands in, with the quoted words marked; a quote that is a sentence already is
shown as it is. Plain text pieces out; the template escapes them.
"""

from __future__ import annotations

import re

from ..sentences import _ABBREVIATIONS, _END, split

_CONTEXT = 320  # characters of the sentence kept on each side of the quote, at most
_STARTS = re.compile(r"[\"'“‘(\[]*[A-Z0-9]")
_ENDS = re.compile(r"[.!?…][\"'”’)\]]*$")


def is_fragment(quote: str) -> bool:
    """True when the quote neither starts like a sentence nor ends like one."""
    text = quote.strip()
    return bool(text) and not (_STARTS.match(text) and _ENDS.search(text))


def around(catalog, claim) -> tuple[str, str, str] | None:
    """(words before, the quote as archived, words after) within the quote's sentence, or
    None when the quote is a whole sentence or cannot be found in the archived text."""
    if not is_fragment(claim.quote):
        return None
    source = catalog.by_id("sources").get(claim.source)
    archive = catalog.archive(source) if source is not None else None
    span = archive.find(claim.quote) if archive else None
    if span is None:
        return None
    text = archive.text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    start, end = line_start, line_end
    for sentence in split(text[line_start:line_end]):
        a, b = line_start + sentence.start, line_start + sentence.end
        if a <= span.start < b:
            start = a
        if a < span.end <= b:
            end = b
    # a list item's bullet is layout, not words
    before = " ".join(text[max(start, span.start - _CONTEXT):span.start].split()).lstrip("•·*–- ")
    after = " ".join(text[span.end:min(end, span.end + _CONTEXT)].split())
    if start < span.start - _CONTEXT:
        before = "…" + before
    if end > span.end + _CONTEXT:
        after += "…"
    return (before + " " if before else "", " ".join(text[span.start:span.end].split()),
            " " + after if after and after[0].isalnum() else after)


def first_sentence(text: str) -> str:
    """The first whole sentence of a rationale (Markdown, as written), for the claim's
    finding: cut at the first full stop that ends a sentence (sentences.py's rule), never
    at a semicolon."""
    one_line = " ".join(text.split())
    for match in _END.finditer(one_line):
        before = one_line[:match.start()].rsplit(None, 1)
        word = before[-1].lower().strip("(\"'\u201c") if before else ""
        if word not in _ABBREVIATIONS and not re.fullmatch(r"[a-z]", word):
            return one_line[:match.end()]
    return one_line
