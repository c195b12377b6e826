"""Bounded on any catalog (red team December 2026, F7): the 8 MiB file limit did not bound
memory (one file of four million tiny items took 6.4 GB and printed 4.2 million lines).
Values are counted per file and per catalog, each check stops after a bounded number of
problems, and reports print a bounded number of lines and say how many more there are."""

from __future__ import annotations

import shutil

from claimcheck import report
from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.limits import (MAX_CATALOG_VALUES, MAX_PROBLEMS_PER_CHECK, MAX_PROBLEMS_SHOWN,
                               MAX_YAML_VALUES)
from claimcheck.problems import Location, Problem

from conftest import TEST_CATALOG


def tiny_items(count: int, key: str = "claims") -> str:
    schema = (TEST_CATALOG / "sources/vip/claims.yml").read_text().splitlines(True)[0]
    return schema + f"{key}: [" + "a," * (count - 1) + "a]\n"


def test_a_file_of_too_many_values_is_one_located_problem(tmp_path):
    root = tmp_path / "claims"
    shutil.copytree(TEST_CATALOG, root)
    (root / "sources/vip/claims.yml").write_text(tiny_items(MAX_YAML_VALUES + 10))
    catalog = load_catalog(root)
    problems = run_checks(catalog)
    mine = [p for p in problems if p.location.file.endswith("vip/claims.yml")]
    assert len(mine) == 1, mine[:3]
    assert f"more than {MAX_YAML_VALUES:,} values" in mine[0].message
    assert mine[0].location.line == 2 and mine[0].location.col > MAX_YAML_VALUES  # where it stopped
    assert catalog.claims == [c for c in catalog.claims if c.source != "vip"]


def test_the_whole_catalog_has_a_value_budget(tmp_path):
    root = tmp_path / "claims"
    shutil.copytree(TEST_CATALOG, root)
    per_file = MAX_YAML_VALUES - 10
    files = MAX_CATALOG_VALUES // per_file + 1
    for i in range(files):
        folder = root / f"sources/bulk{i}"
        shutil.copytree(root / "sources/vip", folder)
        (folder / "source.yml").write_text((folder / "source.yml").read_text().replace("id: vip", f"id: bulk{i}"))
        (folder / "claims.yml").write_text(tiny_items(per_file, "notes"))  # values, no claims
    catalog = load_catalog(root)
    assert catalog.values_read <= MAX_CATALOG_VALUES
    refused = [p for p in catalog.load_problems if "the whole catalog" in p.message
               or "the catalog already holds" in p.message]
    assert refused and refused[0].location.file.endswith("claims.yml"), refused


def test_a_check_stops_after_a_bounded_number_of_problems(tmp_path):
    root = tmp_path / "claims"
    shutil.copytree(TEST_CATALOG, root)
    (root / "sources/vip/claims.yml").write_text(tiny_items(MAX_PROBLEMS_PER_CHECK + 500))
    problems = run_checks(load_catalog(root))
    schema = [p for p in problems if p.check == "schema"]
    assert len(schema) == MAX_PROBLEMS_PER_CHECK + 1
    assert any(f"stopped after {MAX_PROBLEMS_PER_CHECK:,} problems" in p.message for p in schema)


def test_reports_print_a_bounded_number_of_lines_and_say_how_many_more():
    problems = [Problem(Location("claims/x.yml", i + 1, 1), "wrong", "schema")
                for i in range(MAX_PROBLEMS_SHOWN + 250)]
    for reporter in (report.text, report.github):
        lines = reporter(problems).splitlines()
        assert len(lines) == MAX_PROBLEMS_SHOWN + 2
        assert lines[-2].startswith("... and 250 more problems not shown")
        assert lines[-1] == f"{MAX_PROBLEMS_SHOWN + 250} problems found"
    assert len(report.as_json(problems).split('"message"')) == MAX_PROBLEMS_SHOWN + 251  # all
