"""Tried as a new reader would: search shows a verdict on every claim result, a claim page's
browser title and link-preview title start with the verdict, and the home page opens with
its bottom line. Screenshots go to /tmp/screens for a person to look at."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.render.vocabulary import VERDICT_LABELS

from .conftest import DESKTOP, PHONE, Session, wait_for_search_results

pytestmark = pytest.mark.browser

SCREENS = Path("/tmp/screens")
VERDICT_FIRST = re.compile("^(" + "|".join(map(re.escape, VERDICT_LABELS.values())) + "): ")


def search(page, words: str):
    """Type into the Search page's box (Pagefind's), from the page the reader is on."""
    page.goto(page.url.split("#")[0].rsplit("/", 1)[0] + "/search/", wait_until="load")
    page.locator("#cc-search input").wait_for(state="visible", timeout=15000)
    page.locator("#cc-search input").click()
    page.keyboard.type(words, delay=30)
    wait_for_search_results(page)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_search_for_habenula_shows_a_verdict_on_every_claim_result(browser, served_site, size):
    s = Session(browser, served_site, PHONE if size == "phone" else DESKTOP)
    try:
        page = s.open("")
        search(page, "habenula")
        page.wait_for_timeout(500)  # let the result list settle
        SCREENS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENS / f"search-habenula-{size}.png"))
        results = page.eval_on_selector_all(
            ".pagefind-ui__result",
            """items => items.map(li => {
                 const a = li.querySelector('a');
                 const h = li.querySelector('.pagefind-ui__result-title');
                 return [a ? a.getAttribute('href') : '', h ? h.innerText.trim() : ''];
               })""")
        claim_results = [(href, title) for href, title in results
                         if re.search(r"claims/[a-z0-9-]+/", href)]
        assert claim_results, results
        for href, title in claim_results:
            assert VERDICT_FIRST.match(title), (href, title)
    finally:
        s.context.close()
    assert not s.errors, s.errors


def test_claim_page_title_and_preview_start_with_the_verdict(session, served_site):
    catalog = load_catalog(served_site.catalog)
    for claim in catalog.claims[:4]:
        page = session.open(f"claims/{claim.id}/")
        label = VERDICT_LABELS[claim.verdict]
        assert page.title().startswith(f"{label}: "), page.title()
        assert page.locator("article h1").inner_text().startswith(f"{label}: ")
        for prop, start in (("og:title", f"{label}: "), ("twitter:title", f"{label}: "),
                            ("og:description", f"Verdict: {label}. "),
                            ("twitter:description", f"Verdict: {label}. ")):
            meta = page.locator(f'meta[property="{prop}"], meta[name="{prop}"]')
            assert meta.count() == 1, prop
            assert meta.first.get_attribute("content").startswith(start), prop
        assert page.get_by_text("Not medical advice.").count() == 1


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_home_opens_with_the_bottom_line(browser, served_site, size):
    s = Session(browser, served_site, PHONE if size == "phone" else DESKTOP)
    try:
        for name, path in {"home": "", "claim": "claims/demo-claim-1/", "about": "about/",
                           "corrections": "corrections/", "source": "sources/demo/",
                           "conflicts": "conflicts/"}.items():
            page = s.open(path)
            SCREENS.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENS / f"trust-{name}-{size}.png"))
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= page.viewport_size["width"] + 1, f"{name} scrolls sideways: {width}"
        page = s.open("")
        box = page.locator(".cc-bottom-line")
        assert box.is_visible()
        # the findings are in the first screen, above the verdict chart
        assert box.bounding_box()["y"] < page.viewport_size["height"]
        assert box.bounding_box()["y"] < page.locator("table.cc-bars").bounding_box()["y"]
        assert "cite nothing at all" in box.inner_text()
    finally:
        s.context.close()
    assert not s.errors, s.errors
