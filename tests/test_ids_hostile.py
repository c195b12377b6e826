"""Ids that passed check and then broke the site or the history (red team December 2026,
F5, F14, F19): an id with a final line break, a reserved page name. Every id that passes
check builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks

from conftest import TEST_CATALOG, build_site


def problems_of(root):
    return [f"{p.location}: {p.message}" for p in run_checks(load_catalog(root))]


def test_an_id_ending_in_a_line_break_is_refused(tmp_path):
    root = tmp_path / "claims"
    shutil.copytree(TEST_CATALOG, root)
    path = root / "sources/vip/claims.yml"
    path.write_text(path.read_text().replace("- id: vip-shuts-down-areas", '- id: "vip-shuts-down-areas\\n"', 1))
    topics = root / "topics.yml"
    first = topics.read_text().split("- id: ", 1)[1].split("\n", 1)[0]
    topics.write_text(topics.read_text().replace(f"- id: {first}\n", f'- id: "{first}\\n"\n', 1))
    found = problems_of(root)
    assert any("claims.yml" in p and "is not valid; expected lower-case words" in p for p in found), found
    assert any("topics.yml" in p and "is not valid; expected lower-case words" in p for p in found), found


def test_a_source_folder_ending_in_a_line_break_is_refused(tmp_path):
    root = tmp_path / "claims"
    shutil.copytree(TEST_CATALOG, root)
    folder = root / "sources" / "0\n"
    shutil.copytree(root / "sources/vip", folder)
    source = folder / "source.yml"
    source.write_text(source.read_text().replace("id: vip\n", 'id: "0\\n"\n', 1))
    (folder / "claims.yml").write_text("claims: []\n")
    found = problems_of(root)
    assert any("source.yml" in p and "is not valid" in p for p in found), found


def test_source_add_refuses_an_id_ending_in_a_line_break(tmp_path):
    html = tmp_path / "page.html"
    html.write_text("<html><body><p>" + "Ketamine acts on the brain. " * 30 + "</p></body></html>")
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    tool = str(Path(sys.executable).parent / "claimcheck")

    def add(source_id):
        return subprocess.run([tool, "source", "add", source_id, "--html", str(html),
                               "--catalog", str(tmp_path / "claims")],
                              capture_output=True, text=True, cwd=tmp_path)

    assert add("evil\n").returncode == 2
    assert not (tmp_path / "claims/sources/evil\n").exists()
    assert add("evil").returncode == 0 and (tmp_path / "claims/sources/evil").is_dir()


def test_a_reserved_topic_id_is_refused_by_check_not_by_the_build(tmp_path):
    """F19: topic 'index' passed check, then failed the build with advice about a
    docs/ file that does not exist."""
    root = tmp_path / "claims"
    shutil.copytree(TEST_CATALOG, root)
    topics = root / "topics.yml"
    first = topics.read_text().split("- id: ", 1)[1].split("\n", 1)[0]
    for path in [topics, *root.glob("sources/*/claims.yml")]:
        path.write_text(path.read_text().replace(first, "index"))
    found = problems_of(root)
    assert any("topic id 'index' is the name of the site's own list" in p for p in found), found
    result = build_site(tmp_path, root)
    assert result.returncode != 0 and "topic id 'index'" in result.stderr
    assert "would hide a generated page" not in result.stderr
