"""The independent validators on every built page: axe-core in Chromium (0 serious or
critical violations) and, when a Nu HTML checker is at hand, Nu (0 errors).

Nu needs Java and the checker's jar, which the set-up does not install: set VNU_JAR to the
jar (``npm install vnu-jar`` in a folder outside the repository puts it at
node_modules/vnu-jar/build/dist/vnu.jar); without it that one test is skipped and says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import DESKTOP, Session

pytestmark = pytest.mark.browser


def built_pages(root: Path) -> list[str]:
    """Every HTML page of the built site, as a path below its root ('' for the home page)."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(("pagefind/", "assets/")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, served_site):
    """One browser, one desktop-sized tab (where both menus show as tabs), every page in
    turn."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    s = Session(browser, served_site, DESKTOP)
    bad = {}
    pages = built_pages(served_site.root)
    try:
        for path in pages:
            page = s.open(path)
            for v in axe.run(page).response["violations"]:
                if v["impact"] in ("serious", "critical"):
                    bad.setdefault(v["id"], []).append(
                        (path, [n["target"] for n in v["nodes"]][:2], v["nodes"][0]["html"][:120]))
    finally:
        s.context.close()
    assert len(pages) > 20, pages
    assert not bad, {rule: paths[:5] for rule, paths in bad.items()}


def test_nu_html_checker_finds_no_error_on_any_page(built_site):
    jar = os.environ.get("VNU_JAR", "")
    if not (jar and Path(jar).is_file() and shutil.which("java")):
        pytest.skip("Nu HTML checker not at hand: set VNU_JAR to vnu.jar (needs Java)")
    done = subprocess.run(["java", "-jar", jar, "--errors-only", "--skip-non-html",
                           str(built_site.root)], capture_output=True, text=True, timeout=600)
    errors = [line for line in (done.stdout + done.stderr).splitlines() if "error:" in line]
    assert done.returncode == 0 and not errors, errors[:10]
