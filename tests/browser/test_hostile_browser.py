"""Every page of the hostile catalog's site in Chromium: no payload runs, opens a dialog
or leaves an element; the text reads as written; searching for the payload is safe too."""

from __future__ import annotations

import threading

import pytest
from hostile_catalog import INJECTED, PAYLOAD, SEARCH_WORD, VECTORS

from .conftest import DESKTOP, Session, wait_for_search_results

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROBE = """() => ({
  pwned: typeof window.__pwned !== 'undefined',
  injected: document.querySelectorAll(%r).length,
  scripts: [...document.scripts].filter(s => s.type !== 'application/ld+json'
                                          && s.text.includes('__pwned')).length,
})""" % INJECTED


@pytest.fixture(scope="module")
def hostile_session(browser, hostile_site):
    from claimcheck.siteserver import make_server

    server = make_server(str(hostile_site.root), hostile_site.port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    session = Session(browser, hostile_site, DESKTOP)
    yield session
    session.context.close()
    server.shutdown()
    server.server_close()
    assert not session.external, f"requests outside the site: {session.external}"


def _clean(session, path):
    state = session.page.evaluate(PROBE)
    assert state == {"pwned": False, "injected": 0, "scripts": 0}, path
    assert not session.dialogs, f"a dialog opened on {path}: {session.dialogs}"


def test_no_payload_runs_on_any_page(hostile_session, hostile_site):
    pages = sorted(p.relative_to(hostile_site.root).as_posix()
                   for p in hostile_site.root.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        hostile_session.open(path.removesuffix("index.html"))
        _clean(hostile_session, path)


def test_payload_text_reads_as_written(hostile_session):
    page = hostile_session.open("claims/hostile-payload/")
    assert PAYLOAD in " ".join(page.locator("blockquote.cc-quote").inner_text().split())
    assert PAYLOAD in " ".join(page.locator("article h1").inner_text().split())
    assert VECTORS[1] in page.title()
    page = hostile_session.open("sources/hostile/")
    assert PAYLOAD in " ".join(page.locator("article").inner_text().split())
    _clean(hostile_session, "sources/hostile/")


def test_searching_for_the_payload_shows_it_as_text(hostile_session):
    """Pagefind's results put excerpts into the page as HTML: they must stay text."""
    for words in (SEARCH_WORD, "script window"):
        page = hostile_session.open(f"search/?q={words.replace(' ', '+')}")
        wait_for_search_results(page)
        shown = page.locator("#cc-search").inner_text()
        assert "<script>" in shown or "pwned" in shown
        _clean(hostile_session, f"search results for {words!r}")
