"""A rationale is one to three sentences a reader can check against the evidence listed;
longer reasoning belongs in the evidence notes."""

from __future__ import annotations

import re

from ..problems import Problem

ID = "rationale"
DESCRIPTION = "Each rationale is one to three sentences."
MAX_SENTENCES = 3

# A stop after one of these, or between digits, ends no sentence.
_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|et al|vs|approx|ca|cf|Dr|No|Fig)\.", re.I)
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'])")


def sentences(text: str) -> int:
    """How many sentences ``text`` has: stops followed by space and a capital, a bracket
    or a quote mark."""
    text = _ABBREVIATIONS.sub("ABBR", text)
    text = re.sub(r"(\d)\.(\d)", r"\1\2", text)
    return len([s for s in _BOUNDARY.split(text.strip()) if s])


def check(catalog):
    for claim in catalog.claims:
        count = sentences(claim.rationale)
        if count > MAX_SENTENCES:
            yield Problem(claim.where("rationale"),
                          f"rationale has {count} sentences; write one to three, and move the "
                          "detail into the notes of the evidence it rests on", ID)
