"""The GitHub workflows, pre-commit and yamllint settings and the contributor docs: a broken
workflow or a check missing from the guide fails here, not on GitHub."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimcheck.checks import CHECKS
from claimcheck.cli import main

from conftest import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# Check ids reported while loading, or for a crashed check, rather than by a check module.
LOAD_IDS = {"yaml-syntax": "yamlfile.py", "duplicate-key": "yamlfile.py",
            "missing-file": "catalog.py", "internal": "checks/__init__.py",
            "release": "release.py"}
CHECK_IDS = sorted({m.ID for m in CHECKS} | set(LOAD_IDS))


def schema_check(*files: Path, schema: str = "vendor.github-workflows") -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def steps(workflow: str) -> list[dict]:
    return [s for job in load(ROOT / ".github/workflows" / workflow)["jobs"].values() for s in job["steps"]]


def runs(workflow: str) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow))


def uses(workflow: str) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(workflow) if "uses" in s]


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "links.yml", "pages.yml", "release.yml"}


def test_every_workflow_matches_the_github_schema_and_has_timeouts():
    result = schema_check(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = schema_check(*WORKFLOWS, schema="custom.github-workflows-require-timeout")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("broken", [
    "on: push\njobs:\n  build:\n    steps:\n      - run: echo no runs-on\n",
    "on: pushed\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n",
    "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        run: echo both\n",
])
def test_a_broken_workflow_fails_the_schema_check(tmp_path, broken):
    path = tmp_path / "broken.yml"
    path.write_text(broken)
    result = schema_check(path)
    assert result.returncode == 1, result.stdout
    assert "broken.yml" in result.stdout + result.stderr


def test_run_scripts_are_valid_bash():
    for workflow in WORKFLOWS:
        for step in steps(workflow.name):
            if "run" in step:
                result = subprocess.run(["bash", "-n"], input=step["run"], capture_output=True, text=True)
                assert result.returncode == 0, (workflow.name, step.get("name"), result.stderr)


def test_ci_installs_checks_tests_builds_and_uploads():
    ci = load(ROOT / ".github/workflows/ci.yml")
    assert {"push", "pull_request"} <= set(ci[True] if True in ci else ci["on"])
    script = runs("ci.yml")
    order = ["scripts/setup.sh --test", ".venv/bin/claimcheck check", "pytest",
             "mkdocs build --strict", "install -m 644 .github/linkcheckerrc",
             '"$checker" --config linkcheckerrc http://127.0.0.1:8765/']
    positions = [script.find(part) for part in order]
    assert -1 not in positions and positions == sorted(positions), positions
    assert '--format markdown >> "$GITHUB_STEP_SUMMARY"' in script
    assert "claimcheck diff" in script
    assert "actions/upload-artifact" in uses("ci.yml")
    checkout = next(s for s in steps("ci.yml") if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # claimcheck diff needs the base branch


def test_links_workflow_is_weekly_and_on_demand_and_strict():
    triggers = load(ROOT / ".github/workflows/links.yml")[True]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    assert "claimcheck links --strict" in runs("links.yml")


def test_pages_workflow_deploys_main_with_site_url():
    pages = load(ROOT / ".github/workflows/pages.yml")
    assert pages[True]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {}  # granted per job: only deploy may write to Pages
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert pages["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses("pages.yml"))
    build = next(s for s in steps("pages.yml") if "mkdocs build --strict" in s.get("run", ""))
    assert "SITE_URL" in build["env"]
    assert "SITE_URL" in (ROOT / "mkdocs.yml").read_text()


@pytest.mark.parametrize("workflow", ["pages.yml", "release.yml"])
def test_published_sites_are_built_from_the_whole_history(workflow):
    """F6: a depth-1 checkout made every claim "newly checked" and hid every correction."""
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


@pytest.mark.parametrize("workflow", ["pages.yml", "release.yml"])
def test_published_sites_get_the_pages_address(workflow):
    """F20: the release's site linked to http://127.0.0.1:8000/."""
    flow = load(ROOT / ".github/workflows" / workflow)
    assert flow["jobs"]["build"]["permissions"]["pages"] == "read"
    pages = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/configure-pages"))
    build = next(s for s in steps(workflow) if "mkdocs build --strict" in s.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps.%s.outputs.base_url }}" % pages["id"]


