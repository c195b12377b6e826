"""Claim history from git: scripted commits in a temporary repository give exactly the
expected events; the site shows them, dates ClaimReview by them, and publishes a feed; a
shallow clone and a folder outside git still build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from claimcheck.history import read_history

from conftest import TEST_CATALOG, build_site, write_source

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "PATH": "/usr/bin:/bin:/usr/local/bin", "GIT_CONFIG_NOSYSTEM": "1"}
CLAIMS = "claims/sources/vip/claims.yml"


def git(repo: Path, *args: str, date: str = "2026-01-01") -> str:
    env = {**GIT_ENV, "HOME": str(repo), "GIT_AUTHOR_DATE": f"{date}T12:00:00Z",
           "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True, env=env).stdout


def commit(repo: Path, message: str, date: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


def edit(repo: Path, old: str, new: str, file: str = CLAIMS) -> None:
    path = repo / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A repository with six scripted commits on six days: the base catalog; a new
    source and claim; a verdict change; evidence added; the new source's folder renamed,
    and renamed back (its claim ids must start with the folder's name)."""
    repo = tmp_path_factory.mktemp("history-repo")
    shutil.copytree(TEST_CATALOG, repo / "claims")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Base catalog", "2026-01-01")
    write_source(repo / "claims", "demo", 1)
    commit(repo, "Add the demo article", "2026-01-02")
    edit(repo, "verdict: misleading", "verdict: contradicted")
    commit(repo, "Correct vip-shuts-down-areas: the evidence contradicts it", "2026-01-03")
    text = (repo / CLAIMS).read_text()
    start = text.index("  - id: vip-gaba-depletion")
    evidence = text.index("    evidence:\n", start) + len("    evidence:\n")
    (repo / CLAIMS).write_text(text[:evidence] + "      - ref: yang2018\n"
                               "        relation: qualifies\n        note: Added for the test.\n"
                               + text[evidence:])
    commit(repo, "Add evidence to vip-gaba-depletion", "2026-01-04")
    git(repo, "mv", "claims/sources/demo", "claims/sources/demo-article")
    edit(repo, "id: demo\n", "id: demo-article\n", "claims/sources/demo-article/source.yml")
    commit(repo, "Rename the demo article's folder: no change in meaning", "2026-01-05")
    git(repo, "mv", "claims/sources/demo-article", "claims/sources/demo")  # ids need the old name
    edit(repo, "id: demo-article\n", "id: demo\n", "claims/sources/demo/source.yml")
    commit(repo, "Rename it back", "2026-01-06")
    return repo


def summary(history, claim_id):
    return [(e.commit.date, e.kind, e.old, e.new, e.refs_added) for e in history.of(claim_id)]


def test_scripted_commits_give_exactly_the_expected_events(repo):
    history = read_history(repo / "claims")
    assert history.available and not history.partial and history.since == "2026-01-01"
    assert summary(history, "demo-claim-1") == [("2026-01-02", "added", "", "overstated", ())]
    assert summary(history, "vip-shuts-down-areas") == [
        ("2026-01-01", "added", "", "misleading", ()),
        ("2026-01-03", "verdict", "misleading", "contradicted", ())]
    assert summary(history, "vip-gaba-depletion") == [
        ("2026-01-01", "added", "", "overstated", ()),
        ("2026-01-04", "evidence", "", "", ("yang2018",))]
    assert history.first_published("vip-shuts-down-areas") == "2026-01-01"
    assert history.last_changed("vip-shuts-down-areas") == "2026-01-03"
    assert history.last_changed("demo-claim-1") == ""
    # the renames of 2026-01-05 and -06 changed nothing a reader sees
    assert not [e for e in history.recent() if e.commit.date >= "2026-01-05"]
    newest = history.recent()[0]
    assert (newest.commit.date, newest.claim, newest.kind) == ("2026-01-04", "vip-gaba-depletion", "evidence")


