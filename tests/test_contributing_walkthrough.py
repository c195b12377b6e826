"""CONTRIBUTING.md, run as a newcomer would, on copies of the real catalog.

Two things are held here. The guide's worked examples are real output: each command is
read from the guide itself and what it prints must be what the guide shows, except what
must vary as the catalog grows (a line number in claims.yml, similarity scores and the
similar claims listed). And the contributor path works end to end on a saved page written
for the test (tests/data/intake/harbor-clinic-article.html): `source add`, the fields a
person decides, `suggest`, `new --suggestion`, the stubs filled in, `claimcheck check`
clean, and the catalog tests (tests/test_catalog_invariants.py) passing on that catalog.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.cli import main
from conftest import ROOT

pytestmark = pytest.mark.catalog  # scripts/test.sh --quick

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
HARBOR = "tests/data/intake/harbor-clinic-article.html"


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


def shown(block: str) -> str:
    """A pattern for a sample output: the text as shown, except what varies with the
    catalog (a claims.yml line number, scores, similar claims) and '...' elisions."""
    out = []
    for line in block.rstrip("\n").split("\n"):
        if line.strip() == "...":
            out.append(r"(?:.*\n)*?")
            continue
        pattern = re.escape(line)
        pattern = re.sub(r"claims\\\.yml:\d+", r"claims\\.yml:\\d+", pattern)
        pattern = re.sub(r"score\\ \d+\\\.\d+", r"score\\ \\d+\\.\\d+", pattern)
        pattern = re.sub(r"similar\\ \d\\\.\d\d\\ \\ .*", r"similar\\ \\d\\.\\d\\d\\ \\ \\S+\\ \\(\\S+\\)", pattern)
        pattern = re.sub(r"Pre\\-filled\\ from\\ \S+\\ \\\(similarity\\ \d\\\.\d\d\\\)",
                         r"Pre\\-filled\\ from\\ \\S+\\ \\(similarity\\ \\d\\.\\d\\d\\)", pattern)
        out.append(pattern + r"\n")
    return "".join(out)


def assert_shown(block: str, output: str) -> None:
    assert re.match(shown(block), output), f"the guide shows:\n{block}\nthe command printed:\n{output}"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A fresh copy of the real catalog and the example pages, as the working directory.
    The guide's try-out source is left out of the copy: a contributor who is trying the
    example (or forgot to delete it) still gets the guide's own output here."""
    shutil.copytree(ROOT / "claims", tmp_path / "claims",
                    ignore=lambda folder, names: ["example-clinic"] if Path(folder).name == "sources" else [])
    shutil.copytree(ROOT / "tests/data/intake", tmp_path / "tests/data/intake")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, argv):
    capsys.readouterr()
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out + out.err




# --- The guide's examples are real output ------------------------------------------------

def test_the_add_a_claim_example_works_on_the_real_catalog(repo, capsys):
    text = section("2. Add a claim")
    new = next(c for c in commands(text) if c[0] == "new")
    code, out = run(capsys, new)
    assert code == 0, out
    assert_shown(blocks(text, "text")[0], out)


def git(repo: Path, *args: str) -> str:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(repo),
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env=env).stdout


