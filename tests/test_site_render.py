"""The page renderer without mkdocs: highlighting, escaping, links and structured data."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, TEST_CATALOG
from markupsafe import Markup

from claimcheck.catalog import load_catalog
from claimcheck.model import VERDICTS
from claimcheck.render import render_site, vocabulary
from claimcheck.render.highlight import Segment, highlight, segments
from claimcheck.render.pages import Linker, SiteInfo


def test_overlapping_spans_are_split_into_segments():
    assert segments(20, [(0, 10, "a"), (5, 15, "b")]) == [
        Segment(0, 5, ("a",)), Segment(5, 10, ("a", "b")), Segment(10, 15, ("b",)),
        Segment(15, 20, ())]


def test_nested_and_identical_spans_are_split_cleanly():
    assert segments(10, [(0, 10, "outer"), (3, 6, "inner"), (3, 6, "twin")]) == [
        Segment(0, 3, ("outer",)), Segment(3, 6, ("outer", "inner", "twin")),
        Segment(6, 10, ("outer",))]
    assert segments(5, [(2, 2, "empty"), (3, 99, "clipped")]) == [
        Segment(0, 3, ()), Segment(3, 5, ("clipped",))]


def test_highlight_marks_each_quote_once_and_escapes_the_text():
    text = "x <script>alert(1)</script> y z"
    out = highlight(text, [(2, 27, "a"), (20, 31, "b")], lambda k: f"q-{k}",
                    lambda k: Markup('<a href="#{}">[{}]</a>').format(k, k))
    assert "<script>" not in out and "&lt;script&gt;alert(1)" in out
    assert out.count('id="q-a"') == 1 and out.count('id="q-b"') == 1
    assert out.count("<mark") == 3  # a alone, a and b, b alone
    assert out.index('[a]') < out.index('[b]')
    assert out.endswith('<a href="#b">[b]</a>')


def test_two_quotes_starting_at_the_same_place_both_get_an_anchor():
    out = highlight("abcdef", [(0, 3, "a"), (0, 6, "b")], lambda k: f"q-{k}", lambda k: Markup(""))
    assert 'id="q-a"' in out and 'id="q-b"' in out


def test_every_verdict_has_a_rating_label_and_tone():
    for verdict in VERDICTS:
        assert verdict in vocabulary.VERDICT_LABELS and verdict in vocabulary.VERDICT_TONE
        if verdict == "not-checkable":  # an opinion gets no truth rating
            assert verdict not in vocabulary.VERDICT_RATINGS
            continue
        assert vocabulary.RATING_WORST <= vocabulary.VERDICT_RATINGS[verdict] <= vocabulary.RATING_BEST
    assert vocabulary.VERDICT_RATINGS["supported"] == vocabulary.RATING_BEST
    assert vocabulary.VERDICT_RATINGS["contradicted"] == vocabulary.RATING_WORST


def test_links_between_generated_pages():
    link = Linker("claims/a.md", directory_urls=True)
    assert link.html("sources/vip.md", "q-a") == "../../sources/vip/#q-a"
    assert link.html("claims/index.md", query="verdict=misleading") == "../?verdict=misleading"
    assert link.html("api/claims.json") == "../../api/claims.json"
    assert Linker("conflicts.md", directory_urls=False).html("claims/a.md") == "claims/a.html"


def test_edit_url_follows_edit_uri_from_docs_dir():
    site = SiteInfo(repo_url="https://example.org/o/r", edit_uri="edit/main/docs/",
                    docs_dir=str(ROOT / "docs"), root=str(ROOT))
    path = ROOT / "claims/sources/vip/claims.yml"
    assert site.edit_url(path) == "https://example.org/o/r/edit/main/claims/sources/vip/claims.yml"
    assert SiteInfo().edit_url(path) == ""
    assert site.shown_path(path, ROOT / "claims") == "claims/sources/vip/claims.yml"
    assert SiteInfo(root="/nowhere").shown_path(path, ROOT / "claims") == "claims/sources/vip/claims.yml"


def pages(**site) -> dict[str, str]:
    files = render_site(load_catalog(TEST_CATALOG), True, SiteInfo(**site))
    return {f.path: f.content for f in files}


def test_every_page_type_is_generated():
    out = pages(published="2026-01-02")
    for path in ("index.md", "claims/index.md", "claims/vip-gaba-depletion.md", "sources/index.md",
                 "sources/vip.md", "topics/index.md", "topics/gaba.md", "conflicts.md", "gaps.md",
                 "matrix.md", "references.md", "api/claims.json", "claims.csv"):
        assert path in out, path
    assert '<mark id="q-vip-gaba-depletion"' in out["sources/vip.md"]
    assert '<svg class="cc-map"' in out["conflicts.md"]


def test_claim_page_shows_the_yaml_file_without_a_repository_and_links_with_one():
    claim = pages(root=str(ROOT))["claims/vip-gaba-depletion.md"]
    assert "<code>tests/data/catalog/sources/vip/claims.yml</code>, line 3" in claim
    assert "github" not in claim.lower()
    linked = pages(root=str(ROOT), repo_url="https://example.org/o/r", edit_uri="edit/main/docs/",
                   docs_dir=str(ROOT / "docs"))["claims/vip-gaba-depletion.md"]
    assert 'href="https://example.org/o/r/edit/main/tests/data/catalog/sources/vip/claims.yml"' in linked


def test_topic_page_summarises_verdicts_populations_and_findings():
    out = pages()["topics/lateral-habenula.md"]
    assert "1 claim from" in out and "1 is overstated" in out
    assert "0 in people, 1 in animals only" in out
    assert "Ketamine blocks NMDA-receptor-dependent bursting" in out


def test_relative_links_match_posixpath_relpath():
    """The link maker's own relpath (no os.getcwd per link) agrees with posixpath's on every
    pair of site paths, including a page linking to itself and to the site root."""
    import itertools
    import posixpath

    from claimcheck.render.pages import relative

    paths = [".", "claims", "claims/a", "claims/a/b", "claims/ab", "sources/a", "a",
             "claims/index.md", "api/claims.json", "glossary.md"]
    for path, start in itertools.product(paths, repeat=2):
        assert relative(path, start) == posixpath.relpath(path, start), (path, start)
