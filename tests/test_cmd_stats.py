"""claimcheck stats: counts agree with the catalog in every format."""

from __future__ import annotations

import json

from claimcheck.cli import main
from claimcheck.model import FLAGS, VERDICTS

from conftest import TEST_CATALOG


def stats(capsys, *args) -> tuple[int, str]:
    code = main(["stats", "--catalog", str(TEST_CATALOG), *args])
    return code, capsys.readouterr().out


def test_json_counts_of_the_test_catalog(capsys):
    code, out = stats(capsys, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["claims"] == 3 and data["conflicts"] == 1 and data["references"] == 3
    assert data["by_source"] == {"vip": 3}
    assert data["by_topic"] == {"gaba": 1, "lateral-habenula": 1, "circuit-reset": 1}
    assert list(data["by_verdict"]) == list(VERDICTS)
    assert data["by_verdict"]["overstated"] == 2 and data["by_verdict"]["misleading"] == 1
    assert list(data["by_flag"]) == list(FLAGS)
    assert data["by_flag"] == {"uncited": 2, "vague-citation": 1, "conflict": 2, "tension": 0,
                               "species-gap": 1, "no-evidence": 0}


def test_text_and_markdown(capsys):
    code, out = stats(capsys)
    assert code == 0
    assert out.startswith("3 claims, 1 conflict, 3 references\n")
    assert "\nby verdict:\n  supported         0\n  overstated        2\n" in out
    code, md = stats(capsys, "--format", "markdown")
    assert "| verdict | claims |\n|---|---:|\n| supported | 0 |\n| overstated | 2 |" in md


def test_counts_follow_edits_and_problems_are_noted(catalog_copy, capsys):
    claims = catalog_copy / "sources/vip/claims.yml"
    claims.write_text(claims.read_text().replace("verdict: misleading", "verdict: contradicted"))
    assert main(["stats", "--catalog", str(catalog_copy), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["by_verdict"]["misleading"] == 0 and data["by_verdict"]["contradicted"] == 1
    claims.write_text(claims.read_text().replace("topics: [gaba]", "topics: [gaba, nope]"))
    assert main(["stats", "--catalog", str(catalog_copy), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["by_topic"]["nope"] == 1
    assert "the catalog has 1 problem;" in captured.err