def test_the_release_refuses_to_build_for_an_unknown_address(tmp_path):
    build = next(s for s in steps("release.yml") if "mkdocs build --strict" in s.get("run", ""))
    guard = build["run"].split(".venv/bin/mkdocs")[0]
    for url, code in (("", 1), ("http://127.0.0.1:8000/", 1), ("https://example.github.io/x/", 0)):
        done = subprocess.run(["bash", "-c", guard], env={"SITE_URL": url, "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True)
        assert done.returncode == code, (url, done.stdout)


def test_files_the_workflows_name_exist():
    text = "\n".join(p.read_text() for p in WORKFLOWS)
    for name in re.findall(r"(?:scripts|\.github)/[\w./-]+", text):
        assert (ROOT / name).exists(), name


def test_linkchecker_settings_check_anchors_and_stay_internal():
    config = configparser.ConfigParser()
    config.read_string((ROOT / ".github/linkcheckerrc").read_text())
    assert "AnchorCheck" in config
    assert config["filtering"]["checkextern"] == "0"


def test_pre_commit_runs_yamllint_pinned_and_the_checker():
    config = load(ROOT / ".pre-commit-config.yaml")
    repos = {r["repo"]: r for r in config["repos"]}
    yamllint = repos["https://github.com/adrienverge/yamllint"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", yamllint["rev"])
    assert [h["id"] for h in yamllint["hooks"]] == ["yamllint"]
    assert ".yamllint" in yamllint["hooks"][0]["args"] and (ROOT / ".yamllint").is_file()
    local = repos["local"]["hooks"][0]
    assert local["entry"] == ".venv/bin/claimcheck check" and local["language"] == "system"
    assert re.search(local["files"], "claims/sources/vip/claims.yml")


def test_yamllint_accepts_the_repository_yaml_and_a_fresh_stub(catalog_copy):
    assert main(["new", "--catalog", str(catalog_copy), "--source", "vip",
                 "--quote", "Researchers believe ketamine is so effective"]) == 0
    files = [catalog_copy, ROOT / ".github", ROOT / ".pre-commit-config.yaml", ROOT / ".yamllint",
             ROOT / "tests/data/catalog"]
    result = subprocess.run([str(BIN / "yamllint"), "--strict", "-c", str(ROOT / ".yamllint"),
                             *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    bad = catalog_copy / "bad.yml"
    bad.write_text("a: 1\na: 2\n")
    result = subprocess.run([str(BIN / "yamllint"), "-c", str(ROOT / ".yamllint"), str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "duplication of key" in result.stdout


def test_load_time_check_ids_still_exist():
    for check_id, module in LOAD_IDS.items():
        assert f'"{check_id}"' in (ROOT / "scripts/claimcheck" / module).read_text(), check_id


@pytest.mark.parametrize("guide", ["CONTRIBUTING.md", "docs/contributing.md"])
def test_guides_explain_every_check(guide):
    text = (ROOT / guide).read_text().split("## What each check means")[1].split("\n## ")[0]
    table = {m.group(1) for m in re.finditer(r"^\| `([a-z-]+)` \|", text, re.M)}
    assert table == set(CHECK_IDS)


def test_contributing_covers_the_whole_workflow():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    for needed in ("scripts/test.sh", "claimcheck new --source", "claimcheck check",
                   "claimcheck diff main", "docs/methodology.md", "redhat.vscode-yaml",
                   "yaml-language-server: $schema=", "pre-commit install"):
        assert needed in text, needed
    nav = (ROOT / "mkdocs.yml").read_text()
    assert "Contributing: contributing.md" in nav


def test_pull_request_template_has_both_checklists():
    text = (ROOT / ".github/pull_request_template.md").read_text()
    assert "## Contributor checklist" in text and "## Reviewer checklist" in text
    assert text.count("- [ ] ") >= 10


def test_site_server_sends_the_header_that_unthrottles_linkchecker(tmp_path):
    import threading
    import urllib.request

    from claimcheck.siteserver import make_server
    (tmp_path / "index.html").write_text("<p>hi</p>")
    server = make_server(str(tmp_path))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/", timeout=5) as r:
            assert r.headers["LinkChecker"] and r.read() == b"<p>hi</p>"
    finally:
        server.shutdown()
        server.server_close()
    assert "claimcheck.siteserver site" in runs("ci.yml")
