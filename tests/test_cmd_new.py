"""claimcheck new: the stub lands in the right file, leaves the rest untouched, and cannot
pass the checker until it is filled in."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.cli import main
from claimcheck.commands.new import closest_passages, propose_id
from claimcheck.sentences import split
from conftest import ROOT

QUOTE = "Researchers believe ketamine is so effective"


def new(catalog: Path, *args: str) -> int:
    return main(["new", "--catalog", str(catalog), *args])


def fill(text: str, claim_id: str) -> str:
    """Fill the stub of ``claim_id`` the way a contributor would."""
    head, stub = text.split(f"- id: {claim_id}\n")
    replacements = [
        ('statement: ""', "statement: Ketamine works because it targets glutamate."),
        ("topics: []", "topics: [gaba]"),
        ("speaks_of: TODO", "speaks_of: humans"),
        ("level: TODO", "level: vague"),
        ('# text: ""', "text: Researchers believe"),
        ("verdict: TODO", "verdict: overstated"),
        ('rationale: ""', "rationale: A hypothesis told as the reason it works."),
        ("ref: TODO", "ref: luscher2011"),
        ("relation: TODO", "relation: qualifies"),
        ('note: ""          #', "note: Presents it as a hypothesis.  #"),
    ]
    for old, new_text in replacements:
        assert old in stub, old
        stub = stub.replace(old, new_text, 1)
    return f"{head}- id: {claim_id}\n{stub}"


def test_stub_is_appended_and_the_rest_of_the_file_is_untouched(catalog_copy, capsys):
    path = catalog_copy / "sources" / "vip" / "claims.yml"
    before = path.read_bytes()
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 0
    after = path.read_bytes()
    assert after.startswith(before)
    out = capsys.readouterr().out
    where = re.search(r"(\S+claims\.yml):(\d+): added claim '([a-z0-9-]+)'", out)
    assert where, out
    line = after.decode().splitlines()[int(where.group(2)) - 1]
    assert line.strip() == f"- id: {where.group(3)}"
    assert where.group(3) == "vip-ketamine-effective"
    assert "archive.txt:7" in out
    data = yaml.safe_load(after)
    assert [c["id"] for c in data["claims"]][:3] == [c["id"] for c in yaml.safe_load(before)["claims"]]
    assert data["claims"][-1]["quote"] == QUOTE


def test_unedited_stub_fails_check_only_on_its_own_lines_and_filled_stub_passes(catalog_copy):
    path = catalog_copy / "sources" / "vip" / "claims.yml"
    start = len(path.read_text().splitlines())
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 0
    problems = run_checks(load_catalog(catalog_copy))
    assert problems
    assert all(p.location.line > start for p in problems)
    assert {"schema"} <= {p.check for p in problems}
    messages = " ".join(p.message for p in problems)
    for field in ("verdict", "statement", "topics", "speaks_of", "rationale", "level"):
        assert field in messages
    claim_id = "vip-ketamine-effective"
    path.write_text(fill(path.read_text(), claim_id))
    assert run_checks(load_catalog(catalog_copy)) == []


def test_quote_keeps_the_archive_characters_and_single_spaces(catalog_copy):
    # typed with a straight apostrophe and a line break; the archive has a curly one
    assert new(catalog_copy, "--source", "vip", "--quote", "known as the brain's\n  disappointment center") == 0
    claims = yaml.safe_load((catalog_copy / "sources/vip/claims.yml").read_text())["claims"]
    assert claims[-1]["quote"] == "known as the brain\u2019s disappointment center"


def test_ids_are_unique_and_checked(catalog_copy, capsys):
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 0
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 0
    ids = [c["id"] for c in yaml.safe_load((catalog_copy / "sources/vip/claims.yml").read_text())["claims"]]
    assert ids[-2:] == ["vip-ketamine-effective", "vip-ketamine-effective-2"]
    path = catalog_copy / "sources/vip/claims.yml"
    before = path.read_bytes()
    for bad in ("Vip-Upper", "elev8-wrong-source", "vip-gaba-depletion"):
        assert new(catalog_copy, "--source", "vip", "--quote", QUOTE, "--id", bad) == 2
    assert path.read_bytes() == before
    assert "already used" in capsys.readouterr().err
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE, "--id", "vip-my-own-id") == 0
    assert "- id: vip-my-own-id\n" in path.read_text()


def test_propose_id_skips_small_words():
    assert propose_id("vip", "a depletion of GABA can result in depression", set()) == \
        "vip-depletion-gaba-result-depression"
    assert propose_id("vip", "of the", {"vip-of-the"}) == "vip-of-the-2"


def test_proposed_ids_are_a_few_key_words_without_years_or_filler():
    """A permanent address is short and says what the claim is about (issue: the id
    'harborlight-2018-scientists-published-two' was proposed for such a sentence)."""
    from claimcheck.commands.new import _FILLER
    quote = ("In 2018, scientists published two studies showing that ketamine quiets the "
             "lateral habenula within an hour of a single dose.")
    assert propose_id("harbor", quote, set()) == "harbor-ketamine-quiets-lateral-habenula"
    assert propose_id("harbor", "Ketamine Literally Rewires the Brain", set()) == "harbor-ketamine-rewires-brain"
    assert propose_id("vip", "Ketamine is the most effective treatment", set()) == \
        "vip-ketamine-most-effective-treatment"  # a superlative is the claim, not filler
    assert propose_id("vip", "many new studies are being conducted", set()) == \
        "vip-many-new-studies-conducted"  # filler alone: its words are kept, small words not
    catalog = load_catalog(ROOT / "claims")
    for source in catalog.sources:
        for sentence in split(catalog.archive(source).text):
            words = propose_id(source.id, sentence.text, set())[len(source.id) + 1:].split("-")
            assert len(words) <= 4, sentence.text
            assert not any(re.fullmatch(r"(19|20)\d\d", w) for w in words), sentence.text
            if len([w for w in words if w not in _FILLER]) >= 2:
                assert not set(words) & _FILLER, sentence.text


def test_unknown_source_lists_the_sources(catalog_copy, capsys):
    assert new(catalog_copy, "--source", "nope", "--quote", QUOTE) == 2
    err = capsys.readouterr().err
    assert "unknown source 'nope'" in err and "vip" in err


def test_quote_not_found_shows_closest_passages_and_writes_nothing(catalog_copy, capsys):
    files = {p: p.read_bytes() for p in catalog_copy.rglob("*") if p.is_file()}
    assert new(catalog_copy, "--source", "vip", "--quote", "ketamine targets glutamine which balances GABA") == 1
    out = capsys.readouterr().out
    assert "nothing was written" in out
    passages = re.findall(r"line (\d+) \((\d+)% alike\)", out)
    assert len(passages) == 3
    assert passages[0][0] == "7"  # the paragraph that holds "ketamine targets glutamate which produces"
    assert {p: p.read_bytes() for p in catalog_copy.rglob("*") if p.is_file()} == files


def test_closest_passages_are_ranked_distinct_lines():
    text = "alpha beta gamma\n\nketamine blocks NMDA receptors here\nsomething else entirely\n"
    found = closest_passages(text, "ketamine blocks NMDA receptor")
    assert found[0][0] == 3 and found[0][1] > 0.9
    assert len({f[0] for f in found}) == len(found)


def test_missing_claims_file_is_created_with_its_schema_line(catalog_copy):
    path = catalog_copy / "sources/vip/claims.yml"
    path.unlink()
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 0
    lines = path.read_text().splitlines()
    schema = lines[0].removeprefix("# yaml-language-server: $schema=")
    assert schema != lines[0] and (path.parent / schema).resolve().name == "claims.schema.json"
    assert (path.parent / schema).resolve().is_file()
    assert lines[1] == "claims:"
    assert len(yaml.safe_load(path.read_text())["claims"]) == 1


def test_follows_the_file_indentation_and_a_missing_final_newline(catalog_copy):
    path = catalog_copy / "sources/vip/claims.yml"
    flat = "claims:\n- id: vip-gaba-depletion\n  quote: a depletion of GABA can result in depression"
    original = path.read_text()
    path.write_text(flat)
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 0
    text = path.read_text()
    assert text.startswith(flat + "\n")
    assert "\n- id: vip-ketamine-effective\n" in text
    assert len(yaml.safe_load(text)["claims"]) == 2
    path.write_text(original)


def test_refuses_a_file_it_cannot_append_to(catalog_copy, capsys):
    path = catalog_copy / "sources/vip/claims.yml"
    path.write_text("claims: []\n")
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 2
    assert path.read_text() == "claims: []\n"
    assert "block list" in capsys.readouterr().err


def test_overlap_with_an_existing_quote_is_noted(catalog_copy, capsys):
    assert new(catalog_copy, "--source", "vip", "--quote", "For example, a depletion of GABA") == 0
    assert "Note: these words overlap the quote of vip-gaba-depletion" in capsys.readouterr().out
    assert new(catalog_copy, "--source", "vip", "--quote", QUOTE) == 0
    assert "overlap" not in capsys.readouterr().out
