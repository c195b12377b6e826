"""Quote matching forgives white space and typographic quotes, and nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.textmatch import Archive

ROOT = Path(__file__).resolve().parents[1]
ELEV8 = (ROOT / "claims/sources/elev8/archive.txt").read_text(encoding="utf-8")


def test_non_breaking_space_in_archive_matches_plain_space():
    assert "\u00a0" in ELEV8
    archive = Archive(ELEV8)
    quote = "to build new ones. When someone is depressed"
    span = archive.find(quote)
    assert span is not None
    assert "\u00a0" in archive.text[span.start:span.end]


def test_curly_apostrophe_matches_straight():
    archive = Archive("the brain\u2019s disappointment center")
    span = archive.find("the brain's disappointment center")
    assert span and archive.text[span.start:span.end] == "the brain\u2019s disappointment center"


def test_case_and_punctuation_are_not_forgiven():
    archive = Archive("Ketamine helps to treat patients.")
    assert archive.find("ketamine helps to treat patients.") is None
    assert archive.find("Ketamine helps to treat patients!") is None


def test_closest_passage_points_at_the_near_miss():
    archive = Archive("First line.\nA depletion of GABA can result in depression. Last.")
    span, ratio = archive.closest("A depletion of GABA may result in depression.")
    assert archive.text[span.start:span.end].startswith("A depletion of GABA")
    assert 0.8 < ratio < 1
    assert archive.line_col(span.start) == (2, 1)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_span_of_a_real_archive_is_found_where_it_stands(data):
    """Property: every substring of the archive, with its white space rewritten and its
    curly quotes straightened, is found, and the span found reads the same."""
    start = data.draw(st.integers(0, len(ELEV8) - 20))
    end = data.draw(st.integers(start + 10, min(len(ELEV8), start + 300)))
    original = ELEV8[start:end]
    if not original.strip():
        return
    typed = " ".join(original.split()).replace("\u2019", "'")
    archive = Archive(ELEV8)
    span = archive.find(typed)
    assert span is not None
    assert " ".join(archive.text[span.start:span.end].split()).replace("\u2019", "'") == typed


# --- Bounded closest-passage search (issue 8) ------------------------------------------

def _prose(count: int, seed: int) -> str:
    vocabulary = "ketamine glutamate receptor synapse neuron cortex plasticity mood dose brain".split()
    out, x = [], seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) % 2**31
        out.append(vocabulary[x % len(vocabulary)])
    return " ".join(out)


def test_long_quote_with_typos_is_located_in_a_large_archive():
    text = _prose(60_000, seed=3)  # about 450 kB
    start = text.index(" ", 200_000) + 1
    passage = text[start:start + 1000]
    typed = passage.replace("e", "3", 6)
    archive = Archive(text)
    assert archive.find(typed) is None
    span, ratio = archive.closest(typed)
    assert abs(span.start - start) <= 3 and ratio > 0.95


def test_closest_with_no_time_left_still_answers_with_the_best_seen():
    archive = Archive("First line.\nA depletion of GABA can result in depression. Last.")
    span, ratio = archive.closest("A depletion of GABA may result in depression.", budget=0)
    assert archive.text[span.start:span.end].startswith("A depletion of GABA") and ratio > 0.8


def test_quote_longer_than_the_archive_is_compared_with_all_of_it():
    archive = Archive("short text here")
    span, ratio = archive.closest("short text here and a great deal more that is not there")
    assert (span.start, span.end) == (0, len("short text here")) and 0 < ratio < 1
