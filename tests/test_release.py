"""Releases: pinned and least-privilege workflows, the release workflow, Dependabot, issue
forms, CITATION.cff, the data version and licence in the export and on the site, and the
changelog generated from git tags (real git, real repositories in tmp)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimcheck.catalog import load_catalog
from claimcheck.cli import main
from claimcheck.export import export_data
from claimcheck.release import CONTENT_LICENSE, read_release

from conftest import ROOT

BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


# --- Workflows: pinned, least privilege ----------------------------------------------------

def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version():
    for workflow in WORKFLOWS:
        for line in workflow.read_text().splitlines():
            if m := re.match(r"\s*(?:- )?uses:\s*(\S+)(.*)", line):
                action, comment = m.groups()
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), (workflow.name, line)
                assert re.fullmatch(r"\s+# v\d+(\.\d+)*", comment), (workflow.name, line)


def test_one_sha_per_action_across_workflows():
    """Dependabot moves them together; two SHAs for one action means a missed update."""
    seen: dict[str, set[str]] = {}
    for workflow in WORKFLOWS:
        for action, sha in re.findall(r"uses:\s*([\w./-]+)@([0-9a-f]{40})", workflow.read_text()):
            seen.setdefault(action, set()).add(sha)
    assert seen and all(len(shas) == 1 for shas in seen.values()), seen


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_granted_per_job_and_checkouts_keep_no_credentials(workflow):
    data = load(workflow)
    assert data["permissions"] == {}, "grant permissions per job, none at the top"
    for name, job in data["jobs"].items():
        assert "permissions" in job, (workflow.name, name)
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, (workflow.name, name)


def test_only_jobs_that_run_no_project_code_may_write():
    for workflow in WORKFLOWS:
        for name, job in load(workflow)["jobs"].items():
            writes = {k for k, v in job["permissions"].items() if v == "write"}
            if writes:
                runs = "\n".join(s.get("run", "") for s in job["steps"])
                assert ".venv" not in runs and "setup.sh" not in runs, (workflow.name, name)
                assert not any(s.get("uses", "").startswith("actions/checkout") for s in job["steps"])
    assert load(GITHUB / "workflows/release.yml")["jobs"]["publish"]["permissions"] == {"contents": "write"}


def test_release_workflow_runs_on_version_tags_and_attaches_the_exports():
    release = load(GITHUB / "workflows/release.yml")
    assert release[True] == {"push": {"tags": ["v*"]}}
    build = "\n".join(s.get("run", "") for s in release["jobs"]["build"]["steps"])
    for needed in ("scripts/setup.sh", "claimcheck check", 'if [ "$TAG" != "v$version" ]',
                   "mkdocs build --strict", "export --format json", "export --format csv",
                   "claimcheck changelog --release"):
        assert needed in build, needed
    publish = release["jobs"]["publish"]["steps"][-1]["run"]
    for attached in ("claims-$TAG.json", "claims-$TAG.csv", "site-$TAG.tar.gz", "--notes-file"):
        assert attached in publish, attached
    assert release["jobs"]["publish"]["needs"] == "build"


# --- Dependabot, issue forms, CITATION.cff -------------------------------------------------

@pytest.mark.parametrize("schema, files", [
    ("vendor.dependabot", [".github/dependabot.yml"]),
    ("vendor.github-issue-forms", [".github/ISSUE_TEMPLATE/claim-error.yml",
                                   ".github/ISSUE_TEMPLATE/suggest-article.yml"]),
    ("vendor.github-issue-config", [".github/ISSUE_TEMPLATE/config.yml"]),
    ("vendor.citation-file-format", ["CITATION.cff"]),
])
def test_files_match_their_published_schemas(schema, files):
    result = schema_check(schema, *(ROOT / f for f in files))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("schema, broken", [
    ("vendor.citation-file-format", "cff-version: 1.2.0\ntitle: x\n"),  # no authors, no message
    ("vendor.github-issue-forms", "name: x\ndescription: y\nbody:\n  - type: nonsense\n"),
    ("vendor.dependabot", "version: 2\nupdates:\n  - package-ecosystem: pip\n"),
])
def test_the_schema_checks_can_fail(tmp_path, schema, broken):
    path = tmp_path / "broken.yml"
    path.write_text(broken)
    assert schema_check(schema, path).returncode == 1


def test_dependabot_watches_the_lock_and_the_actions():
    updates = {u["package-ecosystem"]: u for u in load(GITHUB / "dependabot.yml")["updates"]}
    assert set(updates) == {"pip", "github-actions"}
    assert (ROOT / updates["pip"]["directory"].lstrip("/") / "runtime.txt").is_file()


def test_issue_forms_ask_for_the_claim_and_link_the_guide():
    form = load(GITHUB / "ISSUE_TEMPLATE/claim-error.yml")
    ids = {item.get("id") for item in form["body"]}
    assert {"claim", "part", "details", "evidence"} <= ids
    assert next(i for i in form["body"] if i.get("id") == "claim")["validations"]["required"] is True
    for name in ("claim-error.yml", "suggest-article.yml"):
        assert "CONTRIBUTING.md" in (GITHUB / "ISSUE_TEMPLATE" / name).read_text()


def test_citation_matches_the_catalog_release():
    release, problems = read_release(ROOT / "claims")
    assert not problems and release
    cff = load(ROOT / "CITATION.cff")
    assert str(cff["version"]) == release.version and str(cff["date-released"]) == release.date
    assert CONTENT_LICENSE["id"] in cff["license"] and "MIT" in cff["license"]


def test_licence_file_has_both_parts_and_excludes_the_articles():
    text = (ROOT / "LICENSE").read_text()
    assert "MIT License" in text and "Attribution 4.0 International" in text
    assert "the contributors of this repository" in text
    articles = text.split("3. Not licensed by this repository")[1]
    assert "archive.txt" in articles and "grants no\nlicence to them" in articles


# --- The data version and licence in the export and on the site --------------------------

def test_export_carries_the_data_version_and_the_licence(capsys):
    assert main(["export", "--catalog", str(ROOT / "claims")]) == 0
    data = json.loads(capsys.readouterr().out)
    release, _ = read_release(ROOT / "claims")
    assert data["schema_version"] == 1
    assert data["data_version"] == release.version and data["data_released"] == release.date
    assert data["license"]["id"] == "CC-BY-4.0"
    assert data["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_a_catalog_without_release_file_exports_null_version(catalog_copy):
    (catalog_copy / "release.yml").unlink(missing_ok=True)
    data = export_data(load_catalog(catalog_copy))
    assert data["data_version"] is None and data["license"]["id"] == "CC-BY-4.0"


@pytest.mark.parametrize("content, message, line", [
    ('version: "1.0"\ndate: "2026-11-28"\n', "release version must be text like '1.2.0'", 1),
    ('version: "1.0.0"\ndate: 2026-13-01\n', "release date must be text like '2026-11-28'", 2),
    ('version: "1.0.0"\ndate: "2026-11-28"\nlicence: x\n', "unknown key 'licence'", 3),
])
def test_a_malformed_release_file_is_a_located_problem(catalog_copy, capsys, content, message, line):
    (catalog_copy / "release.yml").write_text(content)
    assert main(["check", "--catalog", str(catalog_copy)]) == 1
    out = capsys.readouterr().out
    assert re.search(rf"catalog/release\.yml:{line}:\d+: error: {re.escape(message)}.*\[release\]", out), out


# --- Changelog from git tags ----------------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          cwd=repo, capture_output=True, text=True, check=True).stdout


def set_release(catalog: Path, version: str, date: str) -> None:
    (catalog / "release.yml").write_text(f'version: "{version}"\ndate: "{date}"\n')


def released_repo(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A git repository holding the test catalog, its release 1.0.0 tagged v1.0.0; the
    test runs inside it. Returns the repository and its catalog folder."""
    repo = tmp_path / "repo"
    catalog = repo / "claims"
    shutil.copytree(ROOT / "tests/data/catalog", catalog)
    monkeypatch.chdir(repo)
    git(repo, "init", "-q", "-b", "main")
    set_release(catalog, "1.0.0", "2026-01-01")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    git(repo, "tag", "v1.0.0")
    return repo, catalog


