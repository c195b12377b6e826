"""Split an archived text into sentences and score how checkable each one is.

Rule-based on purpose: the cues a fact-checker looks for (a mechanism, a number, a causal
verb, a study, a comparison, a superlative) are plain words, and a reviewer can read why a
sentence ranked where it did. Marketing, headings and calls to action score low.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! or ? (and any closing quote or bracket) followed by white space,
# unless the word before the stop is a known abbreviation.
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)")
_ABBREVIATIONS = frozenset("dr mr mrs ms prof st vs etc e.g i.e al fig no approx inc ltd u.s".split())
_CLAUSE = re.compile(r";\s+")  # a long sentence is offered clause by clause
_LONG = 220


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the archive text
    end: int
    text: str   # exactly archive[start:end]


def split(text: str) -> list[Sentence]:
    """Sentences (or, in long sentences, clauses between semicolons), each a verbatim span
    of ``text`` with its surrounding white space trimmed. Lines are never joined: a line
    without a full stop (a heading, a list item) is a sentence of its own."""
    out: list[Sentence] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        _split_line(line, offset, out)
        offset += len(line)
    return out


_LOOK_BACK = 64


def _split_line(line: str, offset: int, out: list[Sentence]) -> None:
    start = 0
    for match in _END.finditer(line):
        # only the last word matters: a bounded look-back keeps long lines linear (an
        # abbreviation is short; a longer word cut by the window matches none)
        before = line[max(start, match.start() - _LOOK_BACK):match.start()].rsplit(None, 1)
        word = before[-1].lower().strip("(\"'\u201c") if before else ""
        if word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
            continue
        _add(line, offset, start, match.end(), out)
        start = match.end()
    _add(line, offset, start, len(line), out)


def _add(line: str, offset: int, start: int, end: int, out: list[Sentence]) -> None:
    pieces = [(start, end)]
    if end - start > _LONG:
        pieces, at = [], start
        for match in _CLAUSE.finditer(line, start, end):
            pieces.append((at, match.start()))
            at = match.end()
        pieces.append((at, end))
    for a, b in pieces:
        chunk = line[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if re.search(r"\w", body):
            out.append(Sentence(offset + a + lead, offset + a + lead + len(body), body))


def _words(*groups: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(w for g in groups for w in g.split()) + r")\b", re.I)


MECHANISM = _words(
    "brain brains neuron\\w* nerve synap\\w* dendrit\\w* spines? receptors? glutamate gaba "
    "nmda ampa bdnf mtor dopamine serotonin norepinephrine neurotransmitters? "
    "neuroplasticity plasticity habenula cortex prefrontal hippocamp\\w* amygdala circuits? "
    "pathways? inflammat\\w* opioid\\w* molecules? chemicals? antagonist hormones? "
    "signals? signall?ing connections? networks? cells? regions? areas? metaboli\\w* "
    "esketamine anesthetic anaesthetic dissociative doses? dosage")
CAUSAL = _words(
    "causes? caused causing leads? led triggers? triggered blocks? blocking blocked "
    "increases? increased increasing reduces? reduced reducing decreases? boosts? "
    "stimulates? promotes? prompts? produces? regrows? regrowth rewires? resets? restores? "
    "activates? inhibits? binds? targets? affects? repairs? helps? allows? enables? "
    "works? acts? releases? creates? rebuilds? grows? growth changes? alters? balances? "
    "improves? relieves? treats? results? responsible effective effects? approved")
STUDY = _words(
    "study studies research researchers scientists? evidence trials? found shown shows "
    "suggests? published journal university universities according experts? discovered "
    "discovery data patients participants percent fda")
COMPARISON = _words("than unlike compared whereas differently different faster slower "
                    "more less fewer better worse instead")
SUPERLATIVE = _words("most least best only first fastest strongest safest never always "
                     "breakthrough revolutionary miracle guaranteed entirely completely")
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
                    r"hundred|thousand|million|half|dozen|hours?|minutes?|weeks?|days?)\b", re.I)
MARKETING = _words(
    "contact call schedule consultation book appointment clinic\\w* our we us you your "
    "today free click visit learn team staff call\\w* offer\\w* located location "
    "insurance pricing price financing reach")


_ASKS = re.compile(r"^\W*(?:how|what|why|which|when|where|who|does|do|is|are|can)\b", re.I)


def _states(line: str) -> bool:
    """A line without a full stop that still makes a claim: it names an effect (a causal
    verb) and does not ask ("How ketamine works" is a heading; "Ketamine works as a
    miracle drug" is a claim)."""
    return bool(CAUSAL.search(line)) and not _ASKS.match(line)


def checkability(sentence: str) -> float:
    """A score for how much of a checkable claim ``sentence`` makes; higher is better.

    Each kind of cue counts once or twice (a sentence full of brain words is not twice as
    checkable); marketing words, questions, labels and very short lines pull it down. A
    line without a full stop is scored like any sentence when it names an effect (a causal
    verb): a headline such as "Ketamine literally rewires the brain" is a claim, often the
    article's main one; only a heading that states nothing ("The glutamate surge") is a label.
    """
    words = re.findall(r"\w+", sentence)
    if not words:
        return 0.0
    score = (1.2 * min(len(MECHANISM.findall(sentence)), 3)
             + 1.0 * min(len(CAUSAL.findall(sentence)), 2)
             + 0.8 * min(len(STUDY.findall(sentence)), 2)
             + 0.6 * min(len(COMPARISON.findall(sentence)), 2)
             + 0.6 * min(len(SUPERLATIVE.findall(sentence)), 2)
             + 0.5 * min(len(NUMBER.findall(sentence)), 2))
    score -= 0.7 * min(len(MARKETING.findall(sentence)), 4)
    if sentence.rstrip().endswith("?"):
        score -= 1.5                      # a question asks; it does not claim
    if not re.search(r"[.!]\W*$", sentence) and len(words) < 12 and not _states(sentence):
        score -= 2.0                      # a heading or list label that states nothing
    if len(words) < 5:
        score -= 1.0
    return round(score, 3)
