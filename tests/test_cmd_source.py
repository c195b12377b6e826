"""claimcheck source add: a saved page becomes an archive and a source.yml, with the
boilerplate gone, the page's own metadata read, and the fields a person must decide left
for the checker to ask for. Refusals change nothing."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.cli import main
from conftest import ROOT, build_site

PAGE = ROOT / "tests/data/intake/example-clinic-article.html"
HARBOR = ROOT / "tests/data/intake/harbor-clinic-article.html"  # the contributor walkthrough's page
MARKERS = ("COOKIE-BANNER-MARKER", "NAVIGATION-MARKER", "SIDEBAR-MARKER", "FOOTER-MARKER",
           "SCRIPT-BODY-MARKER", "TRACKING-SCRIPT-MARKER", "Popular posts", "Subscribe",
           "Privacy policy")


def add(catalog: Path, *args: str) -> int:
    return main(["source", "add", "--catalog", str(catalog), *args])


def snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def decide(folder: Path) -> None:
    """Write the fields a person must decide, as the guide says (provenance only when no
    --url wrote it: the example page has its own address, seen when it was saved)."""
    path = folder / "source.yml"
    text = path.read_text()
    text = re.sub(r"^# venue: .*$", "venue: Blog post on a test clinic's website", text, flags=re.M)
    text = re.sub(r"^# commercial_interest: .*$", "commercial_interest: Sells ketamine infusions.",
                  text, flags=re.M)
    text = re.sub(r"^# provenance:.*\n(^#   .*\n){3}", "provenance:\n  status: found\n  checked: "
                  "2024-04-01\n  how: Saved from the address above.\n", text, flags=re.M)
    path.write_text(text)


def test_html_page_loses_its_boilerplate_and_keeps_the_article(catalog_copy, capsys):
    assert add(catalog_copy, "example-clinic", "--html", str(PAGE), "--retrieved", "2024-04-01") == 0
    folder = catalog_copy / "sources/example-clinic"
    archive = (folder / "archive.txt").read_text(encoding="utf-8")
    for marker in MARKERS:
        assert marker not in archive, marker
    assert "Ketamine blocks NMDA receptors on inhibitory neurons, which triggers a surge of glutamate" in archive
    assert "the brain\u2019s \u201canti-reward center\u201d" in archive  # characters kept as they are
    assert "\r" not in archive and archive.endswith("\n")
    out = capsys.readouterr().out
    assert "To decide before the catalog builds: venue, commercial_interest" in out


def test_metadata_is_read_from_the_page_and_the_hash_recorded(catalog_copy):
    assert add(catalog_copy, "example-clinic", "--html", str(PAGE), "--retrieved", "2024-04-01") == 0
    folder = catalog_copy / "sources/example-clinic"
    text = (folder / "source.yml").read_text()
    data = yaml.safe_load(text)
    assert data["id"] == "example-clinic"
    assert data["title"] == "How Ketamine Rewires the Depressed Brain"
    assert data["publisher"] == "Example Wellness Clinic"
    assert data["author"] == "Jordan Example"
    assert data["url"] == "https://clinic.example.org/blog/how-ketamine-rewires-the-brain"
    assert data["published"] == "2024-03-14" and data["retrieved"] == "2024-04-01"  # text, not dates
    assert data["archive"] == "archive.txt"
    assert data["archive_sha256"] == hashlib.sha256((folder / "archive.txt").read_bytes()).hexdigest()
    assert "venue" not in data and "commercial_interest" not in data
    assert text.startswith("# yaml-language-server: $schema=")


def test_fields_to_decide_block_the_check_at_their_lines_until_filled(catalog_copy):
    assert add(catalog_copy, "example-clinic", "--html", str(PAGE), "--url",
               "https://clinic.example.org/other") == 0
    folder = catalog_copy / "sources/example-clinic"
    lines = (folder / "source.yml").read_text().splitlines()
    problems = run_checks(load_catalog(catalog_copy))
    assert len(problems) == 2, problems
    for problem, field in zip(problems, ("venue", "commercial_interest")):
        assert problem.location.file.endswith("example-clinic/source.yml")
        assert lines[problem.location.line - 1].startswith(f"# {field}:")
        assert problem.message.startswith(f"missing: decide {field}")
    assert yaml.safe_load("\n".join(lines))["url"] == "https://clinic.example.org/other"
    decide(folder)
    assert run_checks(load_catalog(catalog_copy)) == []


@pytest.mark.parametrize("where", ["meta", "json-ld", "byline"])
def test_the_author_keeps_the_punctuation_the_page_gives_it(where):
    """trafilatura normalises names ("Dr. Melissa Kerrigan, MD" became "Dr Melissa
    Kerrigan; MD"); source.yml is a record readers cite, so it keeps the page's own."""
    from claimcheck.extract import extract
    page = HARBOR.read_text(encoding="utf-8")
    meta = '<meta name="author" content="Dr. Avery Example, MD">'
    ld = '"author": {"@type": "Person", "name": "Dr. Avery Example, MD"}'
    span = '<span class="author">'
    for form, text, instead in (("meta", meta, ""), ("json-ld", ld, '"about": "ketamine"'),
                                ("byline", span, "<span>")):
        if where != form:
            assert text in page
            page = page.replace(text, instead)
    assert extract(page).author == "Dr. Avery Example, MD"


def test_windows_line_endings_in_the_page_are_normalised(catalog_copy, tmp_path):
    page = tmp_path / "crlf.html"
    page.write_bytes(PAGE.read_bytes().replace(b"\n", b"\r\n"))
    assert add(catalog_copy, "crlf", "--html", str(page)) == 0
    data = (catalog_copy / "sources/crlf/archive.txt").read_bytes()
    assert b"\r" not in data and b"Studies in mice found" in data


def test_plain_text_is_archived_byte_for_byte(catalog_copy, tmp_path):
    raw = ("Ketamine\u00a0resets the brain\u2019s circuits.\r\n\r\n"
           "Call us today!   Trailing spaces and no final newline  ").encode("utf-8")
    path = tmp_path / "article.txt"
    path.write_bytes(raw)
    assert add(catalog_copy, "plain-text", "--text", str(path), "--retrieved", "2025-01-02") == 0
    folder = catalog_copy / "sources/plain-text"
    assert (folder / "archive.txt").read_bytes() == raw
    data = yaml.safe_load((folder / "source.yml").read_text())
    assert data["archive_sha256"] == hashlib.sha256(raw).hexdigest()
    assert "title" not in data  # nothing to read it from: a person decides it
    problems = run_checks(load_catalog(catalog_copy))
    assert {p.message.split(" (")[0] for p in problems} == {
        "missing: decide title", "missing: decide venue", "missing: decide commercial_interest",
        "missing: decide provenance"}


def test_with_url_the_provenance_is_the_saving_of_the_page(catalog_copy, tmp_path):
    """--url says where the contributor saved the page: that is the text's provenance."""
    assert add(catalog_copy, "example-clinic", "--html", str(PAGE), "--url",
               "https://clinic.example.org/saved", "--retrieved", "2024-04-01") == 0
    data = yaml.safe_load((catalog_copy / "sources/example-clinic/source.yml").read_text())
    assert data["provenance"]["status"] == "found" and data["provenance"]["checked"] == "2024-04-01"
    assert data["provenance"]["how"].startswith("Saved from the address above on 2024-04-01; its main text")
    path = tmp_path / "article.txt"
    path.write_text("Ketamine regrows synapses within hours, a clinic says. " * 5, encoding="utf-8")
    assert add(catalog_copy, "plain", "--text", str(path), "--url", "https://clinic.example.org/p") == 0
    how = yaml.safe_load((catalog_copy / "sources/plain/source.yml").read_text())["provenance"]["how"]
    assert "plain-text file and archived byte for byte" in how


def test_without_url_the_provenance_is_asked_for_and_its_template_fails_until_filled(catalog_copy):
    assert add(catalog_copy, "example-clinic", "--html", str(PAGE)) == 0
    path = catalog_copy / "sources/example-clinic/source.yml"
    text = path.read_text()
    lines = text.splitlines()
    problem = next(p for p in run_checks(load_catalog(catalog_copy)) if "provenance" in p.message)
    assert problem.message.startswith("missing: decide provenance")
    assert lines[problem.location.line - 1].startswith("# provenance:")
    # uncommented as written, the template is still refused, at each empty value
    path.write_text(re.sub(r"^# (provenance:|  )", r"\1", text, flags=re.M))
    problems = [p for p in run_checks(load_catalog(catalog_copy)) if "provenance" in p.message]
    assert {p.message.split(":")[0] for p in problems} == {
        "provenance.status", "provenance.checked", "provenance.how"}, problems


def test_an_existing_id_is_refused_and_nothing_changes(catalog_copy, capsys):
    before = snapshot(catalog_copy)
    assert add(catalog_copy, "vip", "--html", str(PAGE)) == 2
    assert "source 'vip' already exists" in capsys.readouterr().err
    assert snapshot(catalog_copy) == before


@pytest.mark.parametrize("change, wording", [
    (lambda t: t, "identical to the archive of source 'vip'"),
    (lambda t: t.replace("ketamine", "Ketamine", 2).replace("1960s", "1970s") + "\nOne more line.\n",
     "nearly identical"),
])
def test_an_archive_like_an_existing_one_is_refused_naming_it(catalog_copy, tmp_path, capsys,
                                                              change, wording):
    original = (catalog_copy / "sources/vip/archive.txt").read_text(encoding="utf-8")
    path = tmp_path / "copy.txt"
    path.write_text(change(original), encoding="utf-8")
    before = snapshot(catalog_copy)
    assert add(catalog_copy, "vip-again", "--text", str(path)) == 2
    err = capsys.readouterr().err
    assert wording in err and "'vip'" in err and "nothing was written" in err
    assert snapshot(catalog_copy) == before
    assert not any(p.name.startswith(".") for p in (catalog_copy / "sources").iterdir())


def test_bad_arguments_are_refused(catalog_copy, tmp_path, capsys):
    before = snapshot(catalog_copy)
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav>Home</nav></body></html>")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\u00e9".encode("latin-1"))
    assert add(catalog_copy, "Bad_Id", "--html", str(PAGE)) == 2
    assert add(catalog_copy, "ok-id", "--html", str(PAGE), "--retrieved", "2024-13-01") == 2
    assert add(catalog_copy, "ok-id", "--html", str(empty)) == 2
    assert add(catalog_copy, "ok-id", "--text", str(latin)) == 2
    assert add(catalog_copy, "ok-id", "--text", str(tmp_path / "missing.txt")) == 2
    err = capsys.readouterr().err
    for words in ("is not valid", "not a date", "no article text", "not UTF-8", "cannot read"):
        assert words in err, words
    assert "Traceback" not in err
    assert snapshot(catalog_copy) == before


