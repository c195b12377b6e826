"""The Check a text page in Chromium, on the real catalog: paraphrases of checked claims
are found, marketing is not, the browser's scoring gives claimmatch.py's results on the
same inputs, pasted markup stays text, and the page is accessible at 390 px."""

from __future__ import annotations

import threading

import pytest

from conftest import ROOT

from claimcheck import claimmatch
from claimcheck.catalog import load_catalog
from claimcheck.sentences import checkability, split
from claimcheck.similarity import terms

from .conftest import DESKTOP, PHONE, Session, clean_session

DATA = ROOT / "tests" / "data" / "checktext"
# A sentence of tests/data/checktext/paraphrases.txt -> the claim it paraphrases
PARAPHRASED = ["vip-habenula-over-fire", "severe-depression-approved-1970",
               "severe-depression-ninety-minute-infusions", "elev8-strengthens-synapses",
               "vip-brain-body-shutoff", "propel-bdnf-mood-cognition",
               "severe-depression-differs-from-antidepressants", "vip-first-appeared-1960s"]


def lines(name: str) -> list[str]:
    return [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def desktop(browser, real_site):
    yield from clean_session(browser, real_site)


def check(page, text: str) -> list[dict]:
    """Paste ``text``, check it; each listed sentence with its matches' claim ids."""
    page.fill("#cc-check-text", text)
    page.click("#cc-check button[type=submit]")
    page.wait_for_selector("#cc-check-heading")
    return page.evaluate("""() => Array.from(document.querySelectorAll('.cc-check-sentence')).map(li => ({
        said: li.querySelector('.cc-check-said').textContent,
        none: li.querySelector('.cc-check-none') !== null,
        claims: Array.from(li.querySelectorAll('.cc-check-match')).map(m => m.dataset.claim),
        scores: Array.from(li.querySelectorAll('.cc-check-match')).map(m => Number(m.dataset.score))}))""")


def claim_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def test_paraphrased_claims_are_found_and_marketing_is_not(desktop):
    page = desktop.open("check/")
    paraphrases, marketing = lines("paraphrases.txt"), lines("marketing.txt")
    mixed = [s for pair in zip(paraphrases, marketing) for s in pair] + paraphrases[len(marketing):]
    shown = {row["said"]: row for row in check(page, " ".join(mixed))}
    for sentence, wanted in zip(paraphrases, PARAPHRASED):
        assert wanted in [claim_id(c) for c in shown[sentence]["claims"][:3]], (sentence, shown[sentence])
    for sentence in marketing:
        assert not shown.get(sentence, {"claims": []})["claims"], (sentence, shown[sentence])
    # each match says what it is: verdict first, then the claim, the article and how close
    first = page.locator(".cc-check-match").first
    assert first.locator(":scope > *").first.get_attribute("class").startswith("cc-badge")
    assert "of 1" in first.locator(".cc-check-score").inner_text()
    assert "not a verdict on the text you pasted" in page.locator("article").inner_text()


def test_the_browser_scores_as_claimmatch_does(desktop):
    """Every archived article's sentences, words, cues and matches, in both."""
    page = desktop.open("check/")
    catalog = load_catalog(ROOT / "claims")
    claims = [c for c in catalog.claims if c.id]
    index = claimmatch.build([claimmatch.claim_text(c) for c in claims])
    texts = [catalog.archive(s).text for s in catalog.sources]
    sentences = []
    for text in texts:
        mine = [s.text for s in split(text)]
        assert page.evaluate("t => window.ccCheckText.split(t)", text) == mine
        sentences += mine
    sentences += lines("paraphrases.txt") + lines("marketing.txt")
    assert page.evaluate("ss => ss.map(window.ccCheckText.terms)", sentences) == [terms(s) for s in sentences]
    theirs = page.evaluate("ss => window.ccCheckText.score(ss)", sentences)  # loads the cues too
    cues = page.evaluate("ss => ss.map(window.ccCheckText.checkability)", sentences)
    assert cues == pytest.approx([checkability(s) for s in sentences], abs=1e-9)
    compared = 0
    for sentence, got in zip(sentences, theirs):
        want = index.matches(sentence)
        assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-9), sentence
        assert [c for c, _ in got] == [c for c, _ in want], sentence
        compared += len(want)
    assert compared > 200


def test_pasted_markup_is_shown_as_text(desktop):
    page = desktop.open("check/")
    said = "<img src=x onerror=alert(1)> Ketamine resets the lateral habenula, the brain's anti-reward centre."
    rows = check(page, said)
    assert rows[0]["said"] == said
    assert page.locator("#cc-check-results img").count() == 0


def test_keyboard_screen_reader_and_phone(browser, real_site):
    from axe_playwright_python.sync_playwright import Axe

    s = Session(browser, real_site, PHONE)
    try:
        page = s.open("check/")
        page.focus("#cc-check-text")
        page.keyboard.insert_text(" ".join(lines("paraphrases.txt") + lines("marketing.txt")))
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("#cc-check-heading")
        assert page.evaluate("document.activeElement.id") == "cc-check-heading"
        assert "close to a claim already checked" in page.locator("#cc-check-status").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        violations = Axe().run(page).response["violations"]
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
        assert not bad, bad
        # the reader's menu and the home page lead here
        home = s.open("")
        assert home.locator('article a[href="check/"]').count() >= 1
        assert home.locator('nav a[href="check/"]').count() >= 1
    finally:
        s.context.close()
    assert not s.external and not s.errors and not s.dialogs


def test_hostile_catalog_text_shows_as_text(browser, hostile_site):
    """A claim and an article name carrying the OWASP payloads, matched and shown: text only."""
    from claimcheck.siteserver import make_server
    from hostile_catalog import INJECTED, PAYLOAD

    server = make_server(str(hostile_site.root), hostile_site.port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    s = Session(browser, hostile_site, DESKTOP)
    try:
        page = s.open("check/")
        rows = check(page, f"Ketamine is said to {PAYLOAD} in the brain.")
        assert [claim_id(c) for c in rows[0]["claims"]][:1] == ["hostile-second"]
        shown = " ".join(page.locator(".cc-check-match").first.inner_text().split())
        assert f"Ketamine also {PAYLOAD}" in shown and f"Hostile Clinic {PAYLOAD}" in shown
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator(f"#cc-check-results :is({INJECTED})").count() == 0
        assert page.locator("#cc-check-results script").count() == 0
    finally:
        s.context.close()
        server.shutdown()
        server.server_close()
    assert not s.dialogs and not s.errors and not s.external
