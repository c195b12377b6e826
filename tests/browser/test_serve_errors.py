"""``mkdocs serve`` on a catalog that breaks and is fixed, in a real browser: the open tab
reloads itself into an error page naming the file and line of every problem, and back into
the site once the file is fixed; the server answers throughout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import free_port, site_catalog, site_config

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

WORDS = "a lack of gaba can cause depression"  # the claim page's heading holds these words
WAIT_MS = 180_000  # a rebuild of the small catalog takes seconds; the shared test machine is slow


def wait_until_served(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"mkdocs serve did not answer at {url}")


def test_serve_shows_catalog_errors_in_the_browser_and_recovers(browser, tmp_path):
    catalog = site_catalog(tmp_path / "catalog")
    config = site_config(tmp_path, catalog, plugins="  - search\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a",
                             f"127.0.0.1:{port}"], cwd=tmp_path, stdout=log, stderr=log, env=env)
    context = browser.new_context(viewport=DESKTOP)
    try:
        wait_until_served(base)
        page = context.new_page()
        page.goto(base + "claims/vip-gaba-depletion/")
        assert WORDS in page.locator("article h1").inner_text().lower()

        path = catalog / "sources/vip/claims.yml"
        good = path.read_text(encoding="utf-8")
        lines = good.splitlines()
        line = next(i for i, text in enumerate(lines, 1) if "topics: [gaba]" in text)
        path.write_text(good.replace("topics: [gaba]", "topics: [gabba]"), encoding="utf-8")

        # the open tab reloads by itself into the error page
        page.locator(".cc-serve-errors").wait_for(timeout=WAIT_MS)
        shown = page.locator(".cc-serve-error-list").inner_text()
        assert f"catalog/sources/vip/claims.yml:{line}:" in shown
        assert "unknown topic 'gabba'" in shown
        # every address answers, hand-written pages included, and none hangs
        for other in ("", "conflicts/", "methodology/"):
            body = urllib.request.urlopen(base + other, timeout=10).read().decode()
            assert "catalog/sources/vip/claims.yml:" in body, other

        path.write_text(good, encoding="utf-8")
        page.wait_for_function(
            "document.querySelector('article h1') && "
            f"document.querySelector('article h1').innerText.toLowerCase().includes({WORDS!r})",
            timeout=WAIT_MS)
        assert page.locator(".cc-serve-errors").count() == 0
    finally:
        context.close()
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