def test_a_moved_claim_is_not_withdrawn_and_re_added(tmp_path):
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "base", "2026-02-01")
    folder = tmp_path / "claims/sources"
    shutil.move(folder / "vip", folder / "vip-two")
    commit(tmp_path, "move the folder", "2026-02-02")
    history = read_history(tmp_path / "claims")
    assert [e.kind for e in history.recent()] == ["added"] * 3


def test_withdrawn_claim(tmp_path):
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "base", "2026-02-01")
    (tmp_path / CLAIMS).unlink()
    commit(tmp_path, "withdraw every vip claim", "2026-02-03")
    history = read_history(tmp_path / "claims")
    withdrawn = [e for e in history.recent() if e.kind == "withdrawn"]
    assert len(withdrawn) == 3 and all(e.is_correction for e in withdrawn)


def test_outside_git_the_history_is_unavailable(tmp_path):
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    history = read_history(tmp_path / "claims")
    assert not history.available and history.recent() == []


@pytest.fixture(scope="module")
def site(repo, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("history-site")
    result = build_site(tmp, repo / "claims", site_url="https://checked.example/")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


def test_claim_pages_show_their_history_and_date_claim_review(site):
    page = (site / "claims/vip-shuts-down-areas/index.html").read_text()
    assert 'First published <time datetime="2026-01-01">' in page
    assert 'last changed <time datetime="2026-01-03">' in page
    assert "Correct vip-shuts-down-areas: the evidence contradicts it" in page
    review = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page,
                                  re.S).group(1))
    assert (review["datePublished"], review["dateModified"]) == ("2026-01-01", "2026-01-03")
    unchanged = (site / "claims/demo-claim-1/index.html").read_text()
    assert "Unchanged since then." in unchanged


def test_changes_page_lists_the_correction_first_section(site):
    page = (site / "changes/index.html").read_text()
    corrections = page[page.index('id="corrections"'):page.index('id="latest-changes"')]
    assert "vip-shuts-down-areas" in corrections and "Generated claim demo-claim-1" not in corrections
    assert "Generated claim demo-claim-1" in page[page.index('id="latest-changes"'):]


def test_feed_parses_links_real_pages_and_is_announced(site):
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries, "the feed has entries"
    assert feed.entries[0].title.startswith("Overstated (reasons updated): ")  # the evidence
    for entry in feed.entries:
        path = entry.link.removeprefix("https://checked.example/")
        assert (site / path / "index.html").is_file(), entry.link
    corrected = [e for e in feed.entries if e.title.startswith("Corrected to Contradicted (was Misleading)")]
    assert len(corrected) == 1 and corrected[0].link.endswith("/claims/vip-shuts-down-areas/")
    for page in ("index.html", "claims/vip-gaba-depletion/index.html", "changes/index.html"):
        html = (site / page).read_text()
        href = re.search(r'<link rel="alternate feed" type="application/atom\+xml"[^>]*href="([^"]+)"', html)
        assert href, page
        assert (site / page).parent.joinpath(href.group(1)).resolve() == (site / "feed.xml").resolve()


def test_a_shallow_clone_builds_and_says_its_history_is_partial(repo, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
                   check=True, capture_output=True, env={**GIT_ENV, "HOME": str(tmp_path)})
    history = read_history(clone / "claims")
    assert history.partial and history.since == "2026-01-06"
    assert {e.kind for e in history.recent()} == {"added"}
    result = build_site(tmp_path, clone / "claims")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/claims/vip-gaba-depletion/index.html").read_text()
    assert 'First published on or before <time datetime="2026-01-06">' in page
    assert "not in this copy of the history (a shallow clone)" in page


def test_without_git_the_site_builds_and_says_so(tmp_path):
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    result = build_site(tmp_path, tmp_path / "claims")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/claims/vip-gaba-depletion/index.html").read_text()
    assert "built without the catalog's git history" in page
    assert os.path.getsize(tmp_path / "site/feed.xml") > 0


