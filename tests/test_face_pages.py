"""The public face (issue 22): the finding before the metadata on article and claim pages,
a quoted fragment inside its sentence, unique ids and followable conflict maps, share cards,
link-preview titles, the sitemap's dates and robots.txt.

These render the real catalog's pages without mkdocs; tests/browser/test_face_browser.py
looks at them at phone size, and tests/browser/test_validators.py runs the validators."""

from __future__ import annotations

import io
import re
from collections import Counter

import pytest
from conftest import ROOT

from claimcheck.analysis import all_flags
from claimcheck.catalog import load_catalog
from claimcheck.history import Commit, Event, History
from claimcheck.render import cards, conflictmap, render_site, titles
from claimcheck.render.conflictmap import Edge, Node
from claimcheck.render.escape import h
from claimcheck.render.context import around, first_sentence, is_fragment
from claimcheck.render.findings import article_bottom_line
from claimcheck.render.lastmod import page_dates
from claimcheck.render.pages import SiteInfo
from claimcheck.render.robots import robots_txt
from claimcheck.site.head import PREVIEW_TITLE_LIMIT

SITE = SiteInfo(url="https://example.org/k/", published="2026-11-28")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "claims")


@pytest.fixture(scope="module")
def pages(catalog):
    return {f.path: f.content for f in render_site(catalog, site=SITE)}


# --- Finding first -----------------------------------------------------------------------

def test_each_article_page_opens_with_its_bottom_line_before_its_metadata(catalog, pages):
    flags = all_flags(catalog)
    for source in catalog.sources:
        page = pages[f"sources/{source.id}.md"]
        bottom = page.index('class="cc-bottom-line"')
        assert bottom < page.index("## What it claims") < page.index('class="cc-meta cc-provenance"')
        claims = [c for c in catalog.claims if c.source == source.id]
        line = article_bottom_line(claims, flags)
        assert f"<strong>What we found:</strong> {h(line)}</p>" in page
        assert f"We checked {len(claims)} claims" in line
        verdicts = Counter(c.verdict for c in claims)
        if verdicts["supported"]:
            assert f"{verdicts['supported']} are supported" in line or \
                f"{verdicts['supported']} is supported" in line


def test_the_bottom_line_counts_the_problems_first():
    class C:
        def __init__(self, i, verdict, level="none"):
            self.id, self.verdict, self.citation_level = f"c{i}", verdict, level
    claims = [C(1, "contradicted"), C(2, "overstated"), C(3, "overstated"),
              C(4, "supported", "specific"), C(5, "not-checkable")]
    line = article_bottom_line(claims, {"c2": ["species-gap"]})
    assert line == ("We checked 5 claims in this article: 3 do not hold up as stated "
                    "(1 contradicted, 2 overstated), 1 is supported and 1 is opinion or "
                    "promise, which no study can check. 1 of 5 name a study a reader could "
                    "check; 1 tells animal or cell results as facts about people.")


def test_each_claim_page_gives_its_verdict_and_first_reason_before_the_quote(catalog, pages):
    for claim in catalog.claims:
        page = pages[f"claims/{claim.id}.md"]
        finding = page.index('class="cc-finding"')
        assert finding < page.index("What the article says") < page.index('id="verdict-')
        label = titles.verdict_label(claim.verdict)
        assert page[finding:].startswith(f'class="cc-finding"><strong>{label}.</strong> ')
        assert f'href="#verdict-{claim.verdict}"' in page[finding:finding + 2000]


def test_first_sentence_stops_at_a_full_stop_not_an_abbreviation_or_semicolon():
    text = "Ketamine (e.g. in rats; Li et al. 2010) acts fast; it is short. Then more."
    assert first_sentence(text) == "Ketamine (e.g. in rats; Li et al. 2010) acts fast; it is short."


def test_a_fragment_is_shown_inside_its_sentence_with_the_quote_marked(catalog, pages):
    claim = catalog.by_id("claims")["human-brain-answered-long-run"]
    assert is_fragment(claim.quote)
    before, quoted, after = around(catalog, claim)
    assert before.startswith("What makes Ketamine to rapidly reduce") and after == "?"
    assert quoted == "how does it work in the long run"
    page = pages["claims/human-brain-answered-long-run.md"]
    assert ("What makes Ketamine to rapidly reduce depression symptoms and "
            "<mark>how does it work in the long run</mark>?") in page


def test_a_whole_sentence_is_quoted_as_it_is(catalog, pages):
    whole = [c for c in catalog.claims if not is_fragment(c.quote)]
    assert whole
    for claim in whole:
        assert around(catalog, claim) is None
        assert "<mark>" not in pages[f"claims/{claim.id}.md"]


# --- Conflicts page ----------------------------------------------------------------------

def test_ids_on_the_conflicts_page_are_unique(pages):
    ids = re.findall(r'\sid="([^"]+)"', pages["conflicts.md"])
    assert len(ids) > 50
    assert not [i for i, n in Counter(ids).items() if n > 1]


