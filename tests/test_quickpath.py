"""`scripts/test.sh --quick`: the catalog check and the tests marked `catalog`, nothing that
builds the site or drives a browser, so a contributor gets an answer in well under a minute.
(Its time is measured with /usr/bin/time -v, not asserted here.)"""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT

TEST_SH = (ROOT / "scripts/test.sh").read_text()
BUILDS = ("built_site", "served_site", "hostile_site", "build_site(", "page_for", "playwright")


def quick_expression() -> str:
    found = re.findall(r'pytest -m "([^"]+)"', TEST_SH)
    assert len(found) == 1, found
    return found[0]


def test_the_quick_path_checks_the_catalog_then_runs_only_catalog_tests():
    quick = TEST_SH[TEST_SH.rindex('if [ -n "$quick" ]'):]
    assert TEST_SH.index("claimcheck check") < TEST_SH.rindex('if [ -n "$quick" ]')
    assert quick_expression() == "catalog and not slow and not browser" and "pytest -m" in quick
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]
    assert any(m.startswith("catalog:") for m in markers)


def test_catalog_tests_build_no_site_and_start_no_browser():
    marked = [p for p in sorted((ROOT / "tests").glob("test_*.py"))
              if re.search(r"^pytestmark = pytest\.mark\.catalog\b", p.read_text(), re.M)]
    assert {p.name for p in marked} >= {"test_catalog_invariants.py", "test_checks.py",
                                        "test_contributing_walkthrough.py"}
    for path in marked:
        text = path.read_text()
        assert not [word for word in BUILDS if word in text], path.name