def test_parallel_branches_merged_give_no_invented_change(tmp_path):
    """Two branches edit different claims of one file and are merged: replaying both sides
    in date order would have one branch's copy 'undo' the other's verdict."""
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "base", "2026-03-01")
    git(tmp_path, "checkout", "-q", "-b", "correction")
    edit(tmp_path, "verdict: misleading", "verdict: contradicted")
    commit(tmp_path, "Correct vip-shuts-down-areas", "2026-03-02")
    git(tmp_path, "checkout", "-q", "main")
    edit(tmp_path, "Presents the GABA deficit as a hypothesis.", "Presents GABA deficit as a hypothesis only.")
    edit(tmp_path, "has not been shown.", "has never been shown.")
    commit(tmp_path, "Reword a rationale", "2026-03-03")
    git(tmp_path, "merge", "-q", "--no-ff", "-m", "Merge the correction", "correction", date="2026-03-04")
    history = read_history(tmp_path / "claims")
    assert summary(history, "vip-shuts-down-areas") == [
        ("2026-03-01", "added", "", "misleading", ()),
        ("2026-03-02", "verdict", "misleading", "contradicted", ())]
    # credited to the commit that made the change, not to the merge that brought it in
    assert history.of("vip-shuts-down-areas")[1].commit.subject == "Correct vip-shuts-down-areas"
    assert [e.kind for e in history.of("vip-gaba-depletion")] == ["added", "rationale"]


def test_feed_links_the_changes_page_as_the_site_is_built():
    from claimcheck.catalog import load_catalog
    from claimcheck.render import render_site

    for directory_urls, changes in ((True, "changes/"), (False, "changes.html")):
        files = {f.path: f.content for f in render_site(load_catalog(TEST_CATALOG), directory_urls)}
        href = re.search(r'rel="alternate" href="([^"]+)"', files["feed.xml"]).group(1)
        assert href.endswith("/" + changes), href


def test_pages_and_feed_word_every_kind_of_change_alike():
    """One wording (vocabulary.change_words): the Changes page shows verdict badges and
    reference links, the feed labels and author-year names, and their words are the same."""
    import html as htmllib

    from claimcheck.catalog import load_catalog
    from claimcheck.history import Commit, Event, History
    from claimcheck.render import render_site
    from claimcheck.render.changes import change_text

    catalog = load_catalog(TEST_CATALOG)
    claim = catalog.claims[0]
    ref = claim.evidence[0].ref
    commit = Commit("0" * 40, "2026-02-01", "edit", 1)
    events = [Event(claim.id, "added", commit, new="overstated"),
              Event(claim.id, "verdict", commit, old="overstated", new="misleading"),
              Event(claim.id, "rationale", commit),
              Event(claim.id, "evidence", commit, refs_added=(ref,), refs_removed=("gone2020",),
                    refs_changed=(ref,)),
              Event(claim.id, "withdrawn", commit, old="misleading")]
    history = History(events={claim.id: events}, available=True, commits_read=1)
    files = {f.path: f.content for f in render_site(catalog, history=history)}
    items = re.findall(r"<li><time[^>]*>.*?</li>", files["changes.md"], re.S)
    feed = files["feed.xml"]
    refs = catalog.by_id("references")
    for event in events:
        plain = change_text(event, refs)
        assert htmllib.escape(plain, quote=False) in feed
        shown = [re.sub(r'<span class="cc-icon"[^>]*>[^<]*</span> ', "", i) for i in items]
        shown = [htmllib.unescape(re.sub(r"<[^>]+>", "", i)) for i in shown]
        # a verdict change is followed by its reason (or that none was recorded)
        assert any(s.endswith(": " + plain) or f": {plain} " in s for s in shown), plain
    assert change_text(events[-1], refs) == "claim withdrawn from the catalog (its verdict was Misleading)."
    assert change_text(events[3], refs).startswith("evidence added: ")
    assert "removed: a reference since removed; what " in change_text(events[3], refs)