def test_a_source_without_claims_is_valid_and_new_adds_its_first_claim(catalog_copy):
    assert add(catalog_copy, "example-clinic", "--html", str(PAGE)) == 0
    folder = catalog_copy / "sources/example-clinic"
    decide(folder)
    assert not (folder / "claims.yml").exists()
    assert run_checks(load_catalog(catalog_copy)) == []
    assert main(["new", "--catalog", str(catalog_copy), "--source", "example-clinic",
                 "--quote", "Ketamine is the most effective treatment"]) == 0
    claims = yaml.safe_load((folder / "claims.yml").read_text())["claims"]
    assert [c["id"] for c in claims] == ["example-clinic-ketamine-most-effective-treatment"]


@pytest.mark.slow
def test_a_source_without_claims_builds_into_the_site(tmp_path):
    catalog = tmp_path / "catalog"
    shutil.copytree(ROOT / "tests/data/catalog", catalog)
    assert add(catalog, "example-clinic", "--html", str(PAGE)) == 0
    decide(catalog / "sources/example-clinic")
    result = build_site(tmp_path, catalog)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site/sources/example-clinic/index.html").read_text()
    assert "How Ketamine Rewires the Depressed Brain" in page


def test_an_archive_under_another_file_name_is_compared_too(catalog_copy, tmp_path, capsys):
    folder = catalog_copy / "sources/vip"
    (folder / "archive.txt").rename(folder / "article.txt")
    source = folder / "source.yml"
    source.write_text(source.read_text().replace("archive: archive.txt", "archive: article.txt"))
    copy = tmp_path / "copy.txt"
    copy.write_bytes((folder / "article.txt").read_bytes())
    assert add(catalog_copy, "vip-again", "--text", str(copy)) == 2
    assert "identical to the archive of source 'vip'" in capsys.readouterr().err


