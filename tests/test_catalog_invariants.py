"""The real catalog (claims/, or the folder given with --catalog) as a pull request leaves
it. Every rule it must follow is a `claimcheck check` rule (one rulebook): these tests run
the checker on it, and hold what is computed from it, never the verdicts themselves."""

from __future__ import annotations

import hashlib

import pytest

from claimcheck.analysis import all_flags
from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks

pytestmark = pytest.mark.catalog  # scripts/test.sh --quick


@pytest.fixture(scope="module")
def catalog(catalog_root):
    return load_catalog(catalog_root)


def test_catalog_is_clean(catalog):
    assert [f"{p.location}: {p.message} [{p.check}]" for p in run_checks(catalog)] == []


def test_archives_are_byte_for_byte_the_collected_articles(catalog):
    """Each archive still has the SHA-256 recorded when its article was collected: the
    repository holds both, so this runs wherever the repository is."""
    assert catalog.sources
    for source in catalog.sources:
        data = source.archive_path.read_bytes()
        assert data and hashlib.sha256(data).hexdigest() == source.archive_sha256, source.id
        data.decode("utf-8")


def test_flags_are_computed_for_every_claim(catalog):
    flags = all_flags(catalog)
    assert set(flags) == {c.id for c in catalog.claims}
    uncited = {c.id for c in catalog.claims if c.citation_level == "none"}
    assert uncited == {cid for cid, fs in flags.items() if "uncited" in fs}
