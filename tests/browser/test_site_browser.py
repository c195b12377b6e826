"""The built site in a real browser: every page type renders at phone and desktop sizes,
search, the claims table, the conflict map, structured data, accessibility, and no request
outside the site's origin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SCRIPT_QUOTE

from claimcheck.analysis import all_flags
from claimcheck.catalog import load_catalog

from .conftest import DESKTOP, PHONE, Session

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/screens")
PAGE_TYPES = {
    "home": "", "claims": "claims/", "claim": "claims/vip-habenula-over-fire/",
    "source": "sources/demo/", "sources": "sources/", "topic": "topics/lateral-habenula/",
    "topics": "topics/", "conflicts": "conflicts/", "gaps": "gaps/", "matrix": "matrix/",
    "references": "references/", "data": "data/",
}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_page_type_renders_without_outside_requests(browser, served_site, size):
    s = Session(browser, served_site, PHONE if size == "phone" else DESKTOP)
    SCREENS.mkdir(exist_ok=True)
    try:
        for name, path in PAGE_TYPES.items():
            page = s.open(path)
            assert page.locator("article h1").count() == 1, name
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= page.viewport_size["width"] + 1, f"{name} scrolls sideways: {width}"
            page.screenshot(path=str(SCREENS / f"{name}-{size}.png"))
    finally:
        s.context.close()
    assert not s.external, s.external
    assert not s.errors, s.errors


def test_search_finds_a_claim_by_a_word_of_its_quote(session):
    page = session.open("search/")
    page.locator("#cc-search input").click()
    page.keyboard.type("depletion", delay=30)
    hit = page.locator('.pagefind-ui__result a[href*="claims/vip-gaba-depletion/"]').first
    hit.wait_for(timeout=30000)
    assert "GABA" in hit.inner_text()


def test_a_script_in_a_quote_stays_text_in_search_results(session):
    page = session.open("search/?q=cures%20everything")
    result = page.locator(".pagefind-ui__result").first
    result.wait_for(timeout=30000)
    page.wait_for_timeout(500)
    assert "<script>alert('quoted')</script>" in page.locator("#cc-search").inner_text()
    assert page.locator("#cc-search script").count() == 0
    assert not session.dialogs


def test_search_address_carries_the_words_and_results_stay_on_the_site(session):
    page = session.open("search/?q=depletion")
    hit = page.locator(".pagefind-ui__result a").first
    hit.wait_for(timeout=30000)
    assert hit.get_attribute("href").startswith("/claims/")
    assert page.locator("#cc-search input").input_value() == "depletion"


def visible_ids(page) -> set[str]:
    return set(page.eval_on_selector_all(
        "#cc-claims tbody tr:not([hidden]) td.cc-claim-cell a",
        "links => links.map(a => a.getAttribute('href').split('/').filter(Boolean).pop())"))


def test_claims_table_filters_and_sorts(session, served_site):
    catalog = load_catalog(served_site.catalog)
    flags = all_flags(catalog)
    every = {c.id for c in catalog.claims}
    page = session.open("claims/")
    assert visible_ids(page) == every
    cases = [("topic", "gaba", {c.id for c in catalog.claims if "gaba" in c.topics}),
             ("source", "demo", {c.id for c in catalog.claims if c.source == "demo"}),
             ("verdict", "misleading", {c.id for c in catalog.claims if c.verdict == "misleading"}),
             ("flag", "conflict", {c.id for c in catalog.claims if "conflict" in flags[c.id]})]
    for field, value, expected in cases:
        assert expected and expected != every, field
        page.select_option(f"#cc-filters select[name={field}]", value)
        assert visible_ids(page) == expected, field
        assert page.locator("#cc-count").inner_text() == f"Showing {len(expected)} of {len(every)} claims"
        page.select_option(f"#cc-filters select[name={field}]", "")
    page.select_option("#cc-filters select[name=source]", "demo")
    page.select_option("#cc-filters select[name=verdict]", "supported")
    assert visible_ids(page) == {c.id for c in catalog.claims
                                 if c.source == "demo" and c.verdict == "supported"}
    page.click("#cc-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#cc-claims tbody tr[hidden]').length === 0")
    page.get_by_role("button", name="Verdict").click()
    first = page.locator("#cc-claims tbody tr").first.get_attribute("data-verdict")
    assert first == "supported"
    page.get_by_role("button", name="Verdict").click()
    assert page.locator("#cc-claims tbody tr").first.get_attribute("data-verdict") == "contradicted"
    # a filter can be preset from the address, as the home page's bars do
    page = session.open("claims/?verdict=misleading")
    assert visible_ids(page) == {c.id for c in catalog.claims if c.verdict == "misleading"}


def test_conflict_map_renders_to_svg(session, served_site):
    page = session.open("conflicts/")
    page.wait_for_function(
        "document.querySelector('div.mermaid') && document.querySelector('div.mermaid').shadowRoot"
        " && document.querySelector('div.mermaid').shadowRoot.querySelector('svg g.node')",
        timeout=20000)
    nodes = page.evaluate("document.querySelector('div.mermaid').shadowRoot"
                          ".querySelectorAll('svg g.node').length")
    catalog = load_catalog(served_site.catalog)
    in_conflict = {c.id for c in catalog.claims if c.conflicts} | {
        x.claim for c in catalog.claims for x in c.conflicts}
    assert nodes == len(in_conflict)
    labels = page.evaluate("document.querySelector('div.mermaid').shadowRoot"
                           ".querySelector('svg').textContent")
    assert "vip-gaba-depletion" in labels


def test_json_ld_parses_with_the_claim_review_properties(session):
    page = session.open("claims/demo-claim-extra/")
    blocks = page.eval_on_selector_all('script[type="application/ld+json"]',
                                       "els => els.map(e => e.textContent)")
    assert len(blocks) == 1
    review = json.loads(blocks[0])
    for key in ("claimReviewed", "reviewRating", "url", "author", "datePublished", "itemReviewed"):
        assert review[key], key
    assert set(review["reviewRating"]) >= {"alternateName", "ratingValue", "bestRating", "worstRating"}
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"]["name"] == "Demo Clinic"
    assert review["itemReviewed"]["appearance"]["@type"] == "CreativeWork"
    assert review["url"] == page.url


def test_a_script_in_a_quote_shows_as_text(session):
    page = session.open("claims/demo-claim-extra/")
    assert page.locator("blockquote.cc-quote").inner_text() == SCRIPT_QUOTE
    page = session.open("sources/demo/")
    assert SCRIPT_QUOTE in page.locator("#q-demo-claim-extra").inner_text()
    # the quote's link leads to the highlighted span, which is the URL's target
    page = session.open("claims/demo-claim-1/")
    page.get_by_role("link", name="see the quote in the archived text").click()
    page.wait_for_url("**/sources/demo/#q-demo-claim-1")
    assert page.evaluate("document.querySelector(':target').id") == "q-demo-claim-1"


@pytest.mark.parametrize("path", ["", "claims/", "claims/vip-habenula-over-fire/",
                                  "sources/demo/", "conflicts/", "matrix/"])
def test_axe_finds_no_serious_or_critical_violation(session, path):
    from axe_playwright_python.sync_playwright import Axe

    page = session.open(path)
    if path == "conflicts/":
        page.wait_for_function("document.querySelector('div.mermaid')"
                               " && document.querySelector('div.mermaid').shadowRoot", timeout=20000)
    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, bad
