"""Generated pages rendered with their raw HTML set aside come out exactly as mkdocs alone
renders them, and blocks Markdown would not pass through whole stay with Markdown."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from claimcheck.site.fast.markdown import set_aside

from conftest import ROOT, TEST_CATALOG, anchor_ids, site_catalog, site_config


def test_whole_raw_blocks_are_set_aside_and_everything_else_stays():
    text = ("# Title\n\n<p class=\"a\">one</p>\n\nSome *text*.\n\n"
            "<ul>\n<li>x</li>\n</ul>\n\n<p>a</p> trailing text\n\n"
            "<div markdown=\"1\">\n*md*\n</div>\n\n<div>\n<div>inner</div>\n\n</div>\n\n"
            "<span>inline</span>")
    reduced, blocks = set_aside(text)
    assert list(blocks.values()) == ['<p class="a">one</p>', "<ul>\n<li>x</li>\n</ul>"]
    for kept in ("# Title", "Some *text*.", "<p>a</p> trailing text", '<div markdown="1">',
                 "<div>\n<div>inner</div>", "</div>", "<span>inline</span>"):
        assert kept in reduced
    assert all(key in reduced for key in blocks)


def test_anchor_ids_read_as_mkdocs_reads_them():
    block = ('<h2 id="a&amp;b">x</h2><a name="n">y</a><div data-id="no" class="c">'
             "<p id='q'>z</p></div>")
    assert anchor_ids(block) == {"a&b", "n", "q"}


def _build(tmp, catalog, fast: bool, extra: str = "") -> tuple[dict, str]:
    out = tmp / ("fast" if fast else "plain")
    out.mkdir()
    site_config(out, catalog, extra=f"site_dir: {out / 'site'}\n{extra}",
                options=f"      fast_pages: {'true' if fast else 'false'}\n      search: false\n")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                             str(out / "mkdocs.yml")], capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode == 0, result.stderr
    site = out / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and not p.name.endswith(".gz")}, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("which", ["real catalog", "test catalog", "hostile catalog"])
def test_fast_pages_build_the_same_site_as_the_plain_build(tmp_path, which):
    """The fast build (site/fast/: Markdown with raw blocks set aside, claim pages filled
    into shells of Material's page, what the build keeps set aside from the collector)
    gives the site the plain build gives, file by file, byte for byte: for the real
    catalog, and with every payload of the hostile catalog in every field too. (Rendering
    in two processes and making folders ahead start at 500 claims:
    tests/test_parallel_render.py and tests/test_build_helpers.py hold those.)"""
    if which == "hostile catalog":
        from hostile_catalog import write_hostile_catalog
        catalog = write_hostile_catalog(tmp_path / "catalog", TEST_CATALOG)
    elif which == "real catalog":
        catalog = ROOT / "claims"
    else:
        catalog = site_catalog(tmp_path / "catalog", claims=12)
    (fast, log), (plain, plain_log) = _build(tmp_path, catalog, True), _build(tmp_path, catalog, False)
    assert sorted(fast) == sorted(plain)
    differing = [path for path in plain if fast[path] != plain[path]]
    assert differing == []
    claim_pages = [p for p in plain if p.startswith("claims/") and p != "claims/index.html"]
    assert claim_pages
    filled = re.search(r"(\d+) claim pages written into Material's page", log)
    assert filled and 0 < int(filled.group(1)) < len(claim_pages), log  # the first of each kind go through Material
    assert "claim pages written into" not in plain_log
    assert "go through Material's template one by one" not in log


# An mkdocs hook standing for a new page feature: from the third claim page on, values
# Material's templates read (page.meta.hide) differs from the first two.
LATER_PAGES_DIFFER = """
seen = []

def on_page_context(context, page, config, nav):
    if page.file.src_uri.startswith("claims/") and page.file.src_uri != "claims/index.md":
        seen.append(page.file.src_uri)
        later = len(seen) > 2
        page.meta["hide"] = ["navigation"] if later else ["tags"]
    return context
"""


@pytest.mark.slow
def test_a_value_the_templates_read_that_changes_after_page_two_is_not_reused(tmp_path):
    """Each claim page fits its shell only if every value Material's templates read on the
    shell's page is the same on it (site/fast/shells.py): pages 3 and later, which hide
    Material's navigation where pages 1 and 2 do not, come out as Material writes them,
    through shells of their own."""
    hooks = tmp_path / "later_pages_differ.py"
    hooks.write_text(LATER_PAGES_DIFFER, encoding="utf-8")
    catalog = site_catalog(tmp_path / "catalog", claims=12)
    extra = f"hooks:\n  - {hooks}\n"
    (fast, log), (plain, _) = (_build(tmp_path, catalog, True, extra),
                               _build(tmp_path, catalog, False, extra))
    claim_pages = sorted(p for p in plain if p.startswith("claims/") and p.endswith(".html")
                         and p != "claims/index.html")
    hidden = [p for p in claim_pages
              if re.search(rb'md-sidebar--primary"[^>]*hidden', plain[p])]
    assert len(hidden) == len(claim_pages) - 2  # the hook changed pages 3 and later only
    assert [p for p in plain if fast[p] != plain[p]] == []
    filled = re.search(r"(\d+) claim pages written into Material's page", log)
    assert filled and int(filled.group(1)) > 0, log
