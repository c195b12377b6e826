"""Under mkdocs serve, what an edit cannot change is reused (site/fast/servecache.py): a
page's finished HTML when its generated text is unchanged, each catalog file's parse
when its bytes are. What serve shows after edits must be exactly what a fresh build or
a fresh read gives."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.history import History
from claimcheck.render.pages import SiteInfo, render_site

from conftest import site_catalog, site_config

SITE = SiteInfo(published="2026-11-28")


def record(obj) -> tuple:
    """A catalog record's values, without the parsed file it came from."""
    return tuple((f.name, getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.name != "doc")


def replace(path: Path, old: str, new: str, count: int = 1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def insert(path: Path, pattern: str, text: str, at: str = "end", start: str = ""):
    """Put ``text`` at the start or end of the first match of ``pattern`` (after ``start``)."""
    old = path.read_text(encoding="utf-8")
    match = re.compile(pattern).search(old, old.index(start) if start else 0)
    cut = match.end() if at == "end" else match.start()
    path.write_text(old[:cut] + text + old[cut:], encoding="utf-8")


def edit_rationale(cat: Path):
    insert(cat / "sources/vip/claims.yml", r"(?<=rationale: >-\n)\s+", "Reworded. ")


def edit_conflicting_verdict(cat: Path):
    # demo claims conflict with vip-gaba-depletion: its verdict shows on their pages
    path = cat / "sources/vip/claims.yml"
    text = path.read_text(encoding="utf-8")
    verdict = re.compile(r"verdict: ([a-z-]+)").search(text, text.index("id: vip-gaba-depletion"))
    new = "misleading" if verdict.group(1) == "contested" else "contested"
    path.write_text(text[:verdict.start(1)] + new + text[verdict.end(1):], encoding="utf-8")


def edit_topic_title(cat: Path):
    insert(cat / "topics.yml", r"title: .+", " renamed")


def edit_reference(cat: Path):
    insert(cat / "references.yml", r"citation: (>-?\n\s+|\")?", "Re-read ")


def edit_source_title(cat: Path):
    insert(cat / "sources/demo/source.yml", r"title: .+", " (revised)")


def shift_lines(cat: Path):
    path = cat / "sources/vip/claims.yml"
    first, rest = path.read_text(encoding="utf-8").split("\n", 1)  # the schema line stays first
    path.write_text(f"{first}\n# a comment moves every claim down a line\n{rest}", encoding="utf-8")


def drop_a_conflict(cat: Path):
    # the demo source's conflicts point at vip-gaba-depletion; removing them changes its page
    path = cat / "sources/demo/claims.yml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\n(\s+)conflicts:\n(?:\1  .*\n|\1    .*\n)+", "\n", text)
    path.write_text(text, encoding="utf-8")


def test_serve_after_an_edit_serves_exactly_what_a_fresh_build_writes(tmp_path):
    """The whole path under a real ``mkdocs serve``: after an edit, the pages it serves (some
    rendered again, most reused from the last build) are byte for byte those of a fresh
    ``mkdocs build`` of the edited catalog."""
    import os
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import free_port

    cat = site_catalog(tmp_path / "catalog")
    config = site_config(tmp_path, cat, options="      search: false\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=base)
    log = tmp_path / "serve.log"
    pages = ["claims/vip-gaba-depletion/", "claims/demo-claim-1/", "claims/vip-habenula-over-fire/",
             "claims/", "sources/vip/", "sources/demo/", "topics/gaba/", "", "about/"]

    def get(path: str) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                html = response.read().decode("utf-8")
        except OSError:
            return ""
        # what the server injects into each page it serves, to reload it after a rebuild
        return re.sub(r"<script>[^<]*</script></body>", "</body>", html)

    def wait_for(path: str, needle: str, seconds: float = 120) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in (html := get(path)):
                return html
            time.sleep(0.3)
        raise AssertionError(f"{needle!r} never appeared on /{path}:\n{log.read_text()[-3000:]}")

    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config),
                                 "-a", f"127.0.0.1:{port}"], stdout=out, stderr=out, env=env)
    try:
        wait_for(pages[0], "a lack of GABA can cause depression")
        time.sleep(1)
        replace(cat / "sources/vip/claims.yml", "A lack of GABA can cause depression.",
                "Too little GABA causes depression.")
        wait_for(pages[0], "too little GABA causes depression")
        # edits that change what other pages show: a reused page must not be one of them
        for edit in (edit_conflicting_verdict, edit_topic_title, edit_reference,
                     edit_source_title, shift_lines, drop_a_conflict):
            edit(cat)
        time.sleep(2)
        # a broken catalog shows the error page; mending it brings the site back, reusing
        # what the last sound build made (a count in the log says so)
        claims = cat / "sources/vip/claims.yml"
        good = claims.read_text(encoding="utf-8")
        claims.write_text(re.sub(r"verdict: [a-z-]+", "verdict: not-a-verdict", good, count=1),
                          encoding="utf-8")
        wait_for(pages[2], "cc-serve-errors")
        reused_before = log.read_text().count("pages reused unchanged")
        claims.write_text(good, encoding="utf-8")
        deadline = time.monotonic() + 120
        while "cc-serve-errors" in get(pages[2]) or not get(pages[2]):
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.3)
        served = {p: get(p) for p in pages}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert log.read_text().count("pages reused unchanged from the last build") > reused_before > 0

    site = tmp_path / "fresh"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d",
                           str(site)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    for path in pages:
        assert served[path] == (site / path / "index.html").read_text(encoding="utf-8"), path


