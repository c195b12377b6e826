"""The conflict map under hostile input (red team December 2026, F11 and F13): a dense
topic gets a readable sentence instead of a layout that times out with a traceback, and
a character reference in a claim's words is shown as written, never decoded."""

from __future__ import annotations

import random

from claimcheck.render import conflictmap
from claimcheck.render.conflictmap import Edge, Node

from test_conflictmap import parse

SVG = "{http://www.w3.org/2000/svg}"


def graph(claims: int, conflicts: int, seed: int = 13):
    rng = random.Random(seed)
    nodes = [Node(f"bulk-{i}", f"Ketamine claim number {i} about synapses and mood",
                  "overstated", "Bulk clinic", f"../bulk-{i}/") for i in range(claims)]
    pairs = set()
    while len(pairs) < conflicts:
        a, b = rng.sample(range(claims), 2)
        pairs.add((min(a, b), max(a, b)))
    return nodes, [Edge(f"bulk-{a}", f"bulk-{b}", "contradiction") for a, b in sorted(pairs)]


def test_a_character_reference_is_shown_as_written_not_decoded():
    words = "&lt;b&gt;Safe&lt;/b&gt; &#x202E;tsisni nac uoy"
    nodes = [Node("a-1", words, "misleading", "Clinic & Co", "../a-1/"),
             Node("b-2", "Plain words", "supported", "Clinic B", "../b-2/")]
    svg = str(conflictmap.layout(nodes, [Edge("a-1", "b-2", "tension")], "m"))
    root = parse(svg)
    shown = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "\u202e" not in shown and "<b>" not in shown
    assert "&#x202E;" in shown and "&lt;b&gt;" in shown and "Clinic & Co" in shown


def test_a_topic_too_dense_to_follow_gets_a_sentence_not_a_layout():
    nodes, edges = graph(200, 590)  # the red team's case 13: dot ran past 60 s twice
    shown = str(conflictmap.layout(nodes, edges, "m"))  # dot is not run at all
    assert shown.startswith('<p class="cc-map-fallback">This map is not drawn: ')
    assert "(200 claims, 590 conflicts)" in shown and 'href="#contradictions"' in shown


def test_a_layout_over_its_time_budget_gets_a_sentence_not_a_traceback():
    nodes, edges = graph(conflictmap.MAX_MAP_CLAIMS, conflictmap.MAX_MAP_CONFLICTS, seed=7)
    shown = str(conflictmap.layout(nodes, edges, "m", seconds=0.001))  # dot cannot start in 1 ms
    assert "This map is not drawn: laying it out took too long" in shown


def test_the_largest_map_allowed_is_laid_out_within_its_budget():
    nodes, edges = graph(conflictmap.MAX_MAP_CLAIMS, conflictmap.MAX_MAP_CONFLICTS, seed=3)
    shown = str(conflictmap.layout(nodes, edges, "m"))
    assert shown.startswith('<svg class="cc-map"'), shown[:200]
