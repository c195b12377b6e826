"""The conflict map: Graphviz lays each topic's conflicts out into static SVG whose boxes
show the claim's words, verdict and article (never an id) and link to the claim page."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.render import conflictmap
from claimcheck.render.conflictmap import Edge, LayoutToolMissing, Node

from conftest import TEST_CATALOG

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = 'He said "x" & <script>alert(1)</script> \\N \\G ]] --> done'


def parse(svg: str) -> ET.Element:
    """Inline SVG parsed as XML: it must be well-formed with every label escaped."""
    return ET.fromstring(str(svg).replace("<svg ", '<svg xmlns:xlink="http://www.w3.org/1999/xlink" ', 1)
                         if "xmlns:xlink" not in str(svg) else str(svg))


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_a_hostile_label_stays_text_and_the_svg_is_well_formed():
    nodes = [Node("a-1", HOSTILE, "misleading", "Clinic <A> & Co", "../claims/a-1/"),
             Node("b-2", "Plain words", "supported", "Clinic B", "../claims/b-2/")]
    svg = conflictmap.layout(nodes, [Edge("a-1", "b-2", "tension")], 'Map "x" <y>')
    root = parse(svg)
    shown = " ".join(texts(root))
    assert "<script>" in shown and '"x" &' in shown and "\\N \\G" in shown
    assert "<script>" not in str(svg) and "a-1" not in shown and "b-2" not in shown
    assert root.get("aria-label") == 'Map "x" <y>'
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert sorted(links) == ["../claims/a-1/", "../claims/b-2/"]
    assert not list(root.iter(f"{SVG}title")), "node names such as n0 must not be read out"


def test_contradictions_and_tensions_are_drawn_differently():
    nodes = [Node(x, f"Claim {x}", "supported", "Clinic", f"{x}/") for x in ("a", "b", "c")]
    svg = str(conflictmap.layout(nodes, [Edge("a", "b", "contradiction"), Edge("b", "c", "tension")], "m"))
    root = parse(svg)
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    dashes = sorted(bool(p.get("stroke-dasharray")) for g in edges for p in g.iter(f"{SVG}path"))
    assert dashes == [False, True]


def test_long_words_are_shortened_at_a_word_boundary():
    assert conflictmap.shorten("one two three", 9) == "one two…"
    assert conflictmap.shorten("short", 9) == "short"
    # the same cut as link previews (titles.shorten): at most the limit, ellipsis included,
    # never a stop or comma before the ellipsis, white space folded first
    assert conflictmap.shorten("one  two.\nthree four", 12) == "one two…"
    assert conflictmap.shorten("a receptor, a glutamate receptor. More", 35) == "a receptor, a glutamate receptor…"
    assert all(len(conflictmap.shorten("word " * 40, n)) <= n for n in (9, 20, 70))


def test_every_conflict_is_drawn_under_a_topic_with_links_to_both_claims():
    from claimcheck.render.pages import Facts, source_name

    catalog = load_catalog(TEST_CATALOG)
    facts = Facts(catalog)
    maps = conflictmap.diagrams(catalog, facts, lambda cid: f"../claims/{cid}/", source_name)
    assert sum(d.conflicts for d in maps) == len(facts.pairs) > 0
    linked = {a.get("href") for d in maps for a in parse(d.svg).iter(f"{SVG}a")}
    expected = {f"../claims/{c}/" for c in facts.conflict_ids}
    assert linked == expected


def test_a_missing_dot_is_named_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LayoutToolMissing, match="apt-get install graphviz"):
        conflictmap.layout([Node("a", "w", "supported", "c", "a/")], [], "m")
    assert os.environ["PATH"] == str(tmp_path)


def test_a_map_too_wide_for_a_phone_gets_a_narrow_rendering_with_short_names():
    """Three claims each in tension with the same two others (drawn as a frame side by side)
    and a chain besides: the phone's rendering is narrower than the phone's column, names
    the article by its short name and keeps every box's link and escaping."""
    long = "Propel Therapeutics (Ketamine Therapy Clinic, Sacramento, CA), “The Science Behind”"
    nodes = [Node(f"c{i}", f"<b>Claim</b> number {i} says something rather long about ketamine",
                  "supported", long, f"../claims/c{i}/", "Propel Therapeutics") for i in range(9)]
    edges = [Edge(f"c{i}", hub, "tension") for i in (0, 1, 2, 3) for hub in ("c4", "c5")] + \
        [Edge("c5", "c6", "contradiction"), Edge("c6", "c7", "contradiction"), Edge("c4", "c8", "tension")]
    wide = conflictmap.layout(nodes, edges, "m", prefix="map-x-")
    narrow = conflictmap.narrow_layout(nodes, edges, "m", prefix="map-x-phone-")
    assert conflictmap.width_of(wide) > conflictmap.PHONE_WIDTH
    assert 0 < conflictmap.width_of(narrow) <= conflictmap.PHONE_WIDTH + 10
    root = parse(narrow)
    shown = " ".join(texts(root))
    assert "Propel Therapeutics" in shown and "Sacramento" not in shown and "<b>" in shown
    assert sorted(a.get("href") for a in root.iter(f"{SVG}a")) == sorted(n.href for n in nodes)
    assert all(e.get("id", "map-x-phone-").startswith("map-x-phone-") for e in root.iter())


def test_an_article_s_short_name_is_its_publisher_or_the_start_of_its_title():
    from types import SimpleNamespace

    from claimcheck.naming import short_article_name

    def source(publisher, title):  # the two fields the name is made of
        return SimpleNamespace(publisher=publisher, title=title)

    assert short_article_name(source("Propel Therapeutics (Ketamine Therapy Clinic, CA)", "T")) == "Propel Therapeutics"
    assert short_article_name(source("", "How does Ketamine work in Human Brain?")) == "“How does Ketamine work…”"
    assert short_article_name(source("", "Short title")) == "“Short title”"
