"""Which catalogued claims say much the same as a new sentence.

TF-IDF over each claim's quote and statement (words stemmed crudely, common words
dropped), with cosine similarity, blended with rapidfuzz's token-set ratio for exact
wording. Offline and model-free: it finds claims that share their telling words
("habenula", "glutamate surge", "synapses"), which is how clinics repeat each other.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from rapidfuzz import fuzz

from .model import Catalog, Claim

_STOP = frozenset("""a an and are as at be been being but by can could do does for from had has
have how in into is it its it's of on or so such that the their them then there these they
this those to was were what when which while who will with would ketamine also may more
than not no all any some very just about over after before your you our we""".split())
_TFIDF_WEIGHT = 0.75  # the rest is the fuzzy ratio


def stem(word: str) -> str:
    """A crude English stemmer: enough to meet 'synapses' with 'synaptic' half-way."""
    for suffix in ("ations", "ation", "ically", "ities", "ity", "ness", "ments", "ment",
                   "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "ic", "al", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))
    return [stem(w) for w in words if w not in _STOP and len(w) > 1]


class SimilarClaims:
    """An index of the catalog's claims, queried with any sentence."""

    def __init__(self, catalog: Catalog):
        self.claims: list[Claim] = [c for c in catalog.claims if c.id]
        docs = [Counter(terms(f"{c.quote} {c.statement}")) for c in self.claims]
        df = Counter(t for d in docs for t in d)
        n = len(docs)
        self._idf = {t: math.log((n + 1) / (k + 1)) + 1.0 for t, k in df.items()}
        self._default_idf = math.log(n + 1) + 1.0
        self._vectors = [self._vector(d) for d in docs]
        self._texts = [f"{c.quote} {c.statement}" for c in self.claims]

    def _vector(self, counts: Counter) -> dict[str, float]:
        vec = {t: (1 + math.log(k)) * self._idf.get(t, self._default_idf) for t, k in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def query(self, text: str, exclude_source: str = "", n: int = 3) -> list[tuple[Claim, float]]:
        """The ``n`` most similar claims not from ``exclude_source``, best first, with a
        score from 0 to 1."""
        q = self._vector(Counter(terms(text)))
        scored = []
        for claim, vec, other in zip(self.claims, self._vectors, self._texts):
            if exclude_source and claim.source == exclude_source:
                continue
            cosine = sum(w * vec.get(t, 0.0) for t, w in q.items())
            ratio = fuzz.token_set_ratio(text, other, processor=str.lower) / 100
            scored.append((claim, round(_TFIDF_WEIGHT * cosine + (1 - _TFIDF_WEIGHT) * ratio, 3)))
        scored.sort(key=lambda cs: (-cs[1], cs[0].id))
        return scored[:n]
