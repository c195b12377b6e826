"""Match any sentence to checked claims with an index a static page can fetch in pieces.

The "Check a text" page runs this scoring in the reader's browser
(docs/assets/claimcheck-check.js); this module builds the index it fetches and is the
reference the browser is held to (tests/browser/test_check_text_browser.py).

TF-IDF over the words of each claim's quote and statement, with the tokenizer ``claimcheck
suggest`` uses (similarity.terms: common words dropped, crude stems), and cosine
similarity. Chosen from measurements on the real catalog (docs/matching.md): it finds the
claim of a sentence as often as character n-grams or BM25 on the archived articles, and
its index is a tenth of a character n-gram index, which is what keeps the page light at
10,000 claims. suggest's rapidfuzz blend is left out: it compares the sentence with every
claim's full text, which the browser would have to download whole.

The index is split as Pagefind splits its own: the words' postings in shards chosen by a
hash of the word, the claims' display data in chunks, so a check fetches only the shards
of the words it holds and the chunks of the claims it shows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .sentences import COMPARISON, MARKETING, MECHANISM, NUMBER, STUDY, SUPERLATIVE, CAUSAL
from .similarity import terms

SCALE = 1000           # postings weights are stored as integers out of SCALE
CLAIMS_PER_SHARD = 250  # about one word shard per this many claims, rounded to a power of 2
CLAIMS_PER_CHUNK = 8   # claims per display chunk: a check fetches one per claim shown, at worst
MAX_POSTINGS = 256     # a word's postings kept, highest weights first (see build)
MATCH_FLOOR = 0.3      # a match scoring less is not shown: not close enough to mean much
MIN_SHARED = 2         # nor one sharing fewer words: one word ("friendly") is no claim
SHOWN = 3              # matches shown per sentence


def shard_of(term: str, shards: int) -> int:
    """FNV-1a (32 bits) of the term's characters, modulo ``shards``; the browser's is the
    same (terms are ASCII letters and digits)."""
    h = 0x811C9DC5
    for ch in term:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % shards


def shard_count(claims: int) -> int:
    wanted = max(1, math.ceil(claims / CLAIMS_PER_SHARD))
    return 1 << (wanted - 1).bit_length()


@dataclass
class Index:
    """The whole index in memory: the same numbers the browser fetches in pieces."""

    claims: int
    default_idf: float                   # for a word no claim holds
    idf: dict[str, float]
    postings: dict[str, list[tuple[int, int]]]  # term -> [(claim number, weight out of SCALE)]

    def query_vector(self, text: str) -> dict[str, float]:
        counts = Counter(terms(text))
        vec = {t: (1 + math.log(k)) * self.idf.get(t, self.default_idf) for t, k in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def scores(self, text: str) -> dict[int, tuple[float, int]]:
        """Cosine similarity of the sentence with every claim that shares a word with it,
        and how many words they share."""
        out: dict[int, tuple[float, int]] = {}
        for term, weight in self.query_vector(text).items():
            for claim, stored in self.postings.get(term, ()):
                score, shared = out.get(claim, (0.0, 0))
                out[claim] = (score + weight * stored / SCALE, shared + 1)
        return out

    def matches(self, text: str, n: int = SHOWN, floor: float = MATCH_FLOOR,
                shared: int = MIN_SHARED) -> list[tuple[int, float]]:
        """The ``n`` best claim numbers scoring at least ``floor`` and sharing at least
        ``shared`` words, best first (ties: the earlier claim), each with its score rounded
        to 3 places."""
        ranked = sorted(((round(s, 3), c) for c, (s, k) in self.scores(text).items() if k >= shared),
                        key=lambda sc: (-sc[0], sc[1]))
        return [(c, s) for s, c in ranked if s >= floor][:n]


def build(texts: list[str]) -> Index:
    """The index of these claim texts (claim number = position in the list).

    A word many claims use (in more than MAX_POSTINGS) keeps only the claims it weighs
    most in, as a search engine prunes its index: its idf is low, so it adds little to any
    score, and at 10,000 claims the words "depression" and "brain" alone held 5,000 of the
    92,000 postings a long text fetches. No word of today's catalog is in as many claims."""
    docs = [Counter(terms(t)) for t in texts]
    df = Counter(t for d in docs for t in d)
    n = len(docs)
    idf = {t: round(math.log((n + 1) / (k + 1)) + 1.0, 6) for t, k in df.items()}
    postings: dict[str, list[tuple[int, int]]] = {}
    for number, counts in enumerate(docs):
        vec = {t: (1 + math.log(k)) * idf[t] for t, k in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        for t in sorted(vec):
            postings.setdefault(t, []).append((number, max(1, round(SCALE * vec[t] / norm))))
    for t, post in postings.items():
        if len(post) > MAX_POSTINGS:
            kept = sorted(post, key=lambda cw: (-cw[1], cw[0]))[:MAX_POSTINGS]
            postings[t] = sorted(kept)
    return Index(n, round(math.log(n + 1) + 1.0, 6), idf, dict(sorted(postings.items())))


def claim_text(claim) -> str:
    return f"{claim.quote} {claim.statement}"


def shards(index: Index) -> list[dict]:
    """The word shards: {term: [idf, claim, weight, claim gap, weight, ...]}, claim numbers
    after the first given as the gap from the one before (shorter)."""
    out: list[dict] = [{} for _ in range(shard_count(index.claims))]
    for term, post in index.postings.items():
        flat: list = [index.idf[term]]
        last = 0
        for claim, weight in post:
            flat += [claim - last, weight]
            last = claim
        out[shard_of(term, len(out))][term] = flat
    return out


# --- Which sentences make a claim: the same cues as sentences.checkability ------------

def cue_patterns() -> dict[str, str]:
    """The cue words' regular expressions, which the browser compiles as they are (their
    syntax, \\b, \\w and (?:), reads the same in JavaScript)."""
    return {name: pattern.pattern for name, pattern in (
        ("mechanism", MECHANISM), ("causal", CAUSAL), ("study", STUDY),
        ("comparison", COMPARISON), ("superlative", SUPERLATIVE), ("number", NUMBER),
        ("marketing", MARKETING))}


def is_claim(sentence: str) -> bool:
    """Whether the page looks for matches for this sentence: it makes enough of a claim."""
    from .sentences import checkability

    return checkability(sentence) > 0


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))
