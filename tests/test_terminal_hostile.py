"""Terminal escape codes in an archived text (red team December 2026, F12): check refuses
the archive, and review and suggest never print them raw (ESC[8m hid "but only in mice",
OSC 0 and OSC 52 retitled the window and filled the clipboard)."""

from __future__ import annotations

import hashlib
import json

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.cli import main

ESCAPES = " \x1b[8mbut only in mice\x1b[0m.\x1b]0;owned\x07\x1b]52;c;Y3VybA==\x07\u202e\x9b2J"


def plant(catalog_copy):
    folder = catalog_copy / "sources/vip"
    quote = load_catalog(catalog_copy).claims[0].quote
    archive = (folder / "archive.txt").read_text(encoding="utf-8")
    assert quote in archive
    archive = archive.replace(quote, quote + ESCAPES, 1)
    (folder / "archive.txt").write_text(archive, encoding="utf-8")
    digest = hashlib.sha256(archive.encode("utf-8")).hexdigest()
    source = folder / "source.yml"
    text = source.read_text(encoding="utf-8")
    old = text.split("archive_sha256: ", 1)[1].split()[0]
    source.write_text(text.replace(old, digest), encoding="utf-8")
    return archive


def test_check_refuses_control_characters_in_an_archive(catalog_copy):
    archive = plant(catalog_copy)
    found = [p for p in run_checks(load_catalog(catalog_copy)) if "control character" in p.message]
    assert len(found) == 1 and found[0].check == "archive-hash"
    line = archive[:archive.index("\x1b")].count("\n") + 1
    assert found[0].location.file.endswith("vip/archive.txt") and found[0].location.line == line
    assert "U+001B" in found[0].message


def raw_controls(text: str) -> list[str]:
    return sorted({c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
                   or c == "\u202e"})


def test_review_and_suggest_print_escape_codes_as_visible_text(catalog_copy, capsys):
    plant(catalog_copy)
    claim = load_catalog(catalog_copy).claims[0].id
    for args in (["review", "--claim", claim], ["review", "--claim", claim, "--format", "json"],
                 ["suggest", "vip", "--all", "--limit", "0"],
                 ["suggest", "vip", "--all", "--limit", "0", "--format", "json"]):
        capsys.readouterr()
        main([*args, "--catalog", str(catalog_copy)])
        out = capsys.readouterr().out
        assert raw_controls(out) == [], (args, raw_controls(out))
        assert "\\u001b[8mbut only in" in out, args
        if "json" in args:
            json.loads(out)  # still valid JSON
