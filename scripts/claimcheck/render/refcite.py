"""Reference keys in catalog prose become author-year links.

Rationales and notes name their studies by catalog key ("... (zhou2014)") so the checks can
follow them. A reader should see "Zhou et al., 2014", linked to the reference list, instead.
The data keeps its keys; only the rendering changes.
"""

from __future__ import annotations

import re

from markupsafe import Markup


_PERSON = re.compile(r"^[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)* [A-Z]{1,3}(?: Jr)?$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b(?!s)")
_SPACE = re.compile(r"\s+")


def _people(ref) -> str:
    """'Yang Y, Cui Y, et al. ... 2018;...' -> 'Yang et al., 2018'."""
    first = ref.citation.split(",")[0].split(".")[0].strip()
    surname = first.rsplit(" ", 1)[0] if " " in first and first.rsplit(" ", 1)[1].isupper() else first
    year = _YEAR.search(ref.citation)
    many = ref.citation.count(",") > 1 or "et al" in ref.citation
    name = f"{surname} et al." if many and surname else surname or ref.id
    return f"{name}, {year.group(0)}" if year else name


def author_year(ref) -> str:
    """'Zhou et al., 2014' for a paper; 'KETALAR, 2022' for a label or agency record: the
    one label every page, the history and the feed give a reference."""
    first = ref.citation.split(",")[0].strip()
    if _PERSON.match(first):
        return _people(ref)
    name = re.split(r"[,(]|\.\s", ref.citation, maxsplit=1)[0].strip() or ref.id
    year = _YEAR.search(ref.citation)
    return f"{name}, {year.group(0)}" if year else name


class Citer:
    """Finds known reference keys as whole words and links them in HTML."""

    def __init__(self, refs: dict):
        self.refs = refs
        keys = sorted(refs, key=len, reverse=True)
        self.pattern = re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r")\b") if keys else None
        self.labels = {k: author_year(r) for k, r in refs.items()}

    def _parts(self, text: str):
        text = _SPACE.sub(" ", str(text)).strip()
        if not self.pattern:
            yield text, None
            return
        at = 0
        for found in self.pattern.finditer(text):
            yield text[at:found.start()], None
            yield found.group(1), found.group(1)
            at = found.end()
        yield text[at:], None

    def html(self, text: str, link) -> Markup:
        """Raw HTML: the text escaped, each key a link to its reference."""
        out = []
        for part, key in self._parts(text):
            out.append(Markup.escape(part) if key is None else Markup('<a href="{}">{}</a>').format(
                link.html("references.md", "ref-" + key), self.labels[key]))
        return Markup("").join(out)