def test_claims_with_the_same_conflicts_share_a_frame_and_one_line_each():
    left = [Node(f"a{i}", "words", "overstated", "Clinic A", f"a{i}/") for i in range(3)]
    right = [Node(f"b{i}", "words", "supported", "Clinic B", f"b{i}/") for i in range(5)]
    edges = [Edge(a.claim_id, b.claim_id, "tension") for a in left for b in right]
    source = conflictmap.dot_source(left + right, edges, "LR")
    assert source.count(" -- ") == 1 and source.count("subgraph cluster_") == 2
    assert "ltail=cluster_" in source and "lhead=cluster_" in source
    svg = str(conflictmap.layout(left + right, edges, "m", prefix="map-x-"))
    assert svg.count("<a ") >= 8  # every claim still has its own link


# --- Share cards, previews, sitemap, robots ----------------------------------------------

def test_cards_are_small_pngs_drawn_once_and_then_taken_from_the_cache(catalog, tmp_path):
    from PIL import Image

    drawn, copied = cards.write_cards(catalog, "Ketamine claims, checked",
                                      str(tmp_path / "site"), str(tmp_path / "cache"))
    assert (drawn, copied) == (len(catalog.claims), 0)
    sizes = []
    for claim in catalog.claims:
        data = (tmp_path / "site" / cards.card_path(claim.id)).read_bytes()
        sizes.append(len(data))
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG" and image.size == (1200, 630)
    assert max(sizes) < 60_000, max(sizes)
    again = cards.write_cards(catalog, "Ketamine claims, checked", str(tmp_path / "site2"),
                              str(tmp_path / "cache"))
    assert again == (0, len(catalog.claims))


def test_a_card_changes_when_its_verdict_does(catalog):
    card = cards.cards_for(catalog, "S")[0]
    other = cards.Card(card.claim_id, "contradicted" if card.verdict != "contradicted" else "supported",
                       card.words, card.lead, card.article, card.site)
    assert card.key() != other.key()


def test_claim_pages_name_their_card_and_other_pages_none():
    assert cards.page_card("claims/x-1.md", "https://e.org/k") == "https://e.org/k/cards/x-1.png"
    assert cards.page_card("claims/index.md", "https://e.org/k/") == ""
    assert cards.page_card("sources/x.md", "https://e.org/k/") == ""
    assert cards.page_card("claims/x-1.md", "") == ""


def test_link_preview_titles_fit(catalog):
    from claimcheck.render.titles import shorten

    sources = catalog.by_id("sources")
    for claim in catalog.claims:
        title = shorten(titles.claim_heading(claim, sources[claim.source]), PREVIEW_TITLE_LIMIT)
        assert len(title) <= PREVIEW_TITLE_LIMIT
        assert title.startswith(titles.verdict_label(claim.verdict) + ":")


def test_sitemap_dates_come_from_each_claims_history(catalog):
    claims = catalog.claims
    first, second = claims[0], claims[1]
    history = History(events={
        first.id: [Event(first.id, "added", Commit("a", "2026-01-02", "Add", 0)),
                   Event(first.id, "verdict", Commit("b", "2026-03-04", "Correct", 1))],
        second.id: [Event(second.id, "added", Commit("a", "2026-01-02", "Add", 0))]})
    dates = page_dates(catalog, history, "2026-11-28")
    assert dates[f"claims/{first.id}.md"] == "2026-03-04"
    assert dates[f"claims/{second.id}.md"] == "2026-01-02"
    assert dates[f"claims/{claims[2].id}.md"] == "2026-11-28"  # not in the history read
    assert dates[f"sources/{first.source}.md"] == "2026-11-28"  # its newest claim
    assert dates["index.md"] == "2026-11-28"


def test_robots_txt_allows_all_and_names_the_sitemap():
    assert robots_txt("https://e.org/k/") == "User-agent: *\nAllow: /\nSitemap: https://e.org/k/sitemap.xml\n"
    assert "Sitemap" not in robots_txt("")


def test_the_cards_font_draws_every_character_of_the_verdict_band():
    """A character missing from the font is drawn as an empty box (.notdef) without any
    error: each verdict label and the site's name must be in Source Sans Pro."""
    from PIL import ImageFont

    from claimcheck.render import cards, vocabulary

    font = ImageFont.truetype(str(cards.font_dir() / cards.BOLD), 64)
    notdef = font.getmask("\uffff").getbbox()  # no font has a glyph for a noncharacter
    text = "".join(vocabulary.VERDICT_LABELS.values()) + "Ketamine claims, checked"
    missing = {ch for ch in set(text) - {" "} if font.getmask(ch).getbbox() == notdef}
    assert not missing
    assert font.getmask("✘").getbbox() == notdef  # the check can fail: the icons are missing
