"""Candidate claims in a source's archive, ranked, each with the most similar catalogued
claims from other articles: what ``claimcheck suggest`` prints and ``claimcheck new
--suggestion`` accepts."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Catalog, Claim, Source
from .sentences import Sentence, checkability, split
from .similarity import SimilarClaims

# How much a close match with an already-checked claim lifts a sentence: clinics repeat
# each other, so a sentence like a catalogued claim is probably a claim too.
SIMILARITY_WEIGHT = 4.0


@dataclass
class Suggestion:
    number: int       # rank among all of the source's sentences, 1 = best; stable with --all
    sentence: Sentence
    line: int         # 1-based, where the quote starts in the archive
    column: int
    score: float
    similar: list[tuple[Claim, float]]
    quoted: bool      # overlaps a quote already catalogued for this source

    @property
    def quote(self) -> str:
        return self.sentence.text


def quoted_spans(catalog: Catalog, source: Source) -> list[tuple[int, int, str]]:
    """(start, end, claim id) of every catalogued quote of the source found in its archive."""
    archive = catalog.archive(source)
    claims = [c for c in catalog.claims if c.source == source.folder.name]
    return archive.spans(claims) if archive is not None else []


def overlapping(spans: list[tuple[int, int, str]], start: int, end: int) -> list[str]:
    """Ids of the quotes among ``spans`` that share characters with ``start:end``."""
    return [claim_id for a, b, claim_id in spans if a < end and start < b]


def _scored(catalog: Catalog, source: Source, sentences: list[Sentence], similar: int,
            index: SimilarClaims | None) -> list[Suggestion]:
    """The given sentences as suggestions, best first (numbered later, by the caller)."""
    archive = catalog.archive(source)
    index = index or SimilarClaims(catalog)
    spans = quoted_spans(catalog, source)
    scored = []
    for sentence in sentences:
        matches = index.query(sentence.text, exclude_source=source.folder.name, n=similar)
        best = matches[0][1] if matches else 0.0
        score = round(checkability(sentence.text) + SIMILARITY_WEIGHT * best, 3)
        line, column = archive.line_col(sentence.start)
        quoted = bool(overlapping(spans, sentence.start, sentence.end))
        scored.append(Suggestion(0, sentence, line, column, score, matches, quoted))
    scored.sort(key=lambda s: (-s.score, s.sentence.start))
    return scored


def suggest(catalog: Catalog, source: Source, include_quoted: bool = False,
            similar: int = 3, index: SimilarClaims | None = None) -> list[Suggestion]:
    """Every sentence of the archive as a suggestion, best first; sentences that overlap a
    catalogued quote are left out unless ``include_quoted``."""
    archive = catalog.archive(source)
    if archive is None:
        return []
    scored = _scored(catalog, source, split(archive.text), similar, index)
    for number, suggestion in enumerate(scored, start=1):
        suggestion.number = number
    return [s for s in scored if include_quoted or not s.quoted]


def suggestion_for(catalog: Catalog, source: Source, words: str, similar: int = 3,
                   index: SimilarClaims | None = None) -> Suggestion | None:
    """The suggestion ``new --suggestion TEXT`` means: the best-ranked sentence that is
    ``words`` (white space aside), else the best-ranked one that contains them. Only those
    sentences are scored, not the whole archive; the ranking among them is the same as in
    ``suggest`` (its ``number`` is left 0: it is not needed here)."""
    archive = catalog.archive(source)
    if archive is None:
        return None
    key = " ".join(words.split())
    sentences = split(archive.text)
    flat = [" ".join(s.text.split()) for s in sentences]
    for wanted in ([s for s, f in zip(sentences, flat) if f == key],
                   [s for s, f in zip(sentences, flat) if key in f]):
        if wanted:
            return _scored(catalog, source, wanted, similar, index)[0]
    return None


def as_json(suggestions: list[Suggestion]) -> list[dict]:
    return [{"quote": s.quote, "line": s.line, "column": s.column, "score": s.score,
             "similar": [{"claim": c.id, "verdict": c.verdict, "score": score}
                         for c, score in s.similar]}
            for s in suggestions]
