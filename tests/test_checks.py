"""Each check against data cases: the valid test catalog passes, and every negative case in
tests/data/negative reports exactly the problems it lists, at the right place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.catalog import load_catalog
from claimcheck.checks import CHECKS, run_checks

from conftest import TEST_CATALOG

CASES_DIR = Path(__file__).parent / "data" / "negative"

pytestmark = pytest.mark.catalog  # scripts/test.sh --quick


def _cases():
    for path in sorted(CASES_DIR.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(case, id=f"{path.stem}: {case['name']}")


def apply_edit(root: Path, edit: dict) -> None:
    (kind, spec), = edit.items()
    if kind == "delete":
        (root / spec).unlink()
        return
    target = root / spec["file"]
    encoding = spec.get("encoding", "utf-8")
    if kind == "replace":
        text = target.read_text(encoding="utf-8")
        assert text.count(spec["old"]) == 1, f"edit target not unique in {spec['file']}: {spec['old']!r}"
        target.write_text(text.replace(spec["old"], spec["new"]), encoding="utf-8")
    elif kind == "append":
        with target.open("a", encoding=encoding) as out:
            out.write(spec["text"])
    elif kind == "write":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(spec["text"].encode(encoding))
    else:
        raise AssertionError(f"unknown edit {kind}")


def reported(root: Path) -> list[tuple[str, str]]:
    """Each problem as ('FILE:LINE:COL [check]', message), FILE relative to the catalog."""
    prefix = root.name + "/"
    out = []
    for p in run_checks(load_catalog(root)):
        file = p.location.file.removeprefix(prefix)
        out.append((f"{file}:{p.location.line}:{p.location.col} [{p.check}]", p.message))
    return out


def test_valid_catalog_has_no_problems():
    assert run_checks(load_catalog(TEST_CATALOG)) == []


def test_every_check_has_an_id_and_a_description():
    ids = [module.ID for module in CHECKS]
    assert len(ids) == len(set(ids))
    assert all(module.DESCRIPTION for module in CHECKS)


@pytest.mark.parametrize("case", list(_cases()))
def test_negative_case(catalog_copy, case):
    for edit in case["edits"]:
        apply_edit(catalog_copy, edit)
    problems = reported(catalog_copy)
    unmatched = list(problems)
    for expected in case["expect"]:
        place, _, words = expected.partition("] ")
        place += "]"
        match = next((p for p in unmatched if p[0] == place and words in p[1]), None)
        assert match, f"expected {expected!r}; got:\n" + "\n".join(f"{a} {b}" for a, b in problems)
        unmatched.remove(match)
    assert not unmatched, "unexpected problems:\n" + "\n".join(f"{a} {b}" for a, b in unmatched)


def test_all_problems_of_a_catalog_are_reported_together(catalog_copy):
    """Problems from different checks and files are collected, not stopped at the first."""
    apply_edit(catalog_copy, {"replace": {"file": "sources/vip/claims.yml", "old": "topics: [gaba]",
                                          "new": "topics: [gabba]"}})
    apply_edit(catalog_copy, {"append": {"file": "sources/vip/archive.txt", "text": "!"}})
    apply_edit(catalog_copy, {"replace": {"file": "references.yml", "old": "pmid: 29446381",
                                          "new": "pmid: x1"}})
    checks = {place.split("[")[1] for place, _ in reported(catalog_copy)}
    assert checks == {"unknown-id]", "archive-hash]", "identifier]"}
