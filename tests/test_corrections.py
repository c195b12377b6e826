"""Every verdict change carries its reason (issue 22): `claimcheck check --base` (and, under
GitHub Actions, the pull request's base branch) refuses a changed verdict that no
`corrections` entry records; real git repositories made in temporary folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.cli import main
from claimcheck.history import read_history

from conftest import ROOT
from test_cmd_diff import edit, git, repo  # noqa: F401 - the repository fixture

CHANGE = ("    verdict: overstated\n    rationale: >-\n      Low GABA",
          "    verdict: contradicted\n    rationale: >-\n      Low GABA")
ENTRY = ("        note: Presents the GABA deficit as a hypothesis.\n",
         "        note: Presents the GABA deficit as a hypothesis.\n    corrections:\n"
         "      - date: \"2026-12-04\"\n        from: overstated\n        to: contradicted\n"
         "        reason: A trial found GABA unchanged.\n")


def check(capsys, *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_a_changed_verdict_without_a_correction_is_refused_at_its_line(repo, capsys):
    edit(repo, *CHANGE)
    code, out = check(capsys, "--base", "main")
    assert code == 1
    assert re.search(r"^claims/sources/vip/claims\.yml:10:14: error: the verdict of "
                     r"'vip-gaba-depletion' changed from 'overstated' \(in main\) to "
                     r"'contradicted' with no recorded reason; add under this claim "
                     r"`corrections:` the entry - \{date: \"YYYY-MM-DD\", from: overstated, "
                     r"to: contradicted, reason: \"<why>\"\}", out, re.M), out
    assert check(capsys)[0] == 0  # without a base, nothing to compare with


def test_a_recorded_correction_passes(repo, capsys):
    edit(repo, *CHANGE)
    edit(repo, *ENTRY)
    assert check(capsys, "--base", "main") == (0, "")


def test_a_correction_kept_from_the_base_does_not_cover_a_new_change(repo, capsys):
    edit(repo, *CHANGE)
    edit(repo, *ENTRY)
    git(repo, "commit", "-qam", "corrected")
    edit(repo, "    verdict: contradicted\n", "    verdict: misleading\n")
    code, out = check(capsys, "--base", "main")  # main is now the corrected commit
    assert code == 1 and "changed from 'contradicted' (in main) to 'misleading'" in out
    assert "its last correction (2026-12-04) left it 'contradicted'" in out


def test_the_pull_requests_base_branch_is_the_default_under_github_actions(repo, capsys, monkeypatch):
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    edit(repo, *CHANGE)
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    code, out = check(capsys, "--format", "text")
    assert code == 1 and "(in origin/main)" in out
    monkeypatch.setenv("GITHUB_BASE_REF", "no-such-branch")
    code, out = check(capsys, "--format", "text")
    assert code == 1 and "could not be compared with the pull request's base branch" in out


def test_an_unknown_base_is_a_usage_error(repo, capsys):
    assert main(["check", "--base", "no-such-rev"]) == 2
    assert "--base: unknown git revision 'no-such-rev'" in capsys.readouterr().err


def test_every_verdict_change_in_the_catalogs_history_has_its_reason():
    """The real catalog: each verdict change its git history shows is recorded, with a
    reason, as a correction from and to the same verdicts (any date: a branch's change is
    dated at its commit, the history at the merge)."""
    history = read_history(ROOT / "claims")
    if not history.available or history.partial:
        pytest.skip("needs the catalog's full git history")
    catalog = load_catalog(ROOT / "claims")
    claims = catalog.by_id("claims")
    changes = [e for events in history.events.values() for e in events if e.kind == "verdict"]
    assert len(changes) >= 17
    for event in changes:
        recorded = [(c.old, c.new) for c in claims[event.claim].corrections if c.reason.strip()]
        assert (event.old, event.new) in recorded, f"{event.claim}: {event.detail}"


REASON = "A trial found GABA unchanged & <b>not</b> low."  # markup in a reason is text


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    """A repository where vip-gaba-depletion's verdict changes with its recorded reason and
    vip-shuts-down-areas' changes without one (as in history before corrections were kept)."""
    import shutil

    from conftest import TEST_CATALOG, build_site
    from test_history import commit, edit as edit_file

    repo = tmp_path_factory.mktemp("corrected-repo")
    shutil.copytree(TEST_CATALOG, repo / "claims")
    from test_history import git as dated_git
    dated_git(repo, "init", "-q", "-b", "main")
    commit(repo, "Base catalog", "2026-01-01")
    edit_file(repo, *CHANGE)
    edit_file(repo, ENTRY[0], ENTRY[1].replace("A trial found GABA unchanged.", f'"{REASON}"')
              .replace("2026-12-04", "2026-01-02"))
    edit_file(repo, "verdict: misleading", "verdict: contradicted")
    commit(repo, "Merge a branch", "2026-01-03")
    tmp = tmp_path_factory.mktemp("corrected-site")
    result = build_site(tmp, repo / "claims", site_url="https://checked.example/")
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "site"


def _text(html_text: str) -> str:
    import html
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def test_the_claim_page_shows_why_its_verdict_changed(corrected_site):
    page = (corrected_site / "claims/vip-gaba-depletion/index.html").read_text()
    history = page[page.index('class="cc-history"'):]
    assert "&lt;b&gt;not&lt;/b&gt;" in history and "<b>not</b>" not in history  # escaped
    assert f"Why: {REASON}" in _text(history)
    other = (corrected_site / "claims/vip-shuts-down-areas/index.html").read_text()
    assert "No reason was recorded for this change." in _text(other)


def test_the_changes_page_and_the_feed_give_each_correction_its_reason(corrected_site):
    import xml.etree.ElementTree as ET

    changes = _text((corrected_site / "changes/index.html").read_text())
    assert f"Contradicted. Why: {REASON}" in " ".join(changes.split())
    assert "No reason was recorded for this change." in changes
    atom = "{http://www.w3.org/2005/Atom}"
    summaries = [e.find(f"{atom}summary").text
                 for e in ET.parse(corrected_site / "feed.xml").getroot().iter(f"{atom}entry")]
    assert any(f"to Contradicted. Why: {REASON}" in s for s in summaries), summaries
    assert any("No reason was recorded." in s for s in summaries)


def test_without_git_the_claim_page_still_lists_its_recorded_corrections(tmp_path):
    import shutil

    from conftest import TEST_CATALOG, build_site

    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    edit(tmp_path, *CHANGE)
    edit(tmp_path, *ENTRY)
    result = build_site(tmp_path, tmp_path / "claims")
    assert result.returncode == 0, result.stderr[-3000:]
    page = _text((tmp_path / "site/claims/vip-gaba-depletion/index.html").read_text())
    assert "Verdict corrections recorded in the catalog:" in page
    assert "2026-12-04 Correction" in page and "Why: A trial found GABA unchanged." in page


def test_the_export_carries_each_correction_with_its_reason(repo):
    from claimcheck.export import export_data

    edit(repo, *CHANGE)
    edit(repo, *ENTRY)
    claims = {c["id"]: c for c in export_data(load_catalog(repo / "claims"))["claims"]}
    assert claims["vip-gaba-depletion"]["corrections"] == [
        {"date": "2026-12-04", "from": "overstated", "to": "contradicted",
         "reason": "A trial found GABA unchanged."}]
    assert claims["vip-habenula-over-fire"]["corrections"] == []
