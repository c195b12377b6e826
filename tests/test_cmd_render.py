"""claimcheck render --out DIR: the generated pages as files another generator can build."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from claimcheck.catalog import load_catalog
from claimcheck.cli import main
from claimcheck.commands.render import with_front_matter
from claimcheck.render import GeneratedFile, render_site
from claimcheck.render.cite import MARKER

from conftest import ROOT, TEST_CATALOG


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_render_writes_every_generated_file_and_the_hand_written_pages(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["render", "--catalog", str(TEST_CATALOG), "--out", str(out),
                 "--docs", str(ROOT / "docs")]) == 0
    expected = render_site(load_catalog(TEST_CATALOG))
    for generated in expected:
        assert (out / generated.path).is_file(), generated.path
    assert (out / "methodology.md").is_file() and (out / "assets").is_dir()
    assert MARKER not in (out / "data.md").read_text()  # filled, as the plugin does
    assert f"wrote {sum(f.path.endswith('.md') for f in expected)} pages" in capsys.readouterr().err
    claim = next(f for f in expected if f.path.startswith("claims/") and f.title)
    written = (out / claim.path).read_text()
    assert front_matter(written)["title"] == claim.title.replace("&", "&amp;")
    assert claim.content.split("\n")[0] in written  # the same page (dates may differ)


def test_front_matter_is_escaped_for_generators_that_print_it_raw():
    hostile = 'Drug </title><script>alert(1)</script> & "quoted"'
    text = with_front_matter(GeneratedFile("claims/x.md", "# body\n", title=hostile,
                                           description=hostile + "\nsecond: line"))
    meta = front_matter(text)
    assert set(meta) == {"title", "description"}  # no key injected by a newline
    assert "<" not in meta["title"] and "&lt;/title&gt;&lt;script&gt;" in meta["title"]
    assert "&quot;quoted&quot;" in meta["description"] and "&amp;" in meta["title"]
    assert with_front_matter(GeneratedFile("api/claims.json", "{}", title="x")) == "{}"
    assert with_front_matter(GeneratedFile("a.md", "# a\n")) == "# a\n"


def test_render_refuses_a_folder_in_use_and_a_broken_catalog(tmp_path, catalog_copy, capsys):
    used = tmp_path / "used"
    used.mkdir()
    (used / "keep.txt").write_text("mine")
    assert main(["render", "--catalog", str(catalog_copy), "--out", str(used)]) == 2
    assert "is not an empty folder" in capsys.readouterr().err
    assert (used / "keep.txt").read_text() == "mine"
    (catalog_copy / "topics.yml").write_text("topics: [\n")
    assert main(["render", "--catalog", str(catalog_copy), "--out", str(tmp_path / "new")]) == 1
    assert "topics.yml:" in capsys.readouterr().err and not (tmp_path / "new").exists()


@pytest.mark.slow
def test_plain_mkdocs_without_the_plugin_builds_the_rendered_pages(tmp_path):
    """The portability claim, with the generator at hand: no claimcheck plugin, strict."""
    out = tmp_path / "pages"
    assert main(["render", "--catalog", str(TEST_CATALOG), "--out", str(out),
                 "--docs", str(ROOT / "docs")]) == 0
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text().replace("!ENV", ""))
    config.update(docs_dir=str(out), site_dir=str(tmp_path / "site"), site_url="http://127.0.0.1:8143/",
                  plugins=["search"], strict=True)
    for name in ("repo_url", "edit_uri"):  # given by the deploy through !ENV, stripped above
        config.pop(name, None)
    if "custom_dir" in config["theme"]:  # the project's theme overrides, found from here
        config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml")],
                           capture_output=True, text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "site/claims/index.html").read_text()
    assert "vip-" in html or "claims/" in html
    assert (tmp_path / "site/api/claims.json").is_file()


def test_render_decides_before_writing_and_never_writes_through_a_link(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# hides the generated home page\n")
    out = tmp_path / "out"
    assert main(["render", "--catalog", str(TEST_CATALOG), "--out", str(out),
                 "--docs", str(docs)]) == 2
    assert "would hide a generated page" in capsys.readouterr().err
    assert not out.exists()  # nothing half-written: a second run is not refused for it
    (docs / "index.md").unlink()
    victim = tmp_path / "victim.md"
    victim.write_text(f"outside\n{MARKER}\n")
    (docs / "data.md").symlink_to(victim)
    assert main(["render", "--catalog", str(TEST_CATALOG), "--out", str(out),
                 "--docs", str(docs)]) == 2
    assert "symbolic link leading outside" in capsys.readouterr().err
    assert victim.read_text() == f"outside\n{MARKER}\n" and not out.exists()


def test_a_reference_without_a_record_is_shown_as_record_not_found_with_what_was_searched(catalog_copy):
    """The references page and the evidence list of each claim citing it say "Record not
    found" and what was searched; a reference with a record says neither."""
    refs = catalog_copy / "references.yml"
    text = refs.read_text(encoding="utf-8")
    refs.write_text(text.replace(
        "    unverified: [pmid]\n    unverified_reason: No record giving this review's PMID was seen.\n",
        "    unverified: [pmid, title]\n    unverified_reason: Searched PubMed by title & <author>.\n"),
        encoding="utf-8")
    pages = {f.path: f.content for f in render_site(load_catalog(catalog_copy))}
    references = pages["references.md"]
    block = references.split('id="ref-luscher2011"')[1].split('class="cc-ref"')[0]
    assert "Record not found</span> What was searched: Searched PubMed by title &amp; &lt;author&gt;." in block
    assert references.count("Record not found</span>") == 1
    claim = pages["claims/vip-gaba-depletion.md"]
    assert "Record not found</span> What was searched: Searched PubMed by title &amp;" in claim
    assert "Record not found" not in pages["claims/vip-habenula-over-fire.md"]