def test_archives_outside_the_catalog_are_never_read_for_the_duplicate_search(catalog_copy,
                                                                             tmp_path, capsys):
    """A symlinked archive.txt that leads out of the catalog is not opened (containment):
    its text, identical to the new article, gives no 'identical to' refusal naming it."""
    outside = tmp_path / "outside.txt"
    outside.write_text("A private file outside the catalog, long enough to compare. " * 10)
    leak = catalog_copy / "sources/leak"
    leak.mkdir()
    (leak / "archive.txt").symlink_to(outside)
    assert add(catalog_copy, "plain-copy", "--text", str(outside)) == 0
    assert "'leak'" not in capsys.readouterr().err
    assert (catalog_copy / "sources/plain-copy/archive.txt").read_bytes() == outside.read_bytes()


@pytest.mark.parametrize("variant", [
    lambda page: page,
    lambda page: page.replace("\n", "\r\n"),
    lambda page: page.replace("</article>", "<table><tr><td>cell one two</td><td>cell three</td>"
                                            "</tr></table></article>"),
    lambda page: page.replace("Ketamine was", "Ke\u0301tamine was"),  # decomposed accent
])
def test_one_parse_gives_what_trafilatura_extract_and_extract_metadata_give(variant):
    """extract() parses the page once (bare_extraction); the archived text and the fields
    must be exactly what trafilatura's own text and metadata calls give."""
    import trafilatura

    from claimcheck.extract import extract, normalise_line_endings
    html = variant(PAGE.read_text(encoding="utf-8"))
    page = extract(html)
    text = trafilatura.extract(html, output_format="txt", include_comments=False,
                               include_tables=True, include_images=False, include_links=False,
                               favor_precision=True, deduplicate=False)
    meta = trafilatura.extract_metadata(html, extensive=False)
    assert page.text == normalise_line_endings(text).strip("\n") + "\n"
    assert (page.title, page.author, page.published, page.sitename, page.url) == \
        (meta.title, meta.author, meta.date, meta.sitename, meta.url)
