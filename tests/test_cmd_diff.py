"""claimcheck diff BASE, on real git repositories made in temporary folders."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from claimcheck.cli import main

from conftest import TEST_CATALOG

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**GIT_ENV, "PATH": "/usr/bin:/bin:/usr/local/bin",
                               "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1"}).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository whose first commit holds the test catalog in claims/."""
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(repo: Path, old: str, new: str, file: str = "claims/sources/vip/claims.yml") -> None:
    path = repo / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def diff(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_no_change(repo, capsys):
    assert diff(capsys, "main") == (0, "No change in the catalog's claims since main.\n", "")


def test_verdict_flags_conflict_and_support(repo, capsys):
    # the only supporting reference of vip-habenula-over-fire becomes a qualifying one,
    # its conflict goes, and vip-gaba-depletion becomes uncited -> vague
    edit(repo, "        relation: supports\n        note: Rats and mice only.",
         "        relation: qualifies\n        note: Rats and mice only.")
    edit(repo, "    conflicts:\n      - claim: vip-shuts-down-areas\n        kind: contradiction\n"
               "        note: Test conflict between two claims of one article.\n", "")
    edit(repo, "verdict: misleading", "verdict: contradicted")
    code, out, _ = diff(capsys, "main")
    assert code == 0
    assert "vip-shuts-down-areas: misleading -> contradicted (claims/sources/vip/claims.yml:" in out
    assert "Last supporting reference removed:\n  vip-habenula-over-fire: was supported by yang2018" in out
    assert "Flags lost:\n  vip-habenula-over-fire: conflict, species-gap\n  vip-shuts-down-areas: conflict" in out
    assert "Conflicts removed:\n  vip-habenula-over-fire <-> vip-shuts-down-areas" in out
    assert "Conflicts added" not in out and "Claims added" not in out
    assert out.startswith("Catalog changes since main: 1 verdict changed, 1 claim left without support, "
                          "1 conflict removed.")


def test_added_removed_and_conflict_added_after_commits(repo, capsys):
    git(repo, "tag", "base")
    edit(repo, "  - id: vip-gaba-depletion\n", "  - id: vip-gaba-lack\n")
    edit(repo, "        note: Presents the GABA deficit as a hypothesis.\n",
         "        note: Presents the GABA deficit as a hypothesis.\n    conflicts:\n"
         "      - claim: vip-shuts-down-areas\n        kind: contradiction\n        note: Opposite directions.\n")
    git(repo, "commit", "-qam", "rename and conflict")
    code, out, _ = diff(capsys, "base")
    assert code == 0
    assert "Claims added:\n  vip-gaba-lack: overstated; flags: uncited, conflict (claims/sources/vip/claims.yml:3)" in out
    assert "Claims removed:\n  vip-gaba-depletion (was overstated)" in out
    assert "Conflicts added:\n  vip-gaba-lack <-> vip-shuts-down-areas" in out
    assert "Flags gained" not in out  # the new claim's flags are shown with it
    # against the latest commit nothing is left
    assert diff(capsys, "HEAD")[1].startswith("No change")


def test_quote_and_statement_edits_but_not_rewrapping(repo, capsys):
    edit(repo, "quote: the lateral habenula tends to over fire", "quote: >-\n      the lateral habenula\n      tends to over fire")
    assert diff(capsys, "main")[1].startswith("No change")
    edit(repo, "tends to over fire", "tends to over fire causing")
    edit(repo, "statement: A lack of GABA can cause depression.", "statement: Too little GABA causes depression.")
    out = diff(capsys, "main")[1]
    assert ('Quotes edited:\n  vip-habenula-over-fire: "the lateral habenula tends to over fire" -> '
            '"the lateral habenula tends to over fire causing"') in out
    assert ('Statements edited:\n  vip-gaba-depletion: "A lack of GABA can cause depression." -> '
            '"Too little GABA causes depression."') in out


def test_markdown_for_the_job_summary_escapes_catalog_text(repo, capsys):
    edit(repo, "statement: A lack of GABA can cause depression.", "statement: A *lack* of <b>GABA</b> | [x](y)")
    code, out, _ = diff(capsys, "main", "--format", "markdown")
    assert code == 0
    assert out.startswith("### Catalog changes since `main`\n")
    assert "#### Statements edited" in out
    assert r"A \*lack\* of \<b\>GABA\</b\> \| \[x\](y)" in out
    assert "<b>" not in out


def test_new_catalog_folder_means_everything_is_added(repo, capsys):
    shutil.copytree(TEST_CATALOG, repo / "other")
    code, out, _ = diff(capsys, "main", "--catalog", "other")
    assert code == 0
    assert "3 claims added" in out


def test_problems_in_the_working_tree_are_noted(repo, capsys):
    edit(repo, "verdict: misleading", "verdict: wrong")
    out = diff(capsys, "main")[1]
    assert "misleading -> wrong" in out
    assert "Note: the working tree's catalog has 1 problem; run 'claimcheck check'." in out


def test_bad_revision_and_no_repository_are_usage_errors(repo, tmp_path_factory, capsys, monkeypatch):
    code, out, err = diff(capsys, "no-such-branch")
    assert (code, out) == (2, "")
    assert "unknown git revision 'no-such-branch'" in err
    elsewhere = tmp_path_factory.mktemp("norepo")
    shutil.copytree(TEST_CATALOG, elsewhere / "claims")
    monkeypatch.chdir(elsewhere)
    code, _, err = diff(capsys, "main")
    assert code == 2 and "not inside a git repository" in err


def test_sources_added_and_removed_are_listed(repo, capsys):
    """A new article (with or without claims yet) and a removed one are named, not only
    their claims."""
    new = repo / "claims/sources/vip-again"
    new.mkdir()
    shutil.copy(repo / "claims/sources/vip/archive.txt", new / "archive.txt")
    source = (repo / "claims/sources/vip/source.yml").read_text()
    (new / "source.yml").write_text(source.replace("id: vip\n", "id: vip-again\n")
                                    .replace("title: How ketamine", "title: Again, how *ketamine*"))
    code, out, _ = diff(capsys, "main")
    assert code == 0
    assert out.startswith("Catalog changes since main: 1 source added.")
    assert '\nSources added:\n  vip-again: 0 claims — "Again, how *ketamine* affects the brain' in out
    assert "Sources removed" not in out
    code, out, _ = diff(capsys, "main", "--format", "markdown")
    assert "#### Sources added\n\n- vip-again: 0 claims — “Again, how \\*ketamine\\* affects" in out
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "second article")
    shutil.rmtree(repo / "claims/sources/vip")
    out = diff(capsys, "HEAD")[1]
    assert "1 source removed, 3 claims removed" in out
    assert '\nSources removed:\n  vip (had 3 claims) — "How ketamine affects the brain' in out
    assert "vip-again" not in out
