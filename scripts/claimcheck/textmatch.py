"""Find a quote in an archived text, forgiving only white space and typographic quotes.

The archives keep their bytes exactly (one uses non-breaking spaces, several use curly
apostrophes), while contributors type plain ones. Both sides are normalised the same way
and every match is mapped back to offsets in the original text, so the site can
highlight the exact span.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
                         "\u201f": '"', "\u2033": '"'})
_SPACE = re.compile(r"\s+")  # in str patterns \s covers U+00A0 and the other Unicode spaces


def normalise(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the original offset."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for match in _SPACE.finditer(text):
        for i in range(pos, match.start()):
            out.append(text[i])
            offsets.append(i)
        out.append(" ")
        offsets.append(match.start())
        pos = match.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        offsets.append(i)
    return "".join(out).translate(_QUOTES), offsets


def _norm_quote(quote: str) -> str:
    return _SPACE.sub(" ", quote).strip().translate(_QUOTES)


@dataclass(frozen=True)
class Span:
    start: int  # offset in the original text
    end: int


class Archive:
    """An archived text, normalised once, in which quotes are looked up."""

    def __init__(self, text: str):
        self.text = text
        self.norm, self._offsets = normalise(text)

    def _span(self, nstart: int, nend: int) -> Span:
        return Span(self._offsets[nstart], self._offsets[nend - 1] + 1)

    def find(self, quote: str) -> Span | None:
        """The first place the quote stands, or None."""
        needle = _norm_quote(quote)
        if not needle:
            return None
        at = self.norm.find(needle)
        return None if at < 0 else self._span(at, at + len(needle))

    def line_col(self, offset: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def closest(self, quote: str) -> tuple[Span, float] | None:
        """The passage most like the quote, with a similarity from 0 to 1.

        Windows of the quote's length start at each word; the cheap ratio bounds prune
        most of them before the exact one is computed.
        """
        needle = _norm_quote(quote)
        if not needle or not self.norm:
            return None
        size = len(needle)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle)
        best: tuple[float, int] = (-1.0, 0)
        for start in [0] + [m.end() for m in re.finditer(" ", self.norm)]:
            window = self.norm[start:start + size]
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, start)
        ratio, start = best
        end = min(len(self.norm), start + size)
        return self._span(start, end), ratio
