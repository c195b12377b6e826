"""scripts/review_agreement.py: raw agreement and Cohen's kappa are computed correctly, and
every disagreement is listed with the reviewers' reasons."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import ROOT, TEST_CATALOG

_SPEC = importlib.util.spec_from_file_location("review_agreement", ROOT / "scripts" / "review_agreement.py")
agreement = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(agreement)


def test_kappa_matches_a_worked_example():
    # 10 items, 7 agreements; rater 1 says yes 5 times, rater 2 yes 4 times:
    # po = 0.7, pe = (5*4 + 5*6) / 100 = 0.5, kappa = 0.4
    a = ["yes"] * 5 + ["no"] * 5
    b = ["yes", "yes", "yes", "no", "no", "no", "no", "no", "no", "yes"]
    assert agreement.cohen_kappa(a, b) == pytest.approx(0.4)
    assert agreement.cohen_kappa(a, a) == 1.0
    assert agreement.cohen_kappa(["x"] * 3, ["x"] * 3) == 1.0
    with pytest.raises(ValueError):
        agreement.cohen_kappa([], [])


def test_labels_are_normalised():
    assert agreement.normalise(" Not checkable ") == "not-checkable"
    assert agreement.normalise("NOT_CHECKABLE") == "not-checkable"


def write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_report_on_the_test_catalog(tmp_path, capsys):
    at_review = write(tmp_path / "before.json", {"vip-gaba-depletion": "overstated",
                                                 "vip-habenula-over-fire": "supported",
                                                 "vip-shuts-down-areas": "misleading"})
    a = write(tmp_path / "a.json", [
        {"id": "vip-gaba-depletion", "verdict": "Overstated", "reason": "hypothesis as fact"},
        {"id": "vip-habenula-over-fire", "verdict": "overstated", "reason": "rodents only"},
        {"id": "vip-shuts-down-areas", "verdict": "misleading", "reason": "mixed imaging"}])
    b = write(tmp_path / "b.json", [
        {"id": "vip-gaba-depletion", "verdict": "overstated", "reason": "x"},
        {"id": "vip-habenula-over-fire", "verdict": "overstated", "reason": "animal data"},
        {"id": "vip-shuts-down-areas", "verdict": "contradicted", "reason": "imaging says otherwise"}])
    code = agreement.main(["--a", str(a), "--b", str(b), "--at-review", str(at_review),
                           "--catalog", str(TEST_CATALOG), "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0
    pairs = result["pairs"]
    assert pairs["A vs catalog (at review)"]["agree"] == 2 and pairs["A vs catalog (at review)"]["n"] == 3
    assert pairs["A vs B"]["agree"] == 2
    # the test catalog now rates vip-habenula-over-fire overstated, as both reviewers did
    assert pairs["A vs catalog (now)"]["agree"] == 3 and pairs["A vs catalog (now)"]["kappa"] == 1.0
    ids = [d["id"] for d in result["disagreements"]]
    assert ids == ["vip-habenula-over-fire", "vip-shuts-down-areas"]
    assert result["disagreements"][1]["b_reason"] == "imaging says otherwise"
    assert result["missing"] == {"only A": [], "only B": [], "unknown ids": []}
    assert result["not_reviewed"] == 0
    agreement.main(["--a", str(a), "--b", str(b), "--at-review", str(at_review),
                    "--catalog", str(TEST_CATALOG)])
    text = capsys.readouterr().out
    assert text.startswith("comparison")
    assert "- vip-shuts-down-areas: catalog misleading; A misleading; B contradicted" in text


def test_the_december_2026_packet_names_real_claims_with_real_verdicts():
    """The frozen verdicts of the December 2026 blind review name claims of the real catalog,
    with verdicts of the catalog's vocabulary, so the script can score the reviewers' files."""
    frozen = json.loads((ROOT / "tests" / "data" / "review" / "2026-12" / "catalog-at-review.json")
                        .read_text(encoding="utf-8"))
    now = agreement.current_verdicts(ROOT / "claims")
    assert frozen and set(frozen) <= set(now)
    assert {agreement.normalise(v) for v in frozen.values()} <= set(now.values()) | {"not-checkable"}
