"""The search index made while the site is written (site/fast/early.py) is the one Pagefind
makes from the written site, and a page written differently from what was indexed sends
the build back to indexing the written site."""

from __future__ import annotations

import filecmp
import gzip
import json
import re
import subprocess
from pathlib import Path

from claimcheck.site import search
from claimcheck.site.fast.early import BODY, END, Early


def _same_folders(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only, comparing contents."""
    names_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differing = sorted(names_a ^ names_b)
    differing += [n for n in sorted(names_a & names_b)
                  if not filecmp.cmp(a / n, b / n, shallow=False)]
    return differing


def _pages_in_order(bundle: Path) -> list[str]:
    """The fragments of an index's pages, in the order the index numbers its pages."""
    meta = gzip.decompress(next(bundle.glob("*.pf_meta")).read_bytes())
    fragments = {p.name.split(".")[0] for p in (bundle / "fragment").iterdir()}
    return [m.decode() for m in re.findall(rb"en_[0-9a-f]{7}", meta) if m.decode() in fragments]


def test_the_early_index_is_pagefinds_index_of_the_written_site(built_site, tmp_path):
    """Every page's result fragment byte for byte, and the same pages in the index. Only the
    order Pagefind numbers pages in may differ: it is the order the file system lists the
    folder in (Pagefind's own run on the same site in a folder in memory numbers them the
    way the early index does)."""
    again = tmp_path / "pagefind"
    done = subprocess.run(search.command(str(built_site.root), str(again)), capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    early = built_site.root / search.BUNDLE
    assert len(list((early / "fragment").iterdir())) > 20
    assert _same_folders(early / "fragment", again / "fragment") == []
    assert sorted(_pages_in_order(early)) == sorted(_pages_in_order(again))
    assert len(_pages_in_order(early)) == len(list((early / "fragment").iterdir()))
    entry = json.loads((early / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(_pages_in_order(early))


def _page(text: str) -> str:
    """A written page as Material writes it: the article among the rest of the page."""
    return (f"<html><body><nav>menu</nav>\n{BODY}\n    {text}\n   {END}"
            "<footer>foot</footer></body></html>")


def test_a_page_written_differently_is_indexed_from_the_written_site(tmp_path):
    site = tmp_path / "site"
    pages = {"a/index.html": "<h1>Alpha</h1><p>glutamate receptors</p>",
             "b/index.html": "<h1>Beta</h1><p>habenula bursting</p>"}
    early = Early()
    early.start(pages.items(), str(site))
    assert early.folder and Path(early.folder, "a/index.html").is_file()
    for path, content in pages.items():  # b's theme adds a heading the early index lacks
        written = _page(content if path == "a/index.html" else "<h1>Added</h1>" + content)
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(written, encoding="utf-8")
        early.check(path, written)
    assert early.differing == ["b/index.html"]
    done = early.finish(str(site))
    assert "because 1 page did not match" in done and "b/index.html" in done
    assert not Path(early.folder or tmp_path / "gone").exists()
    fragments = [p.read_bytes() for p in (site / search.BUNDLE / "fragment").iterdir()]
    assert len(fragments) == 2  # the written site's pages, indexed after the build


def test_pages_written_as_indexed_keep_the_early_index(tmp_path):
    site = tmp_path / "site"
    pages = {"index.html": "<h1>Home</h1><p>ketamine</p>", "x/index.html": "<h1>X</h1><p>y</p>"}
    early = Early()
    early.start(pages.items(), str(site))
    folder = early.folder
    for path, content in pages.items():
        early.check(path, _page(content))
    assert early.finish(str(site)) == "indexed for search while the pages were written"
    assert (site / search.BUNDLE / "pagefind-entry.json").is_file()
    assert not Path(folder).exists()


def test_a_page_indexed_but_never_written_is_noticed(tmp_path):
    early = Early()
    early.start([("a/index.html", "<h1>A</h1>"), ("b/index.html", "<h1>B</h1>")],
                str(tmp_path / "site"))
    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "a" / "index.html").write_text(_page("<h1>A</h1>"), encoding="utf-8")
    early.check("a/index.html", _page("<h1>A</h1>"))
    assert "because 1 page did not match" in early.finish(str(tmp_path / "site"))


def test_indexing_starts_once_every_page_is_rendered_and_is_kept(tmp_path, monkeypatch):
    """Pagefind starts in one place, once mkdocs has rendered every page and before it writes
    any, with every page's article; the index it makes is the site's. (A real build in this
    process, with Early.start watched.)"""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from claimcheck.site.fast import early as searchearly
    from conftest import site_catalog, site_config

    seen = []
    real_start = searchearly.Early.start

    def start(self, pages, site_dir):
        pages = list(pages)
        seen.append({path for path, _ in pages})
        seen.append(list(config_files.documentation_pages()))
        seen.append({f.src_uri for f in seen[-1] if f.page is not None and f.page.content})
        return real_start(self, pages, site_dir)

    monkeypatch.setattr(searchearly.Early, "start", start)
    finished = []
    real_finish = searchearly.Early.finish
    monkeypatch.setattr(searchearly.Early, "finish",
                        lambda self, site_dir: finished.append(real_finish(self, site_dir)) or finished[-1])
    config = load_config(str(site_config(tmp_path, site_catalog(tmp_path / "catalog"))))
    from mkdocs import plugins
    config_files = None
    real_files = plugins.PluginCollection.on_files

    def on_files(self, files, **kw):
        nonlocal config_files
        config_files = real_files(self, files, **kw)
        return config_files

    monkeypatch.setattr(plugins.PluginCollection, "on_files", on_files)
    try:
        build(config)
    finally:
        gc.unfreeze()
    indexed, pages, read = seen
    assert any(f.src_uri.startswith("claims/") for f in pages)
    assert indexed == {f.dest_uri for f in pages}  # every page, claim pages included
    assert read == {f.src_uri for f in pages}  # every page was rendered when it started
    assert finished == ["indexed for search while the pages were written"]  # and was kept
    site = Path(config.site_dir)
    assert (site / search.BUNDLE / "pagefind-entry.json").is_file()


def test_pagefind_failing_to_start_fails_the_build_without_blaming_a_page(tmp_path, monkeypatch,
                                                                        caplog):
    import gc

    import pytest
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from conftest import site_catalog, site_config

    def missing(pages_dir, output_dir):
        raise search.SearchIndexError("Pagefind is not installed in this Python environment")

    monkeypatch.setattr(search, "command", missing)
    config = load_config(str(site_config(tmp_path, site_catalog(tmp_path / "catalog"))))
    try:
        with pytest.raises(Abort):
            build(config)
    finally:
        gc.unfreeze()
    assert "claimcheck: Pagefind is not installed" in caplog.text
    assert "Error reading page" not in caplog.text  # not blamed on the claim page being read
