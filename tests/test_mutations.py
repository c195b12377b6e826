"""Mutation fuzzing (issue 8): a valid catalog, mutated the ways a careless or hostile pull
request would (drop, duplicate, retype, truncate, inject, nest, alias, symlink), always gives
exit 0 or 1, every problem located, and no exception; no check ever crashes.

Each run is bounded by a generous deadline that only a hang would reach (the bounded-work
limits in claimcheck/limits.py keep real runs far below it).
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.cli import main

from conftest import TEST_CATALOG

FILES = ("topics.yml", "references.yml", "sources/vip/source.yml", "sources/vip/claims.yml")
HOSTILE = ("<script>alert(1)</script>", "</title><svg onload=alert(1)>", "=HYPERLINK(\"x\")",
           "\u202eevil\u202c", "a\x00b", "\ufeff", "x" * 30_000, "../../etc/passwd",
           "/etc/passwd", "javascript:alert(1)", "{{ 7*7 }}", "\U0001F600" * 50, "",
           "10.1/\"><x>", "http://169.254.169.254/")
VALUES = st.one_of(st.sampled_from(HOSTILE), st.integers(), st.booleans(), st.none(),
                   st.floats(allow_nan=True), st.lists(st.integers(), max_size=3),
                   st.dictionaries(st.sampled_from(["id", "x"]), st.integers(), max_size=2),
                   st.text(max_size=40))


def _paths(data, prefix=()):
    """Every (path, value) in the data, containers included."""
    yield prefix, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, prefix + (i,))


def _set(data, path, value):
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _drop(data, path):
    target = data
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]


@st.composite
def mutations(draw):
    kind = draw(st.sampled_from(["drop", "duplicate", "retype", "truncate", "inject", "nest",
                                 "alias", "symlink"]))
    return kind, draw(st.sampled_from(FILES)), draw(st.integers(0, 10**6)), draw(VALUES), \
        draw(st.integers(2, 200))


def mutate(root: Path, kind: str, name: str, pick: int, value, depth: int) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    if kind == "symlink":
        path.unlink()
        path.symlink_to(("/etc/passwd", "/dev/zero", str(root / "missing.yml"),
                         str(root / "topics.yml"))[pick % 4])
        return
    if kind == "truncate":
        path.write_text(text[:pick % (len(text) + 1)], encoding="utf-8")
        return
    lines = text.splitlines(keepends=True)
    if kind == "duplicate":
        i = pick % len(lines)
        lines.insert(i, lines[i])
        path.write_text("".join(lines), encoding="utf-8")
        return
    if kind == "alias":
        keyed = [i for i, line in enumerate(lines) if ": " in line and not line.rstrip().endswith(":")]
        first, second = keyed[pick % len(keyed)], keyed[(pick // 7) % len(keyed)]
        head, _, rest = lines[first].partition(": ")
        lines[first] = f"{head}: &a {rest}"
        if second != first:
            head, _, _ = lines[second].partition(": ")
            lines[second] = f"{head}: *a\n"
        path.write_text("".join(lines), encoding="utf-8")
        return
    data = yaml.safe_load(text)
    candidates = [p for p, _ in _paths(data) if p]
    target = candidates[pick % len(candidates)]
    if kind == "drop":
        _drop(data, target)
    elif kind == "retype" or kind == "inject":
        _set(data, target, value if kind == "retype" else HOSTILE[pick % len(HOSTILE)])
    elif kind == "nest":
        nested: object = "x"
        for _ in range(depth):
            nested = [nested]
        _set(data, target, nested)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@settings(max_examples=120, deadline=timedelta(seconds=60),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations())
def test_a_mutated_catalog_is_reported_never_crashes(mutation):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "catalog"
        shutil.copytree(TEST_CATALOG, root)
        mutate(root, *mutation)
        catalog = load_catalog(root)
        problems = run_checks(catalog)
        for problem in problems:
            assert problem.check != "internal", problem  # a check crashed on this input
            assert problem.location.file and problem.message
            assert problem.location.line >= 1 and problem.location.col >= 1
        assert main(["check", "--catalog", str(root), "--format", "text"]) in (0, 1)
