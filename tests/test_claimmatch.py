"""The Check a text page's scoring (claimmatch.py), on the real catalog: recall, the index's
shards, and what counts as a match. The browser's copy is held to it in
tests/browser/test_check_text_browser.py."""

from __future__ import annotations

import importlib.util

from claimcheck import claimmatch
from claimcheck.catalog import load_catalog

from conftest import ROOT

_SPEC = importlib.util.spec_from_file_location("checktext_metrics", ROOT / "scripts" / "checktext_metrics.py")
metrics = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(metrics)


def test_recall_on_the_real_catalog_meets_the_goal():
    """Each article's archive pasted whole: its catalogued quotes' own claims come first."""
    m = metrics.measure(ROOT / "claims")
    assert m["quotes"] >= 150
    assert m["recall"] >= metrics.GOAL, m["missed"]


def real_index():
    catalog = load_catalog(ROOT / "claims")
    claims = [c for c in catalog.claims if c.id]
    return claims, claimmatch.build([claimmatch.claim_text(c) for c in claims])


def test_the_shards_hold_every_posting_once_where_the_browser_looks():
    _, index = real_index()
    for claims in (155, 1000, 10000):  # 1, 4 and 64 shards
        count = claimmatch.shard_count(claims)
        index.claims = claims
        shards = claimmatch.shards(index)
        assert len(shards) == count
        rebuilt = {}
        for k, shard in enumerate(shards):
            for term, flat in shard.items():
                assert claimmatch.shard_of(term, count) == k
                assert flat[0] == index.idf[term]
                number, post = 0, []
                for gap, weight in zip(flat[1::2], flat[2::2]):
                    number += gap
                    post.append((number, weight))
                rebuilt[term] = post
        assert rebuilt == index.postings


def test_a_sentence_sharing_one_word_with_a_claim_is_no_match():
    claims, index = real_index()
    # "friendly" alone is shared with the claim about esketamine being patient-friendly
    assert index.matches("Our friendly team is here for you.", shared=1)
    assert index.matches("Our friendly team is here for you.") == []
    best = index.matches("In people who are depressed, the lateral habenula fires far too much.")
    assert claims[best[0][0]].id == "vip-habenula-over-fire"


def test_a_word_in_very_many_claims_keeps_only_the_claims_it_weighs_most_in():
    texts = [f"habenula {' '.join(f'word{i}x{j}' for j in range(i % 7))}" for i in range(600)]
    index = claimmatch.build(texts)
    kept = index.postings["habenula"]
    assert len(kept) == claimmatch.MAX_POSTINGS
    assert [c for c, _ in kept] == sorted(c for c, _ in kept)
    words = [len(t.split()) for t in texts]  # the fewer, the more "habenula" weighs
    dropped = set(range(600)) - {c for c, _ in kept}
    assert max(words[c] for c, _ in kept) <= min(words[c] for c in dropped)
