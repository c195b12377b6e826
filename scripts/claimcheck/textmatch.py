"""Find a quote in an archived text, forgiving only white space and typographic quotes.

The archives keep their bytes exactly (one uses non-breaking spaces, several use curly
apostrophes), while contributors type plain ones. Both sides are normalised the same way
and every match is mapped back to offsets in the original text, so the site can
highlight the exact span.
"""

from __future__ import annotations

import bisect
import heapq
import operator
import re
import time
from dataclasses import dataclass
from itertools import accumulate

from .limits import QUOTE_SEARCH_SECONDS

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'}
_SPACE = re.compile(r"\s+")  # in str patterns \s covers U+00A0 and the other Unicode spaces
_WORD = re.compile(r"[^ ]+")  # words of the normalised text, where every space is one " "
_CANDIDATES = 8  # windows sharing the most words with the quote that get the exact comparison


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def normalise(text: str) -> str:
    """Each run of white space as one space, typographic quotes as plain ones."""
    return _plain_quotes(_SPACE.sub(" ", text))


def _plain_quotes(text: str) -> str:
    """Typographic quotes as plain ones. A replace per quote mark present: str.translate
    looks up every character of a non-ASCII text, some fifty times slower."""
    if text.isascii():
        return text
    for curly, plain in _QUOTES.items():
        if curly in text:
            text = text.replace(curly, plain)
    return text


def segments(text: str) -> tuple[list[int], list[int]]:
    """Where each segment of the normalised text starts in it, and in the original.

    A segment is a run of kept characters or one space standing for a run of white space;
    within a segment, offsets move together (see ``Archive._original``). Built from the
    white-space matches, so a large archive is mapped in linear time.
    """
    norm: list[int] = []
    orig: list[int] = []
    pos = size = 0
    for match in _SPACE.finditer(text):
        start = match.start()
        if start > pos:
            norm.append(size)
            orig.append(pos)
            size += start - pos
        norm.append(size)
        orig.append(start)
        size += 1
        pos = match.end()
    if pos < len(text):
        norm.append(size)
        orig.append(pos)
    return norm, orig


def _norm_quote(quote: str) -> str:
    return normalise(quote).strip()


@dataclass(frozen=True)
class Span:
    start: int  # offset in the original text
    end: int


class Archive:
    """An archived text, normalised once, in which quotes are looked up."""

    def __init__(self, text: str):
        self.text = text
        self.norm = normalise(text)
        self._segments: tuple[list[int], list[int]] | None = None  # mapped when first needed
        self._starts: list[int] | None = None
        self._grams: dict[int, list[str]] = {}

    def _original(self, offset: int) -> int:
        """The original offset of the normalised text's character at ``offset``."""
        if self._segments is None:
            self._segments = segments(self.text)
        seg_norm, seg_orig = self._segments
        k = bisect.bisect_right(seg_norm, offset) - 1
        return seg_orig[k] + (offset - seg_norm[k])

    def _span(self, nstart: int, nend: int) -> Span:
        return Span(self._original(nstart), self._original(nend - 1) + 1)

    def contains(self, quote: str) -> bool:
        """Whether the quote stands in the text: ``find`` without mapping the place back."""
        needle = _norm_quote(quote)
        return bool(needle) and needle in self.norm

    def spans(self, claims) -> list[tuple[int, int, str]]:
        """(start, end, claim id) of each of these claims' quotes found in this text."""
        found = []
        for claim in claims:
            span = self.find(claim.quote) if claim.quote else None
            if span:
                found.append((span.start, span.end, claim.id))
        return found

    def find(self, quote: str) -> Span | None:
        """The first place the quote stands, or None."""
        needle = _norm_quote(quote)
        if not needle:
            return None
        at = self.norm.find(needle)
        return None if at < 0 else self._span(at, at + len(needle))

    def line_col(self, offset: int) -> tuple[int, int]:
        return line_col(self.text, offset)

    def _word_index(self) -> list[int]:
        """The offset of every word of the normalised text, found once."""
        if self._starts is None:
            self._starts = [m.start() for m in _WORD.finditer(self.norm)]
            words = self.norm.lower().split(" ")
            words = [w for w in words if w]
            self._grams[1] = words
            self._grams[3] = [" ".join(t) for t in zip(words, words[1:], words[2:])]
        return self._starts

    @staticmethod
    def _shared(grams: list[str], wanted: set[str], width: int, count: int) -> list[int]:
        """For each of the first ``count`` windows of ``width`` grams: how many are wanted."""
        totals = list(accumulate((g in wanted for g in grams), initial=0))
        return list(map(operator.sub, totals[width:width + count], totals[:count]))

    def closest(self, quote: str, budget: float = QUOTE_SEARCH_SECONDS) -> tuple[Span, float] | None:
        """The passage most like the quote, with a similarity from 0 to 1.

        Near-linear: the archive's words and word trigrams are listed once; for a quote,
        running sums count how many of the quote's words and trigrams each window of its
        length holds (C-level list operations), and only the few best windows get the
        exact rapidfuzz comparison. The old search compared a window at every word and ran for minutes on
        a long quote against a large archive. ``budget`` seconds bound the exact
        comparisons; when it runs out, the best passage seen so far is returned.
        """
        from rapidfuzz import fuzz  # only a missing quote needs it: spared on every clean check

        needle = _norm_quote(quote)
        if not needle or not self.norm:
            return None
        deadline = time.monotonic() + budget
        starts = self._word_index()
        if not starts:
            return None
        quote_words = needle.lower().split(" ")
        size = len(quote_words)
        count = len(starts) - size + 1  # windows of the quote's word count
        if count < 1:  # the archive is no longer than the quote
            firsts = [0]
        else:
            scores = self._shared(self._grams[1], set(quote_words), size, count)
            if size >= 3:  # word trigrams weigh double: they reward words in the right order
                trigrams = set(" ".join(t) for t in zip(quote_words, quote_words[1:], quote_words[2:]))
                ordered = self._shared(self._grams[3], trigrams, size - 2, count)
                scores = list(map(operator.add, scores, map(operator.add, ordered, ordered)))
            firsts = heapq.nlargest(_CANDIDATES, range(count), key=scores.__getitem__)
        best: tuple[float, int] = (-1.0, 0)
        for first in firsts:
            for index in range(max(0, first - 2), min(len(starts), first + 3)):
                start = starts[index]
                ratio = fuzz.ratio(needle, self.norm[start:start + len(needle)]) / 100
                if ratio > best[0]:
                    best = (ratio, start)
            if time.monotonic() > deadline:
                break
        ratio, start = best
        end = min(len(self.norm), start + len(needle))
        return self._span(start, end), ratio
