"""Real mkdocs builds: the site is generated from the catalog, and a catalog with problems
stops the build with the CLI's messages and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, TEST_CATALOG, site_config

MKDOCS = [sys.executable, "-m", "mkdocs"]


def build(config: Path, site: Path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(config), "-d", str(site)],
                          capture_output=True, text=True, env=env)


def test_strict_build_of_the_test_catalog(tmp_path):
    site = tmp_path / "site"
    result = build(site_config(tmp_path, TEST_CATALOG), site)
    assert result.returncode == 0, result.stderr
    page = (site / "claims/vip-habenula-over-fire/index.html").read_text()
    assert ("Overstated: in depression the lateral habenula fires too much (VIP Ketamine Clinics, "
            "“How ketamine affects the brain (untitled in the archived text)”)") in page
    assert "Species gap" in page
    assert (site / "claims/index.html").is_file() and (site / "index.html").is_file()
    assert (site / "api/claims.json").is_file() and (site / "claims.csv").is_file()


def test_strict_build_of_the_real_catalog(tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(site)], cwd=ROOT,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert (site / "claims/index.html").is_file()


def test_broken_catalog_stops_the_build_with_the_cli_messages(catalog_copy, tmp_path):
    path = catalog_copy / "sources/vip/claims.yml"
    path.write_text(path.read_text().replace("topics: [gaba]", "topics: [gabba]"))
    site = tmp_path / "site"
    result = build(site_config(tmp_path, catalog_copy), site)
    assert result.returncode != 0
    assert not site.exists()
    cli = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", "--catalog", str(catalog_copy)],
                         capture_output=True, text=True)
    message = cli.stdout.splitlines()[0]
    assert "unknown topic 'gabba'" in message
    assert message in result.stderr
    assert "no site was built" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_catalog_leaves_an_existing_site_untouched(catalog_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build")
    path = catalog_copy / "sources/vip/claims.yml"
    path.write_text(path.read_text().replace("topics: [gaba]", "topics: [gabba]"))
    result = build(site_config(tmp_path, catalog_copy), site)
    assert result.returncode != 0 and "no site was built" in result.stderr
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the last good build"


def test_serve_rebuilds_when_a_claim_file_changes(catalog_copy, tmp_path):
    """mkdocs serve watches the catalog: an edited statement appears without a restart."""
    config = site_config(tmp_path, catalog_copy)
    port = 8765 + os.getpid() % 1000
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([*MKDOCS, "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}/claims/vip-gaba-depletion/"

    def fetch_until(needle: str, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if needle in urllib.request.urlopen(url, timeout=2).read().decode():
                    return True
            except OSError:
                pass
            time.sleep(0.3)
        return False

    try:
        # the heading leads with the verdict: "Overstated: a lack of GABA can cause depression (...)"
        assert fetch_until("Overstated: a lack of GABA can cause depression ("), "site was not served"
        path = catalog_copy / "sources/vip/claims.yml"
        path.write_text(path.read_text().replace("A lack of GABA can cause depression.",
                                                 "Too little GABA causes depression."))
        assert fetch_until("Overstated: too little GABA causes depression ("), "edit was not picked up"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
