"""``mkdocs serve`` on a catalog that breaks and is fixed, in a real browser: the open tab
reloads itself into an error page naming the file and line of every problem, and back into
the site once the file is fixed; the server answers throughout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
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


# --- A serve started on a catalog that is already broken ---------------------------------

def _serve(tmp_path, config, name):
    """Start the real ``mkdocs serve`` on a free port; returns (process, base URL, log)."""
    port = free_port()
    log = (tmp_path / f"{name}.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a",
                             f"127.0.0.1:{port}"], cwd=tmp_path, stdout=log, stderr=log,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    return proc, f"http://127.0.0.1:{port}/", log


def _stop(proc, log) -> None:
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def _wait_for(proc, url: str, wanted, seconds: float = 180) -> float:
    """Poll ``url`` until ``wanted(status, body)``; returns the seconds it took."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        assert proc.poll() is None, "mkdocs serve exited"
        try:
            if wanted(*_get(url)):
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"{url} did not show what was expected within {seconds} s")


def _addresses(tmp_path, catalog) -> list[str]:
    """Every page address of the site a clean copy of ``catalog`` builds, read from its
    sitemap (so the list does not come from the code under test)."""
    from conftest import build_site

    result = build_site(tmp_path / "good", catalog)
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "good" / "site" / "sitemap.xml").read_text(encoding="utf-8")
    return [url.split("/", 3)[3] if url.count("/") >= 3 else ""
            for url in re.findall(r"<loc>([^<]*)</loc>", sitemap)]


def _break(path, old: str, new: str) -> tuple[str, int]:
    """Replace ``old`` once in a catalog file; returns the good text and the line changed."""
    good = path.read_text(encoding="utf-8")
    line = good[:good.index(old)].count("\n") + 1
    path.write_text(good.replace(old, new, 1), encoding="utf-8")
    return good, line


SYNTAX = r"catalog/sources/vip/claims.yml:\d+:\d+: error: invalid YAML"


def test_serve_started_on_a_broken_catalog_shows_every_problem_at_every_address(tmp_path):
    catalog = site_catalog(tmp_path / "catalog")
    (tmp_path / "good").mkdir()
    addresses = _addresses(tmp_path, catalog)
    assert "changes/" in addresses and "claims/vip-gaba-depletion/" in addresses
    # a YAML syntax error in one file (its claims' pages must answer all the same) and a
    # misspelt verdict in another
    claims = catalog / "sources/vip/claims.yml"
    good_claims, _ = _break(claims, "topics: [gaba]", "topics: [gaba")
    demo = catalog / "sources/demo/claims.yml"
    good_demo, verdict_line = _break(demo, "verdict: overstated", "verdict: overstatd")
    config = site_config(tmp_path, catalog)
    proc, base, log = _serve(tmp_path, config, "serve-broken")
    try:
        took = _wait_for(proc, base, lambda status, body: status == 200)
        print(f"error page served {took:.1f} s after start")
        for address in addresses:
            status, body = _get(base + address)
            assert status == 200 and "cc-serve-errors" in body, address
            assert f"catalog/sources/demo/claims.yml:{verdict_line}:" in body, address
            assert "overstatd" in body and re.search(SYNTAX, body), address
        status, body = _get(base + "claims/no-such-claim/")  # any other address, too
        assert re.search(SYNTAX, body)

        claims.write_text(good_claims, encoding="utf-8")
        demo.write_text(good_demo, encoding="utf-8")
        took = _wait_for(proc, base + "claims/vip-gaba-depletion/",
                         lambda status, body: status == 200 and "cc-serve-errors" not in body
                         and WORDS in body.lower())
        print(f"site served {took:.1f} s after the fix")
        for address in addresses:
            status, body = _get(base + address)
            assert status == 200 and "cc-serve-errors" not in body, address
    finally:
        _stop(proc, log)
    assert "Traceback" not in (tmp_path / "serve-broken.log").read_text()


def test_serve_started_without_a_catalog_folder_shows_the_site_once_it_is_added(tmp_path):
    catalog = site_catalog(tmp_path / "kept")
    config = site_config(tmp_path, tmp_path / "catalog")
    proc, base, log = _serve(tmp_path, config, "serve-missing")
    try:
        _wait_for(proc, base + "changes/", lambda status, body: status == 200
                  and "no catalog folder at" in body and "mkdocs.yml:1:1" in body)
        (tmp_path / "catalog").mkdir()  # empty: every missing file is listed
        _wait_for(proc, base + "claims/", lambda status, body: "catalog/topics.yml:1:1" in body
                  and "catalog/references.yml:1:1" in body)
        shutil.copytree(catalog, tmp_path / "catalog", dirs_exist_ok=True)
        _wait_for(proc, base + "claims/vip-gaba-depletion/",
                  lambda status, body: status == 200 and WORDS in body.lower()
                  and "cc-serve-errors" not in body)
    finally:
        _stop(proc, log)
    assert "Traceback" not in (tmp_path / "serve-missing.log").read_text()