def test_changelog_lists_each_tagged_release_and_what_changed(tmp_path, capsys, monkeypatch):
    repo, catalog = released_repo(tmp_path, monkeypatch)
    claims_file = next(catalog.glob("sources/*/claims.yml"))
    data = yaml.safe_load(claims_file.read_text())
    first = data["claims"][0]
    old_verdict = first["verdict"]
    new_verdict = "misleading" if old_verdict != "misleading" else "overstated"
    text = claims_file.read_text()
    claims_file.write_text(text.replace(f"verdict: {old_verdict}", f"verdict: {new_verdict}", 1))
    set_release(catalog, "1.1.0", "2026-02-01")
    assert main(["check", "--catalog", "claims"]) == 0, capsys.readouterr()
    git(repo, "commit", "-qam", "second")
    git(repo, "tag", "v1.1.0")
    assert main(["changelog", "--catalog", "claims"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Changelog")
    assert out.index("## 1.1.0 (2026-02-01)") < out.index("## 1.0.0 (2026-01-01)")  # newest first
    assert "First release:" in out.split("## 1.0.0")[1]
    assert f"{first['id']}: {old_verdict} -> {new_verdict}" in out
    assert "not yet tagged" not in out
    assert main(["changelog", "--catalog", "claims", "--release", "v1.1.0"]) == 0
    notes = capsys.readouterr().out
    assert notes.startswith("## 1.1.0") and "1.0.0" not in notes
    set_release(catalog, "1.2.0", "2026-03-01")  # raised but not tagged yet
    assert main(["changelog", "--catalog", "claims"]) == 0
    assert "## 1.2.0 (2026-03-01, not yet tagged)" in capsys.readouterr().out
    assert main(["changelog", "--catalog", "claims", "--release", "v9.9.9"]) == 2
    assert "no release tag 'v9.9.9'" in capsys.readouterr().err


def test_changelog_file_is_the_generated_one():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert text.startswith("# Changelog") and "claimcheck changelog > CHANGELOG.md" in text
    release, _ = read_release(ROOT / "claims")
    assert f"## {release.version} (" in text


def test_cite_block_gives_version_date_and_licence():
    from claimcheck.render.cite import MARKER, fill
    catalog = load_catalog(ROOT / "claims")
    page = fill(f"# Data\n\n{MARKER}\n", catalog, "Ketamine claims, checked", "https://example.org/")
    page = page.replace("\\", "")  # as read: Markdown escapes removed
    release = catalog.release
    assert MARKER not in page
    assert f"data version {release.version} ({release.date})" in page
    assert f"`{release.tag}`" in page and "CC-BY-4.0" in page and "<https://example.org/>" in page
    assert MARKER in (ROOT / "docs/data.md").read_text()


@pytest.mark.slow
def test_built_site_shows_the_licence_in_every_footer(built_site):
    for page in ("index.html", "data/index.html", "claims/index.html"):
        html = (built_site.root / page).read_text()
        footer = html.split("md-footer")[-1]
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in footer, page
        assert "CC BY 4.0" in footer and "code: MIT" in footer
    data = (built_site.root / "data/index.html").read_text()
    assert "claimcheck:cite" not in data and "no data release yet" in data  # the test catalog has none


def test_release_notes_of_one_tag_are_its_section_of_the_changelog(tmp_path, capsys, monkeypatch):
    """--release reads only that release and the one before it; its notes must still be
    exactly the section the whole changelog gives it, and outside git it is a usage error."""
    repo = tmp_path / "repo"
    catalog = repo / "claims"
    shutil.copytree(ROOT / "tests/data/catalog", catalog)
    monkeypatch.chdir(repo)
    git(repo, "init", "-q", "-b", "main")
    claims_file = next(catalog.glob("sources/*/claims.yml"))
    for n, statement in enumerate(["first wording", "second wording", "third wording"]):
        set_release(catalog, f"1.{n}.0", f"2026-0{n + 1}-01")
        data = yaml.safe_load(claims_file.read_text())
        old = data["claims"][0]["statement"]
        claims_file.write_text(claims_file.read_text().replace(f"statement: {old}", f"statement: {statement}")
                               if n else claims_file.read_text())
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"release {n}")
        git(repo, "tag", f"v1.{n}.0")
    assert main(["changelog", "--catalog", "claims"]) == 0
    whole = capsys.readouterr().out
    for tag in ("v1.0.0", "v1.1.0", "v1.2.0"):
        assert main(["changelog", "--catalog", "claims", "--release", tag]) == 0
        notes = capsys.readouterr().out
        assert notes.startswith(f"## {tag[1:]} (") and "\n" + notes in whole
    assert "Statements edited" in whole.split("## 1.1.0")[1].split("## 1.0.0")[0]
    outside = tmp_path / "outside"
    shutil.copytree(ROOT / "tests/data/catalog", outside / "claims")
    monkeypatch.chdir(outside)
    assert main(["changelog", "--catalog", "claims"]) == 2
    assert "is not inside a git repository" in capsys.readouterr().err
