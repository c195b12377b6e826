"""CONTRIBUTING.md's worked examples, run as a new user would on a copy of the real
catalog: the commands are read from the guide itself, and what they print must match
what the guide shows."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest
import yaml

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.cli import main
from conftest import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    return GUIDE.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def commands(text: str) -> list[list[str]]:
    """The claimcheck commands of the guide's sh blocks, with continuations joined."""
    found = []
    for block in blocks(text, "sh"):
        for line in block.replace("\\\n", " ").splitlines():
            if line.startswith("claimcheck "):
                found.append(shlex.split(line)[1:])
    return found


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A fresh copy of the real catalog and the example page, as the working directory."""
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    shutil.copytree(ROOT / "tests/data/intake", tmp_path / "tests/data/intake")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, argv):
    capsys.readouterr()
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_the_add_a_claim_example_works_on_the_real_catalog(repo, capsys):
    text = section("2. Add a claim")
    new = next(c for c in commands(text) if c[0] == "new")
    code, out = run(capsys, new)
    assert code == 0, out
    shown = blocks(text, "text")[0]
    # the claims.yml line grows with the catalog; everything else is as the guide shows
    pattern = re.sub(r"claims\\\.yml:\d+:", r"claims\\.yml:\\d+:", re.escape(shown.strip()))
    assert re.fullmatch(pattern, out.strip()), out


def test_the_adding_an_article_walkthrough(repo, capsys):
    text = section("3. Adding an article")
    steps = commands(text)
    outputs = blocks(text, "text")
    add = next(c for c in steps if c[:2] == ["source", "add"])
    code, out = run(capsys, add)
    assert code == 0 and out.strip() == outputs[0].strip()

    # both refusals, with nothing changed
    before = {p: p.read_bytes() for p in (repo / "claims").rglob("*") if p.is_file()}
    code, out = run(capsys, add)
    assert code == 2 and out.strip() == outputs[1].strip().splitlines()[0]
    code, out = run(capsys, ["source", "add", "clinic-copy", "--text", "claims/sources/vip/archive.txt"])
    assert code == 2 and out.strip() == outputs[1].strip().splitlines()[1]
    assert {p: p.read_bytes() for p in (repo / "claims").rglob("*") if p.is_file()} == before

    code, out = run(capsys, ["check"])
    assert code == 1 and out.strip() == outputs[2].strip()

    # the person's decisions, as the guide writes them
    decisions = yaml.safe_load(blocks(text, "yaml")[0])
    path = repo / "claims/sources/example-clinic/source.yml"
    source = path.read_text()
    for field, value in decisions.items():
        source = re.sub(rf"^# {field}: .*$", f"{field}: {value}", source, flags=re.M)
    path.write_text(source)
    assert run_checks(load_catalog(repo / "claims")) == []

    suggest = next(c for c in steps if c[0] == "suggest")
    code, out = run(capsys, suggest)
    assert code == 0
    shown = [line for line in outputs[3].splitlines() if re.match(r"\d+\. ", line)]
    for line in shown:
        assert line.split(" score")[0] in out, line

    new = next(c for c in steps if c[0] == "new")
    code, out = run(capsys, new)
    assert code == 0
    first, second, third = outputs[4].strip().splitlines()
    assert out.splitlines()[0] == first
    assert out.splitlines()[1].startswith("Pre-filled from ") and out.splitlines()[2] == third
    problems = run_checks(load_catalog(repo / "claims"))
    assert any(p.message.startswith("claims[0].verdict") for p in problems)
    assert all("example-clinic/claims.yml" in p.location.file for p in problems)
