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

from .conftest import DESKTOP, PHONE, Session, wait_for_search_results

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/screens")
PAGE_TYPES = {
    "home": "", "claims": "claims/", "claim": "claims/vip-habenula-over-fire/",
    "source": "sources/demo/", "sources": "sources/", "topic": "topics/lateral-habenula/",
    "topics": "topics/", "conflicts": "conflicts/", "gaps": "gaps/", "matrix": "matrix/",
    "references": "references/", "data": "data/", "glossary": "glossary/", "not-found": "404.html",
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
    wait_for_search_results(page)
    assert "<script>alert('quoted')</script>" in page.locator("#cc-search").inner_text()
    assert page.locator("#cc-search script").count() == 0
    assert not session.dialogs


def result_links(session, words: str) -> list[str]:
    """Where the results of a search from the Search page's address lead."""
    page = session.open(f"search/?q={words}")
    wait_for_search_results(page)
    return page.eval_on_selector_all(".pagefind-ui__result-link",
                                     "links => links.map(a => a.getAttribute('href'))")


def test_search_finds_pages_by_their_own_words_not_by_repeated_boilerplate(session):
    """"clinician" is in every claim page's notice and in the About page: only About is found."""
    hrefs = result_links(session, "clinician")
    assert any(h.startswith("/about/") for h in hrefs), hrefs
    assert not [h for h in hrefs if h.startswith("/claims/")], hrefs


def test_search_finds_a_study_by_its_author_on_the_references_page(session):
    hrefs = result_links(session, "Wasilczuk")
    assert any(h.startswith("/references/") for h in hrefs), hrefs


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
    # the first click on Verdict puts the worst first; the second reverses it
    page.get_by_role("button", name="Verdict").click()
    assert page.locator("#cc-claims tbody tr").first.get_attribute("data-verdict") == "contradicted"
    page.get_by_role("button", name="Verdict").click()
    assert page.locator("#cc-claims tbody tr").last.get_attribute("data-verdict") == "contradicted"
    # a filter can be preset from the address, as the home page's bars do
    page = session.open("claims/?verdict=misleading")
    assert visible_ids(page) == {c.id for c in catalog.claims if c.verdict == "misleading"}


def test_conflict_map_is_static_svg_whose_every_box_links_to_its_claim(session, served_site):
    page = session.open("conflicts/")
    catalog = load_catalog(served_site.catalog)
    in_conflict = {c.id for c in catalog.claims if c.conflicts} | {
        x.claim for c in catalog.claims for x in c.conflicts}
    nodes = page.locator("svg.cc-map g.node")
    assert nodes.count() >= len(in_conflict)
    linked = page.eval_on_selector_all(
        "svg.cc-map g.node", "gs => gs.map(g => g.querySelector('a[href]') ? new URL(g.querySelector('a[href]').getAttribute('href'), location.href).href : '')")
    assert all(linked), "a box without a link"
    assert {h.rstrip("/").rsplit("/", 1)[-1] for h in linked} == in_conflict
    labels = " ".join(page.locator("svg.cc-map").all_text_contents())
    words = next(c.statement for c in catalog.claims if c.id == "vip-gaba-depletion")
    assert words.split()[0] in labels and "vip-gaba-depletion" not in labels
    # the first box leads to its claim page
    first = page.locator("svg.cc-map a").first
    target = first.get_attribute("href")
    first.click()
    page.wait_for_url("**/claims/**")
    assert page.url.rstrip("/").endswith(target.rstrip("/").rsplit("/", 1)[-1])
    # less than 1.5 MB of script, all of it counted from the browser's own resource timing
    page = session.open("conflicts/")
    script = page.evaluate("performance.getEntriesByType('resource')"
                           ".filter(e => e.initiatorType === 'script' || /\\.js(\\?|$)/.test(e.name))"
                           ".reduce((n, e) => n + e.decodedBodySize, 0)")
    assert 0 < script < 1.5e6, script


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
    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, bad


def test_no_claim_page_shows_a_reference_key_outside_a_link(session, served_site):
    """Rationales name studies by catalog key; readers see author-year links instead."""
    import re

    catalog = load_catalog(served_site.catalog)
    key = re.compile(r"\b(" + "|".join(re.escape(r.id) for r in catalog.references) + r")\b")
    linked = 0
    for claim in catalog.claims:
        page = session.open(f"claims/{claim.id}/")
        text = page.evaluate("""() => {
            const article = document.querySelector('article').cloneNode(true);
            article.querySelectorAll('a, script, details.cc-contrib').forEach(e => e.remove());
            return article.innerText; }""")
        assert not key.search(text), (claim.id, key.search(text).group(0))
        linked += page.locator('.md-typeset p a[href*="references/#ref-"]').count()
    assert linked, "no rationale cites a reference by author and year"


def test_every_badge_links_to_its_glossary_entry(session):
    page = session.open("claims/vip-habenula-over-fire/")
    badges = page.locator("article .cc-badge")
    assert badges.count() >= 3
    for i in range(badges.count()):
        badge = badges.nth(i)
        if badge.evaluate("e => e.closest('dt') !== null"):
            continue
        href = badge.get_attribute("href") or ""
        assert "glossary/#" in href and badge.get_attribute("title"), badge.inner_text()
    page.locator("article .cc-verdict").first.click()
    page.wait_for_url("**/glossary/#verdict-*")
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert page.locator("#term-epithalamic-nucleus").count() == 1


def test_claims_table_sorts_on_a_phone(browser, served_site):
    s = Session(browser, served_site, PHONE)
    try:
        page = s.open("claims/")
        assert not page.locator("#cc-claims thead").is_visible()
        page.select_option("#cc-filters select[name=sort]", "Verdict:desc")
        verdicts = page.eval_on_selector_all("#cc-claims tbody tr", "rows => rows.map(r => r.dataset.verdict)")
        assert verdicts[0] == "contradicted" and verdicts[-1] in ("supported", "not-checkable")
        page.select_option("#cc-filters select[name=sort]", "")
        order = page.eval_on_selector_all("#cc-claims tbody tr", "rows => rows.map(r => Number(r.dataset.order))")
        assert order == sorted(order)
    finally:
        s.context.close()
    assert not s.errors, s.errors


def test_not_found_page_offers_search_and_the_ways_in(session):
    page = session.open("404.html")
    for target in ("claims/", "sources/", "topics/"):
        link = page.locator(f'article a[href$="/{target}"]')
        assert link.count() >= 1, target
    page.fill("#cc-404-q", "GABA")
    page.locator("form.cc-404-search button").click()
    page.wait_for_url("**/search/?q=GABA")
    footer = page.locator("footer .cc-footer-links")
    assert footer.locator('a[href$="/glossary/"]').count() == 1
    assert "CC BY 4.0" in page.locator("footer").inner_text()