def test_the_diff_example_shows_the_new_claim(repo, capsys):
    """`claimcheck diff main` after the guide's new claim, filled in as the guide's output
    says it was (supported, citing nothing)."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "claims")
    git(repo, "commit", "-q", "-m", "base")
    text = section("2. Add a claim")
    new = next(c for c in commands(text) if c[0] == "new")
    assert run(capsys, new)[0] == 0
    claim_id = re.search(r"added claim '([^']+)'", blocks(text, "text")[0]).group(1)
    path = repo / "claims/sources/vip/claims.yml"
    ref = next(r.id for r in load_catalog(repo / "claims").references if r.is_human)
    path.write_text(fill(path.read_text(), claim_id, {
        "statement": "Many new studies of ketamine are under way.", "topics": "[efficacy]",
        "speaks_of": "humans", "level": "none", "verdict": "supported",
        "rationale": "Trials of ketamine for depression are being run and published.",
        "evidence": [(ref, "supports", "A study in people.")]}))
    assert [str(p) for p in run_checks(load_catalog(repo / "claims"))] == []
    diff = next(c for c in commands(text) if c[0] == "diff")
    code, out = run(capsys, diff)
    assert code == 0
    assert_shown(blocks(text, "text")[1], out)


def test_the_adding_an_article_examples(repo, capsys):
    text = section("3. Adding an article")
    steps = commands(text)
    outputs = blocks(text, "text")
    add = next(c for c in steps if c[:2] == ["source", "add"])
    code, out = run(capsys, add)
    assert code == 0
    assert_shown(outputs[0], out)

    # both refusals, with nothing changed
    before = {p: p.read_bytes() for p in (repo / "claims").rglob("*") if p.is_file()}
    code, out = run(capsys, add)
    assert code == 2 and out.strip() == outputs[1].strip().splitlines()[0]
    code, out = run(capsys, ["source", "add", "clinic-copy", "--text", "claims/sources/vip/archive.txt"])
    assert code == 2 and out.strip() == outputs[1].strip().splitlines()[1]
    assert {p: p.read_bytes() for p in (repo / "claims").rglob("*") if p.is_file()} == before

    code, out = run(capsys, ["check"])
    assert code == 1
    assert_shown(outputs[2], out)

    decide(repo / "claims/sources/example-clinic/source.yml", yaml.safe_load(blocks(text, "yaml")[0]))
    assert run_checks(load_catalog(repo / "claims")) == []

    code, out = run(capsys, next(c for c in steps if c[0] == "suggest"))
    assert code == 0
    assert_shown(outputs[3], out)

    code, out = run(capsys, next(c for c in steps if c[0] == "new"))
    assert code == 0
    assert_shown(outputs[4], out)
    problems = run_checks(load_catalog(repo / "claims"))
    assert any(p.message.startswith("claims[0].verdict") for p in problems)
    assert all("example-clinic/claims.yml" in p.location.file for p in problems)


# --- The contributor path on a page written for the test ------------------------------

def decide(path: Path, decisions: dict) -> None:
    """Uncomment each field to decide and write the person's words, as the guide says."""
    source = path.read_text(encoding="utf-8")
    for field, value in decisions.items():
        source, n = re.subn(rf"^# {field}: .*$", f"{field}: {value}", source, flags=re.M)
        assert n == 1, field
    path.write_text(source, encoding="utf-8")


def fill(text: str, claim_id: str, values: dict) -> str:
    """A contributor's edit of the stub of ``claim_id``: each placeholder replaced, the
    candidate evidence replaced by the references kept, the hints left as they are."""
    start = text.index(f"- id: {claim_id}\n")
    end = text.find("\n\n  - id: ", start)
    end = len(text) if end < 0 else end
    stub = text[start:end]
    for key in ("statement", "speaks_of", "level", "verdict", "rationale"):
        stub, n = re.subn(rf"^(\s*){key}: \S+", rf"\g<1>{key}: {yaml_text(values[key])}", stub,
                          count=1, flags=re.M)
        assert n == 1, key
    stub = re.sub(r"^(\s*)topics: \[.*?\]", rf"\g<1>topics: {values['topics']}", stub, count=1, flags=re.M)
    if "text" in values:  # the article's own words, for a vague or specific citation
        stub = stub.replace('# text: ""', f"text: {yaml_text(values['text'])}", 1)
    indent = re.search(r"^(\s*)evidence:", stub, re.M).group(1)
    kept = "".join(f"{indent}  - ref: {ref}\n{indent}    relation: {relation}\n"
                   f"{indent}    note: {yaml_text(note)}\n" for ref, relation, note in values["evidence"])
    stub = stub[:stub.index(f"{indent}evidence:")] + f"{indent}evidence:\n" + kept.rstrip("\n")
    return text[:start] + stub + ("\n" if end == len(text) else "") + text[end:]


def yaml_text(value: str) -> str:
    return value if re.fullmatch(r"[\w][\w ,.()'-]*", value) and ": " not in value else f'"{value}"'