def test_parsed_files_are_parsed_again_only_when_their_bytes_change(tmp_path):
    """Under serve each catalog file is parsed once per change (servecache.ParsedFiles); the
    catalog read with them is the catalog read afresh, before and after an edit."""
    from claimcheck.site.fast.servecache import ParsedFiles
    from claimcheck.yamlfile import load_yaml

    from claimcheck.checks import run_checks
    from claimcheck.export import export_data
    from claimcheck.analysis import all_flags, conflicts_by_claim

    cat = site_catalog(tmp_path / "catalog")
    parsed = ParsedFiles()
    first = load_catalog(cat, parsed)
    # a whole build's use of the catalog (checks, pages, downloads) leaves each parse as
    # it was read: the next load reuses it
    assert not run_checks(first)
    render_site(first, True, SITE, History())
    export_data(first, all_flags(first), conflicts_by_claim(first))
    assert [d.data for d in first.docs] == [d.data for d in load_catalog(cat).docs]
    again = load_catalog(cat, parsed)
    assert all(a is b for a, b in zip(first.docs, again.docs))  # every parse reused

    claims = cat / "sources/vip/claims.yml"
    edit_rationale(cat)
    edited = load_catalog(cat, parsed)
    fresh = load_catalog(cat)
    for kind in ("claims", "sources", "topics", "references"):  # as records, without the doc
        assert ([record(x) for x in getattr(edited, kind)]
                == [record(x) for x in getattr(fresh, kind)]), kind
    reparsed = [d.path for a, d in zip(first.docs, edited.docs) if a is not d]
    assert reparsed == [claims]

    claims.write_text("claims: [unclosed\n", encoding="utf-8")  # broken: reported as ever
    broken = load_catalog(cat, parsed)
    assert [str(p) for p in broken.load_problems] == [str(p) for p in load_catalog(cat).load_problems]
    assert broken.load_problems
    claims.unlink()
    assert parsed.load(claims)[1] == load_yaml(claims)[1]  # unreadable: load_yaml's problem
    assert claims not in parsed.files
    topics = cat / "topics.yml"
    assert topics in parsed.files
    parsed.keep_only(d.path for d in load_catalog(cat, parsed).docs if d.path != topics)
    assert topics not in parsed.files and parsed.files  # what a load did not read is let go
