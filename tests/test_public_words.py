"""Public words only (issue 22): the real catalog's built site, its search index and its
exports name no folder of the machine they were made on and no tool readers cannot use.

The same list (claimcheck/publicwords.py) is enforced on the catalog by `claimcheck check`
(`public-words`); this test holds everything a reader receives to it, whatever its origin:
templates, docs pages, the catalog and the export code."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimcheck import publicwords

ROOT = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".txt", ".webmanifest", ".md"}


def _readable_text(path: Path) -> str | None:
    """The words a reader receives in ``path``: text files as they are, Pagefind's page
    fragments (the text search shows) and the sitemap's gzip copy unpacked. The theme's and
    Pagefind's own code (JavaScript, WebAssembly) carries no page words and is left out."""
    data = path.read_bytes()
    if path.suffix in (".pf_fragment", ".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
    elif path.suffix not in TEXT_SUFFIXES:
        return None
    return data.decode("utf-8", errors="replace")


def offending(files: dict[str, str]) -> list[str]:
    """Every machine path or tool word, as 'file: words (context)'."""
    found = []
    for name, text in files.items():
        for hit in publicwords.hits(text):
            context = " ".join(text[max(0, hit.start - 60):hit.end + 60].split())
            found.append(f"{name}: {hit.text!r} ({hit.what}) in ...{context}...")
    return found


@pytest.fixture(scope="module")
def real_site(tmp_path_factory) -> Path:
    """The real catalog's site, built as the Pages workflow builds it."""
    site = tmp_path_factory.mktemp("public-words") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL="https://example.org/ketamine/",
               REPO_URL="https://github.com/example/ketamine-claims")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                           cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert build.returncode == 0, build.stderr[-3000:]
    return site


def test_the_built_site_and_its_search_index_speak_only_public_words(real_site):
    files = {}
    for path in sorted(real_site.rglob("*")):
        if path.is_file() and (text := _readable_text(path)) is not None:
            files[path.relative_to(real_site).as_posix()] = text
    assert any(name.endswith("pf_fragment") for name in files), "the search index was not read"
    assert len([n for n in files if n.endswith(".html")]) > 100
    assert offending(files) == []


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_exports_speak_only_public_words(fmt):
    result = subprocess.run([sys.executable, "-m", "claimcheck.cli", "export", "--format", fmt],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "provenance" in result.stdout or fmt == "csv"
    assert offending({f"claims.{fmt}": result.stdout}) == []


@pytest.mark.parametrize("words", [
    "copied from /work/shared/sources (000_x.txt)", "see /home/ana/notes", "in /tmp/pages",
    "under /root/x", r"C:\Users\ana\notes.txt", "file:///srv/x", "the search tool's \"pages\" corpus",
    "the part the tool returned", "checked with an LLM"])
def test_the_rule_finds_each_kind_of_word(words):
    """The test above can fail: each kind of word it looks for is found in a page's text."""
    assert offending({"page.html": f"<p>Searched PubMed; {words}.</p>"})


@pytest.mark.parametrize("words", [
    "https://example.org/home/tmp/x", "the corpus callosum", "a key tool in the battle",
    "non-monoaminergic agents", "/usr/bin/time -v", "10.1016/j.neuron.2019.01.026"])
def test_public_words_pass(words):
    assert offending({"page.html": f"<p>{words}</p>"}) == []
