#!/usr/bin/env python3
"""How often the Check a text page finds a catalogued claim in the article it came from.

Each article's archived text is pasted whole, as a reader would paste it: it is cut into
sentences (sentences.split) and each sentence matched to the checked claims
(claimmatch.py, the page's own scoring). For every catalogued quote, the sentence holding
most of it is looked up, and the quote counts as found when its own claim is that
sentence's top match. Several quotes often come from one sentence (an article's sentence
can make three claims), and only one claim can be a sentence's top match; so a sentence
holding k quotes answers with its top k matches (at most the 3 the page shows). The strict
figure, top match only, is given beside it.

Not a test (tests/test_claimmatch.py holds the goal): run it after changing the scoring and
copy its output into docs/matching.md.  Usage: scripts/checktext_metrics.py [--catalog claims]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claimcheck import claimmatch  # noqa: E402
from claimcheck.catalog import load_catalog  # noqa: E402
from claimcheck.sentences import split  # noqa: E402

GOAL = 0.90


def measure(catalog_dir: Path) -> dict:
    catalog = load_catalog(catalog_dir)
    claims = [c for c in catalog.claims if c.id]
    number = {c.id: i for i, c in enumerate(claims)}
    index = claimmatch.build([claimmatch.claim_text(c) for c in claims])
    holders = []  # (claim id, the sentence holding its quote)
    for source in catalog.sources:
        archive = catalog.archive(source)
        if archive is None:
            continue
        sentences = split(archive.text)
        for claim in claims:
            span = archive.find(claim.quote) if claim.source == source.id else None
            if span is None or not sentences:
                continue
            holder = max(sentences, key=lambda s: min(span.end, s.end) - max(span.start, s.start))
            holders.append((claim.id, (source.id, holder.start, holder.text)))
    quotes_in = Counter(sentence for _, sentence in holders)
    found = strict = 0
    missed = []
    for claim_id, sentence in holders:
        ranked = [c for c, _ in index.matches(sentence[2])]
        k = min(quotes_in[sentence], claimmatch.SHOWN)
        strict += bool(ranked) and ranked[0] == number[claim_id]
        if number[claim_id] in ranked[:k]:
            found += 1
        else:
            missed.append((claim_id, [claims[c].id for c in ranked[:k]]))
    total = len(holders)
    return {"quotes": total, "found": found, "strict": strict,
            "shared_sentences": sum(1 for n in quotes_in.values() if n > 1),
            "quotes_in_shared": sum(n for n in quotes_in.values() if n > 1),
            "recall": found / total if total else 1.0,
            "strict_recall": strict / total if total else 1.0, "missed": missed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", default="claims", type=Path)
    args = parser.parse_args(argv)
    m = measure(args.catalog)
    print(f"{m['found']} of {m['quotes']} catalogued quotes found ({m['recall']:.1%}; goal {GOAL:.0%}): "
          f"the quote's own claim is its sentence's top match (top k for a sentence holding k quotes)")
    print(f"top match only: {m['strict']} of {m['quotes']} ({m['strict_recall']:.1%}); "
          f"{m['quotes_in_shared']} quotes share {m['shared_sentences']} sentences with another quote")
    for claim_id, instead in m["missed"]:
        print(f"missed: {claim_id} (matched instead: {', '.join(instead) or 'nothing'})")
    return 0 if m["recall"] >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
