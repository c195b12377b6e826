"""claimcheck review: each claim with its quote in context, and a blind mode that hides
every judgement, so a second reviewer can judge before comparing."""

from __future__ import annotations

import json

import pytest

from claimcheck.cli import main

from conftest import TEST_CATALOG


def review(capsys, *args) -> tuple[int, str, str]:
    code = main(["review", "--catalog", str(TEST_CATALOG), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_shows_quote_in_context_verdict_rationale_and_evidence(capsys):
    code, out, err = review(capsys, "--claim", "vip-habenula-over-fire")
    assert code == 0 and err == ""
    assert out.startswith("1 claim\n\n[1/1] vip-habenula-over-fire  (source: vip)\n")
    flat = " ".join(out.split())  # the text is wrapped at 92 columns
    assert "»the lateral habenula tends to over fire«" in flat
    assert "verdict:   overstated" in out
    assert "rationale: Burst firing in the lateral habenula was shown in rodent models" in flat
    assert "evidence:  yang2018 [supports]: animal-experiment, animal, n not recorded" in out
    assert "conflict: contradiction with vip-shuts-down-areas" in flat


def test_blind_json_hides_verdict_rationale_relations_and_conflicts(capsys):
    code, out, _ = review(capsys, "--blind", "--format", "json")
    records = json.loads(out)
    assert code == 0 and [r["id"] for r in records] == [
        "vip-gaba-depletion", "vip-habenula-over-fire", "vip-shuts-down-areas"]
    for record in records:
        assert not {"verdict", "rationale", "conflicts", "reviewed"} & set(record)
        assert all("relation" not in e for e in record["evidence"])
        context = record["context"]
        assert context["found"] and context["before"] and context["quote"]
    assert "overstated" not in out and "misleading" not in out


def test_context_width_is_cut_at_words(capsys):
    _, out, _ = review(capsys, "--claim", "vip-gaba-depletion", "--context", "20", "--format", "json")
    context = json.loads(out)[0]["context"]
    assert context["quote"] == "a depletion of GABA can result in depression"
    assert len(context["before"]) <= 22 and len(context["after"]) <= 22
    assert not context["before"].lstrip("… ").startswith(" ")


def test_filter_by_source_and_unknown_ids(capsys):
    code, out, _ = review(capsys, "--source", "vip", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 3
    code, out, err = review(capsys, "--claim", "no-such-claim", "--source", "nowhere")
    assert code == 2 and out == ""
    assert "unknown source 'nowhere', claim 'no-such-claim'" in err


@pytest.mark.parametrize("width", ["-1"])
def test_negative_context_is_a_usage_error(capsys, width):
    code, _, err = review(capsys, "--context", width)
    assert code == 2 and "--context must be zero or more" in err
