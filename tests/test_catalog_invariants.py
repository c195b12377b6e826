"""Invariants of the real catalog (issue: the catalog). They pin its completeness and
honesty, never the verdicts themselves."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from claimcheck.analysis import all_flags, conflict_pairs
from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.model import VERDICTS

from conftest import ROOT

SHARED_SOURCES = ROOT.parent / "shared" / "sources"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "claims")


def test_catalog_is_clean(catalog):
    assert run_checks(catalog) == []


def test_every_source_and_topic_has_claims(catalog):
    by_source = Counter(c.source for c in catalog.claims)
    by_topic = Counter(t for c in catalog.claims for t in c.topics)
    assert [s.id for s in catalog.sources if not by_source[s.id]] == []
    assert [t.id for t in catalog.topics if not by_topic[t.id]] == []


def test_every_reference_is_used(catalog):
    used = {e.ref for c in catalog.claims for e in c.evidence}
    assert [r.id for r in catalog.references if r.id not in used] == []


def test_every_verdict_has_reasons_and_evidence_or_says_none_was_found(catalog):
    for claim in catalog.claims:
        assert claim.verdict in VERDICTS and claim.rationale.strip(), claim.id
        if claim.verdict != "supported":
            assert claim.evidence or claim.no_evidence.strip(), claim.id


_ABBREVIATIONS = re.compile(r"\b(e\.g|i\.e|et al|vs|approx|ca|cf|Dr|No|Fig)\.", re.I)


def sentences(text: str) -> int:
    text = _ABBREVIATIONS.sub("ABBR", text)
    text = re.sub(r"(\d)\.(\d)", r"\1\2", text)
    return len([s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z(\"'])", text.strip()) if s])


def test_rationales_are_one_to_three_sentences(catalog):
    long = {c.id: sentences(c.rationale) for c in catalog.claims if sentences(c.rationale) > 3}
    assert long == {}


def test_quotes_are_atomic_no_two_claims_of_a_source_quote_the_same_span(catalog):
    spans = Counter((c.source, " ".join(c.quote.split())) for c in catalog.claims)
    assert [key for key, n in spans.items() if n > 1] == []


def test_conflicts_exist_within_and_across_articles(catalog):
    claims = catalog.by_id("claims")
    pairs = conflict_pairs(catalog)
    across = [p for p in pairs if claims[p[1]].source != p[0].source]
    within = [p for p in pairs if claims[p[1]].source == p[0].source]
    assert across and within
    assert all(note.strip() for _, _, note in pairs)


def test_flags_are_computed_for_every_claim(catalog):
    flags = all_flags(catalog)
    assert set(flags) == {c.id for c in catalog.claims}
    uncited = {c.id for c in catalog.claims if c.citation_level == "none"}
    assert uncited == {cid for cid, fs in flags.items() if "uncited" in fs}


def test_every_source_discloses_its_commercial_interest(catalog):
    for source in catalog.sources:
        assert source.commercial_interest.strip(), source.id
        # publisher is optional; when given it is a name, never a placeholder
        assert not source.publisher.lower().startswith("not named"), source.id


def test_every_source_records_where_its_text_came_from(catalog):
    """A found original has its address; either way the search is described and dated."""
    for source in catalog.sources:
        provenance = source.provenance
        assert provenance.get("status") in {"found", "not-found"}, source.id
        assert provenance.get("how", "").strip() and provenance.get("checked"), source.id
        assert bool(source.url) == (provenance["status"] == "found"), source.id
        assert "(untitled" not in source.title, source.id


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(), reason=f"{SHARED_SOURCES} is not beside the repository")
def test_archives_are_byte_for_byte_copies_of_the_collected_articles(catalog):
    for source in catalog.sources:
        original = SHARED_SOURCES / source.original_file
        assert source.archive_path.read_bytes() == original.read_bytes(), source.id
