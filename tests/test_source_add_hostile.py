"""What `claimcheck source add --html` keeps from a saved page (red team December 2026,
F16): text a reader never sees (`hidden`, `<template>`) is not archived, and an archive over
the size limit is refused before anything is written."""

from __future__ import annotations

from claimcheck.cli import main
from claimcheck.limits import MAX_ARCHIVE_BYTES

from test_cmd_source import PAGE


def page_with(tmp_path, extra: str):
    html = PAGE.read_text(encoding="utf-8")
    paragraph = html.index("<p>Ketamine blocks")  # inside the article, where it would be kept
    path = tmp_path / "page.html"
    path.write_text(html[:paragraph] + extra + html[paragraph:], encoding="utf-8")
    return path


def test_hidden_and_template_text_is_not_archived(catalog_copy, tmp_path):
    page = page_with(tmp_path, "<p hidden>HIDDENMARK Ketamine cures every depression in one day, in every patient.</p>\n"
                     "<template><p>TEMPLATEMARK Ketamine regrows the whole brain within hours, "
                     "studies show.</p></template>\n"
                     '<div hidden><p>HIDDENDIV Ketamine has no side effects at all, doctors '
                     'agree.</p></div>\n'
                     '<p style="font-size:0px">FONTZERO Ketamine cures every patient forever.</p>\n'
                     '<p style="position:absolute; left:-9999px">OFFSCREEN Ketamine is risk free.</p>\n'
                     '<p style="opacity: 0">OPACITYZERO Ketamine never fails anyone.</p>\n'
                     '<p style="font-size:0.9em; opacity:0.8">SMALLPRINT Results vary between '
                     'patients, and some feel no change.</p>\n    ')
    assert main(["source", "add", "--catalog", str(catalog_copy), "planted", "--html", str(page)]) == 0
    archive = (catalog_copy / "sources/planted/archive.txt").read_text(encoding="utf-8")
    assert "ketamine" in archive.lower()  # the article itself is kept
    for mark in ("HIDDENMARK", "TEMPLATEMARK", "HIDDENDIV", "FONTZERO", "OFFSCREEN", "OPACITYZERO"):
        assert mark not in archive
    assert "SMALLPRINT Results vary" in archive  # small print is still print


def test_an_archive_over_the_limit_is_refused_before_anything_is_written(catalog_copy, tmp_path, capsys):
    sentence = "Ketamine is said to act on the brain's receptors in many ways at once. "
    words = "".join(f"<p>{sentence * 40} {i}</p>" for i in range(MAX_ARCHIVE_BYTES // (len(sentence) * 40) + 50))
    page = tmp_path / "huge.html"
    page.write_text(f"<html><head><title>Huge</title></head><body><article>{words}</article></body></html>")
    before = sorted(p.name for p in (catalog_copy / "sources").iterdir())
    assert main(["source", "add", "--catalog", str(catalog_copy), "huge", "--html", str(page)]) == 2
    assert "over the 4 MiB limit for one archive" in capsys.readouterr().err
    assert sorted(p.name for p in (catalog_copy / "sources").iterdir()) == before