def test_a_new_article_from_a_saved_page_passes_check_and_the_catalog_tests(repo, capsys):
    """The guide's commands, in its order, on a page it has never seen."""
    text = section("3. Adding an article")
    steps = commands(text)
    example = next(c for c in steps if c[:2] == ["source", "add"])
    source_id = "harbor"

    def ours(step: list[str]) -> list[str]:
        swap = {example[2]: source_id, example[4]: HARBOR,
                example[example.index("--url") + 1]: "https://harbor.example.org/blog/ketamine-rewires-the-brain"}
        return [swap.get(word, word) for word in step]

    code, out = run(capsys, ours(example))
    assert code == 0, out
    path = repo / f"claims/sources/{source_id}/source.yml"
    written = yaml.safe_load(path.read_text())
    assert written["author"] == "Dr. Avery Example, MD"   # the page's own punctuation
    assert written["provenance"]["status"] == "found"      # saved from --url: nothing to add

    code, out = run(capsys, ["check"])
    assert code == 1
    asked = re.findall(r"missing: decide (\w+)", out)
    assert asked == ["venue", "commercial_interest"], out
    decide(path, {"venue": "Blog post on the clinic's website, signed by its medical director",
                  "commercial_interest": "The clinic sells ketamine infusions; the post ends "
                                         "by inviting readers to book a free consultation."})
    assert run(capsys, ["check"]) == (0, "")

    # suggest, as the guide runs it (without --limit: the default ten)
    suggest = next(c for c in steps if c[0] == "suggest")
    code, out = run(capsys, [w for w in ours(suggest) if w not in ("--limit", suggest[-1])])
    assert code == 0
    ranked = re.findall(r"^(\d+)\. \S+ score \S+\n   (.*)", out, re.M)
    assert len(ranked) == 10
    headline = next((n for n, first in ranked if first == "Ketamine Literally Rewires the Brain"), None)
    assert headline, "the headline is not among the ten suggestions"
    habenula = next(n for n, first in ranked if first.startswith("In 2018, scientists published"))

    added = []
    for number in (headline, habenula):
        code, out = run(capsys, ["new", "--source", source_id, "--suggestion", number])
        assert code == 0, out
        added.append(re.search(r"added claim '([^']+)'", out).group(1))
    assert added == ["harbor-ketamine-rewires-brain", "harbor-ketamine-quiets-lateral-habenula"]
    code, out = run(capsys, ["check"])
    assert code == 1 and "harbor/claims.yml" in out

    claims = repo / f"claims/sources/{source_id}/claims.yml"
    stubs = claims.read_text()
    stubs = fill(stubs, added[0], {
        "statement": "Ketamine rewires the human brain.", "topics": "[synaptogenesis]",
        "speaks_of": "humans", "level": "none", "verdict": "overstated",
        "rationale": "Ketamine rapidly increased spine synapses in the prefrontal cortex of rats "
                     "(li2010); a PET study in people found no measurable change in synaptic "
                     "density 24 hours after one dose (holmes2022).",
        "evidence": [("li2010", "qualifies", "Rats only: more spine synapses in the prefrontal cortex."),
                     ("holmes2022", "qualifies", "People: no measurable change in synaptic density at 24 hours.")]})
    stubs = fill(stubs, added[1], {
        "statement": "Two 2018 studies showed that ketamine quiets the lateral habenula.",
        "topics": "[lateral-habenula]", "speaks_of": "unspecified", "level": "vague",
        "text": "scientists published two studies", "verdict": "supported",
        "rationale": "In rodent models of depression, ketamine blocked burst firing of lateral "
                     "habenula neurons (yang2018); the article names no species.",
        "evidence": [("yang2018", "supports", "Rats and mice: burst firing of habenula neurons blocked.")]})
    claims.write_text(stubs)
    assert run(capsys, ["check"]) == (0, "")

    # the catalog tests, run on this catalog as CI runs them on claims/
    tests = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                            "tests/test_catalog_invariants.py", "--catalog", str(repo / "claims")],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert f"catalog: {repo / 'claims'}" in tests.stdout  # the copy, not claims/
    assert re.search(r"\b3 passed\b", tests.stdout), tests.stdout
