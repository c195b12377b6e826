"""claimcheck suggest ranks checkable sentences first and matches them with claims of
other articles; claimcheck new takes a suggestion and pre-fills it, still failing the
checker until a person decides the verdict."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.cli import main
from claimcheck.sentences import checkability, split
from conftest import ROOT
from test_cmd_source import PAGE, decide

SOURCE = "example-clinic"


def added(catalog):
    assert main(["source", "add", "--catalog", str(catalog), SOURCE, "--html", str(PAGE)]) == 0
    decide(catalog / "sources" / SOURCE)
    return catalog / "sources" / SOURCE


def suggest_json(catalog, capsys, *args):
    capsys.readouterr()
    assert main(["suggest", "--catalog", str(catalog), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_split_keeps_verbatim_spans_and_abbreviations():
    text = "Dr. Smith et al. found it. Does it work?\nA heading\n\nIt binds receptors; it also grows synapses."
    sentences = split(text)
    assert [s.text for s in sentences] == ["Dr. Smith et al. found it.", "Does it work?", "A heading",
                                           "It binds receptors; it also grows synapses."]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_checkable_sentences_outrank_marketing_headings_and_questions():
    claim = "Ketamine blocks NMDA receptors, which triggers a surge of glutamate in the cortex."
    for weaker in ("Call us today to schedule your free consultation with our caring team!",
                   "The glutamate surge", "Is ketamine right for you?"):
        assert checkability(claim) > checkability(weaker), weaker


def test_a_headline_that_states_a_claim_is_scored_like_any_sentence():
    """A line without a full stop loses points only when it states nothing: the headline
    "Ketamine literally rewires the brain" ranked 28th of 48 as a mere heading."""
    for line in ("Ketamine literally rewires the brain", "Ketamine regrows lost connections",
                 "Ketamine Works as a Miracle Drug"):
        assert checkability(line) == checkability(line + "."), line
    for label in ("The glutamate surge", "How Ketamine Works", "How does ketamine work?",
                  "A new kind of antidepressant"):
        assert checkability(label) < checkability(label.rstrip("?") + "."), label


def test_json_shape_positions_and_order(catalog_copy, capsys):
    folder = added(catalog_copy)
    archive = (folder / "archive.txt").read_text(encoding="utf-8")
    lines = archive.splitlines(keepends=True)
    found = suggest_json(catalog_copy, capsys, SOURCE, "--limit", "0")
    assert len(found) == len(split(archive)) > 5
    for item in found:
        assert set(item) == {"quote", "line", "column", "score", "similar"}
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
        start = sum(len(x) for x in lines[:item["line"] - 1]) + item["column"] - 1
        assert archive[start:start + len(item["quote"])] == item["quote"]  # verbatim, 1-based
        assert "\n" not in item["quote"]
        assert 1 <= len(item["similar"]) <= 3
        for similar in item["similar"]:
            assert set(similar) == {"claim", "verdict", "score"}
            assert similar["claim"].startswith("vip-")  # only other articles' claims
            assert 0 <= similar["score"] <= 1
    scores = [item["score"] for item in found]
    assert scores == sorted(scores, reverse=True)
    rank = {item["quote"]: i for i, item in enumerate(found)}
    mechanism = rank["Ketamine blocks NMDA receptors on inhibitory neurons, which triggers a surge "
                     "of glutamate in the prefrontal cortex."]
    assert mechanism < rank["Call us today to schedule your free consultation with our caring team!"]
    assert mechanism < rank["Quieting the lateral habenula"]
    assert mechanism < rank["Is ketamine right for you?"]
    habenula = next(i for i in found if i["quote"].startswith("Researchers at a university in China"))
    assert habenula["similar"][0]["claim"] == "vip-habenula-over-fire"
    assert len(suggest_json(catalog_copy, capsys, SOURCE)) == 10  # the default limit


def test_quoted_sentences_are_skipped_unless_all(catalog_copy, capsys):
    archive = (catalog_copy / "sources/vip/archive.txt").read_text(encoding="utf-8")
    quotes = [c["quote"] for c in yaml.safe_load(
        (catalog_copy / "sources/vip/claims.yml").read_text())["claims"]]
    shown = suggest_json(catalog_copy, capsys, "vip", "--limit", "0")
    everything = suggest_json(catalog_copy, capsys, "vip", "--all", "--limit", "0")
    assert len(everything) == len(split(archive)) == len(shown) + len(quotes)
    assert not any(q in s["quote"] for q in quotes for s in shown)
    assert all(any(q in s["quote"] for s in everything) for q in quotes)


def test_text_output_numbers_suggestions_for_new(catalog_copy, capsys):
    added(catalog_copy)
    capsys.readouterr()
    assert main(["suggest", "--catalog", str(catalog_copy), SOURCE, "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^1\. catalog/sources/example-clinic/archive\.txt:\d+:\d+ score", out, re.M)
    assert "similar" in out and f"claimcheck new --source {SOURCE} --suggestion NUMBER" in out
    assert main(["suggest", "--catalog", str(catalog_copy), "nope"]) == 2
    assert main(["suggest", "--catalog", str(catalog_copy), SOURCE, "--limit", "-1"]) == 2


def test_new_accepts_a_suggestion_by_number_and_prefills_it_for_review(catalog_copy, capsys):
    folder = added(catalog_copy)
    found = suggest_json(catalog_copy, capsys, SOURCE, "--limit", "0")
    number = next(i for i, s in enumerate(found, 1) if s["quote"].startswith("Researchers at a university"))
    assert main(["new", "--catalog", str(catalog_copy), "--source", SOURCE,
                 "--suggestion", str(number)]) == 0
    out = capsys.readouterr().out
    assert "Pre-filled from vip-habenula-over-fire" in out
    text = (folder / "claims.yml").read_text()
    claim = yaml.safe_load(text)["claims"][0]
    assert claim["quote"] == found[number - 1]["quote"]
    assert claim["topics"] == ["lateral-habenula"] and claim["speaks_of"] == "humans"
    assert [e["ref"] for e in claim["evidence"]] == ["yang2018"]
    assert "# review: from vip-habenula-over-fire" in text
    assert "# review: candidate evidence from vip-habenula-over-fire" in text
    lint = subprocess.run([sys.executable, "-m", "yamllint", "--strict", "-c", str(ROOT / ".yamllint"),
                           str(folder / "claims.yml"), str(folder / "source.yml")],
                          capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    problems = run_checks(load_catalog(catalog_copy))
    fields = {p.message.split(":")[0] for p in problems}
    assert "claims[0].verdict" in fields and "claims[0].evidence[0].relation" in fields
    assert all("example-clinic/claims.yml" in p.location.file for p in problems)


def test_new_accepts_a_suggestion_by_its_words(catalog_copy, capsys):
    folder = added(catalog_copy)
    assert main(["new", "--catalog", str(catalog_copy), "--source", SOURCE, "--suggestion",
                 "ketamine stops the burst firing of the lateral habenula"]) == 0
    claim = yaml.safe_load((folder / "claims.yml").read_text())["claims"][0]
    assert claim["quote"] == "ketamine stops the burst firing of the lateral habenula"
    assert claim["topics"] == ["lateral-habenula"]
    assert main(["new", "--catalog", str(catalog_copy), "--source", SOURCE, "--suggestion", "999"]) == 2
    assert "no suggestion number 999" in capsys.readouterr().err


def test_new_leaves_a_blank_line_between_claims_and_no_header(catalog_copy):
    path = catalog_copy / "sources/vip/claims.yml"
    before = path.read_text()
    assert main(["new", "--catalog", str(catalog_copy), "--source", "vip",
                 "--quote", "Researchers believe ketamine is so effective"]) == 0
    added_text = path.read_text()[len(before):]
    assert added_text.startswith("\n  - id: vip-ketamine-effective\n")
    assert "FAILS" not in added_text and "New claim from" not in added_text


def test_suggest_and_new_refuse_an_unreadable_archive_alike(catalog_copy, capsys):
    """One lookup serves both commands: the same words for an unknown source and for an
    archive that is not UTF-8 text, naming the file."""
    (catalog_copy / "sources/vip/archive.txt").write_bytes(b"\xff\xfe not UTF-8")
    for command in (["suggest", "vip"], ["new", "--source", "vip", "--quote", "some words here"]):
        capsys.readouterr()
        assert main([*command, "--catalog", str(catalog_copy)]) == 2
        assert "cannot read catalog/sources/vip/archive.txt as UTF-8 text" in capsys.readouterr().err
    for command in (["suggest", "nope"], ["new", "--source", "nope", "--quote", "some words here"]):
        assert main([*command, "--catalog", str(catalog_copy)]) == 2
        assert "unknown source 'nope'; sources: vip" in capsys.readouterr().err


def test_a_suggestion_named_by_its_words_is_the_one_the_full_ranking_gives():
    """new --suggestion TEXT scores only the sentences holding TEXT: it must pick what the
    ranking of the whole archive picks, for whole sentences and for a few of their words."""
    from claimcheck.similarity import SimilarClaims
    from claimcheck.suggest import suggest, suggestion_for
    catalog = load_catalog(ROOT / "claims")
    index = SimilarClaims(catalog)
    for source in catalog.sources[:2]:
        ranked = suggest(catalog, source, include_quoted=True, index=index)
        assert ranked
        for s in ranked[::7]:
            flat = " ".join(s.quote.split())
            for words in (s.quote, " ".join(flat.split()[1:4])):
                key = " ".join(words.split())
                expected = (next((x for x in ranked if " ".join(x.quote.split()) == key), None)
                            or next(x for x in ranked if key in " ".join(x.quote.split())))
                chosen = suggestion_for(catalog, source, words, index=index)
                assert (chosen.sentence, chosen.score, chosen.similar) == \
                    (expected.sentence, expected.score, expected.similar), words
    assert suggestion_for(catalog, catalog.sources[0], "words no article has ever printed") is None
