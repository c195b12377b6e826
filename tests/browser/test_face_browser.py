"""The finding first, seen in a phone-sized browser (390 x 844): a claim page's verdict and
first reason and an article page's bottom line on the first screen, before the metadata;
the articles-and-topics table and the conflict maps inside the screen's width."""

from __future__ import annotations

import pytest

from claimcheck.catalog import load_catalog

from .conftest import DESKTOP, PHONE, Session

pytestmark = pytest.mark.browser

BOTTOM = "e => e.getBoundingClientRect().bottom + window.scrollY"
TOP = "e => e.getBoundingClientRect().top + window.scrollY"


@pytest.fixture
def phone(browser, served_site):
    s = Session(browser, served_site, PHONE)
    yield s
    s.context.close()
    assert not s.external and not s.errors, (s.external, s.errors)


def test_every_claim_page_shows_its_verdict_and_reason_on_the_first_phone_screen(phone, served_site):
    catalog = load_catalog(served_site.catalog)
    for claim in catalog.claims:
        page = phone.open(f"claims/{claim.id}/")
        finding = page.locator("article .cc-finding")
        assert finding.count() == 1, claim.id
        assert finding.evaluate(BOTTOM) <= PHONE["height"], claim.id


def test_every_article_page_opens_with_its_bottom_line(phone, served_site):
    catalog = load_catalog(served_site.catalog)
    for source in catalog.sources:
        page = phone.open(f"sources/{source.id}/")
        line = page.locator("article .cc-bottom-line")
        assert line.evaluate(BOTTOM) <= PHONE["height"], source.id
        assert line.evaluate(TOP) < page.locator("article .cc-provenance").evaluate(TOP)


def test_the_matrix_and_the_maps_fit_a_phone(phone):
    page = phone.open("matrix/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    cells = page.locator(".cc-matrix td:not(.cc-empty)")
    assert cells.count() > 0
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    page = phone.open("conflicts/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids))


SHOWN_MAPS = """() => [...document.querySelectorAll('.cc-diagram')]
    .filter(d => d.offsetParent !== null)
    .map(d => [d.previousElementSibling.closest('h2') ? d.previousElementSibling.id : '',
               d.querySelector('svg').getAttribute('aria-label'),
               d.scrollWidth, d.clientWidth,
               d.querySelector('svg').getBoundingClientRect().right])"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_conflict_map_is_shown_once_and_fits_without_sideways_scrolling(browser, real_site, viewport):
    """On the real catalog's maps (four of them wider than a phone): a phone shows each wide
    map's narrow rendering, a desktop its wide one; either way one rendering of each map,
    and none scrolls sideways inside its box."""
    s = Session(browser, real_site, viewport)
    try:
        page = s.open("conflicts/")
        shown = page.evaluate(SHOWN_MAPS)
        maps = page.locator("svg.cc-map").evaluate_all("e => e.map(s => s.getAttribute('aria-label'))")
    finally:
        s.context.close()
    assert shown and len(shown) == len(set(maps))  # every map, each once
    assert len([m[1] for m in shown]) == len({m[1] for m in shown})
    too_wide = [(label, scroll, box, right) for _, label, scroll, box, right in shown
                if scroll > box or right > viewport["width"]]
    assert not too_wide, too_wide


def test_no_page_downloads_the_sitemap_and_the_feed_stays_announced(browser, served_site):
    """Material's script reads every <link rel=alternate> as a translation of the site and
    downloads the sitemap beside it (27 KB at 155 claims, 1.4 MB at 10,000) on every page;
    the feed's link must not be read so, yet still name the feed to a feed reader."""
    s = Session(browser, served_site, PHONE)
    asked: list[str] = []
    s.page.on("request", lambda r: asked.append(r.url))
    try:
        page = s.page
        page.goto(served_site.url, wait_until="networkidle")
        feed = page.locator('head link[type="application/atom+xml"]')
        assert feed.count() == 1
        assert feed.evaluate("l => l.relList.contains('alternate')")  # what feed readers look for
        assert page.request.get(feed.evaluate("l => l.href")).ok
        loaded = len(asked)
        page.locator("article a[href*='claims/']").first.click()
        page.wait_for_load_state("networkidle")
        assert "/claims/" in page.url and len(asked) > loaded  # a link was followed
        page.goto(served_site.url + "changes/", wait_until="networkidle")
    finally:
        s.context.close()
    assert not s.external and not s.errors, (s.external, s.errors)
    assert [u for u in asked if "sitemap" in u] == []


CHANGES = """() => {
  const after = h => [...document.querySelectorAll('h2#' + h + ' ~ ul.cc-changes > li, h2#' + h + ' ~ details ul.cc-changes > li')];
  const shown = e => e.checkVisibility();  // false inside a closed <details>
  const corrections = [...document.querySelector('h2#corrections').nextElementSibling.querySelectorAll(':scope > li')];
  const latest = after('latest-changes');
  return {corrections: corrections.length,
          reasons: corrections.filter(li => [...li.querySelectorAll('.cc-reason')].some(shown)).length,
          listed: latest.length, shown: latest.filter(shown).length,
          height: document.documentElement.scrollHeight};
}"""


def test_the_changes_page_reads_on_a_phone(browser, real_site):
    """The real catalog's Changes page at 390 px: every correction shown with its reason,
    then the ten newest changes; the older listed changes folded by month, still there."""
    s = Session(browser, real_site, PHONE)
    try:
        seen = s.open("changes/").evaluate(CHANGES)
        page = s.page
        folded = page.locator("details.cc-changes-month")
        if folded.count():
            folded.first.locator("summary").click()
            opened = page.evaluate(CHANGES)["shown"]
        else:
            opened = seen["shown"]
    finally:
        s.context.close()
    assert seen["corrections"] > 0 and seen["reasons"] == seen["corrections"], seen
    assert seen["shown"] == min(seen["listed"], 10), seen
    assert opened > seen["shown"] or seen["listed"] <= 10, (seen, opened)
