"""The claimcheck command as a user meets it: exit codes, output formats, usage errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from conftest import TEST_CATALOG


def run(*args, cwd=None, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "claimcheck.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=env)


@pytest.fixture
def broken(catalog_copy):
    path = catalog_copy / "sources/vip/claims.yml"
    path.write_text(path.read_text().replace("topics: [gaba]", "topics: [gabba]")
                    .replace("verdict: misleading", "verdict: wrong"))
    return catalog_copy


def test_clean_catalog_is_silent_and_exits_0():
    result = run("check", "--catalog", str(TEST_CATALOG))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_problems_one_per_line_then_a_count(broken):
    result = run("check", "--catalog", "catalog", cwd=broken.parent)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 problems found"
    assert lines[0].startswith("catalog/sources/vip/claims.yml:6:14: error: unknown topic 'gabba'")
    assert lines[0].endswith("[unknown-id]")
    assert lines[1].startswith("catalog/sources/vip/claims.yml:44:14: error: claims[2].verdict: 'wrong'")


def test_github_format_chosen_under_github_actions(broken):
    result = run("check", "--catalog", "catalog", cwd=broken.parent, env_extra={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.startswith("::error file=catalog/sources/vip/claims.yml,line=6,col=14,title=unknown-id::")


def test_explicit_format_wins_over_github_actions(broken):
    result = run("check", "--catalog", "catalog", "--format", "text", cwd=broken.parent,
                 env_extra={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("catalog/sources/vip/claims.yml:6:14: error:")


def test_json_format(broken):
    result = run("check", "--catalog", "catalog", "--format", "json", cwd=broken.parent)
    data = json.loads(result.stdout)
    assert data["count"] == 2
    assert data["problems"][0] == {
        "file": "catalog/sources/vip/claims.yml", "line": 6, "col": 14, "severity": "error",
        "check": "unknown-id", "message": data["problems"][0]["message"]}
    assert "gabba" in data["problems"][0]["message"]


@pytest.mark.parametrize("args", [[], ["bogus"], ["check", "--format", "xml"], ["check", "--nope"],
                                  ["check", "--catalog", "/does/not/exist"]])
def test_usage_errors_exit_2_without_traceback(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "error" in result.stderr


def test_export_json_contract():
    result = run("export", "--catalog", str(TEST_CATALOG))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert set(data) >= {"sources", "references", "topics", "claims"}
    assert set(data["sources"][0]) >= {"id", "title", "publisher", "url", "archive", "sha256",
                                       "commercial_interest"}
    assert set(data["references"][0]) >= {"id", "citation", "doi", "pmid", "url", "population", "design"}
    claims = {c["id"]: c for c in data["claims"]}
    habenula = claims["vip-habenula-over-fire"]
    assert set(habenula) >= {"id", "source", "quote", "statement", "topics", "source_citation",
                             "verdict", "rationale", "evidence", "conflicts", "flags"}
    assert habenula["flags"] == ["uncited", "conflict", "species-gap"]
    # a conflict written on one claim is exported on both
    assert [c["claim"] for c in claims["vip-shuts-down-areas"]["conflicts"]] == ["vip-habenula-over-fire"]
    assert claims["vip-shuts-down-areas"]["flags"] == ["vague-citation", "conflict"]
    assert claims["vip-gaba-depletion"]["flags"] == ["uncited"]


def test_export_csv_has_one_row_per_claim():
    result = run("export", "--catalog", str(TEST_CATALOG), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ["vip-gaba-depletion", "vip-habenula-over-fire", "vip-shuts-down-areas"]
    assert rows[1]["flags"] == "uncited; conflict; species-gap"


def test_export_refuses_a_broken_catalog(broken):
    result = run("export", "--catalog", "catalog", cwd=broken.parent)
    assert result.returncode == 1 and result.stdout == ""
    assert "unknown topic 'gabba'" in result.stderr and "nothing was written" in result.stderr


@pytest.mark.parametrize("garbage", [b"\x00\xff\xfe", b"claims: [", b"- just\n- a list\n",
                                     b"claims:\n  - 42\n  - [1, 2]\n  - {id: {x: 1}}\n", b"? [a, b]\n: 1\n"])
def test_no_traceback_for_garbage_files(catalog_copy, garbage):
    (catalog_copy / "sources/vip/claims.yml").write_bytes(garbage)
    result = run("check", "--catalog", "catalog", cwd=catalog_copy.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "catalog/sources/vip/claims.yml:" in result.stdout


def test_help_lists_every_command_with_its_help():
    from claimcheck.commands import COMMANDS

    result = run("--help")
    assert result.returncode == 0
    listing = " ".join(result.stdout.split())  # argparse wraps long help lines
    for name, help_text in COMMANDS.items():
        assert f"{name} {' '.join(help_text.split())}" in listing


def test_check_imports_only_what_checking_needs():
    """Each subcommand is imported when it runs: `check` must not pay for the renderer,
    git, HTTP or the full schema validator on a clean catalog."""
    code = ("import sys; from claimcheck.cli import main; code = main(['check', '--catalog', "
            f"{str(TEST_CATALOG)!r}]); print(' '.join(sorted(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    heavy = {"jinja2", "jsonschema", "trafilatura", "markdown", "requests", "urllib.request",
             "claimcheck.render", "claimcheck.gitrev", "claimcheck.commands.links"}
    assert not heavy & loaded, sorted(heavy & loaded)
    assert "claimcheck.commands.check" in loaded
