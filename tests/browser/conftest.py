"""Browser fixtures: Debian's chromium driven by Playwright (no browser download), and a
page that refuses, and records, every request leaving the served site's origin."""

from __future__ import annotations

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# Material draws mermaid diagrams in a closed shadow root; open it so tests can see the SVG.
OPEN_SHADOW = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };
"""


# Pagefind first draws each result as a placeholder and fills it in when that page's data
# arrives; read results only once some are filled in and none is still loading.
RESULTS_LOADED = """() => document.querySelector('.pagefind-ui__result-link') !== null
    && document.querySelector('.pagefind-ui__result .pagefind-ui__loading') === null"""


def wait_for_search_results(page, timeout: float = 30000):
    """Wait until Pagefind's result list shows real results, not loading placeholders."""
    page.wait_for_function(RESULTS_LOADED, timeout=timeout)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Session:
    """A browser context on the served site; ``external`` lists refused requests."""

    def __init__(self, browser, site, viewport):
        self.site = site
        self.external: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport=viewport)
        self.context.add_init_script(OPEN_SHADOW)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.site.url) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self, path: str):
        self.page.goto(self.site.url + path, wait_until="load")
        return self.page


def clean_session(browser, site, viewport=DESKTOP):
    """A browser session on ``site`` that, when the test is done, asserts nothing was
    fetched from outside the site, no dialog opened and no script failed."""
    s = Session(browser, site, viewport)
    yield s
    s.context.close()
    assert not s.external, f"requests outside the site: {s.external}"
    assert not s.dialogs, f"a script ran and opened a dialog: {s.dialogs}"
    assert not s.errors, f"JavaScript errors: {s.errors}"


@pytest.fixture
def session(browser, served_site):
    yield from clean_session(browser, served_site)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real catalog's site, built once and served for the session."""
    import threading

    from claimcheck.siteserver import make_server

    from conftest import ROOT, BuiltSite, build_site, free_port

    tmp = tmp_path_factory.mktemp("real-site")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    result = build_site(tmp, ROOT / "claims", site_url=url)
    assert result.returncode == 0, result.stderr
    server = make_server(str(tmp / "site"), port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield BuiltSite(tmp / "site", url, port, ROOT / "claims")
    server.shutdown()
    server.server_close()
