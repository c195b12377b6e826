"""The files the "Check a text" page fetches: the matching index of claimmatch.py as JSON.

- checktext/meta.json: sizes, the cue words, the verdicts' labels (a few KB at any size);
- checktext/t<k>.json: word shard k, {word: [idf, claim, weight, claim gap, weight, ...]};
- checktext/c<k>.json: display chunk k, a row per claim (link, verdict, statement, article,
  article link), claim numbers k * CLAIMS_PER_CHUNK onwards.

Every string is data for the page's script, which writes it with textContent.
"""

from __future__ import annotations

import json

from .. import claimmatch
from ..model import Catalog
from . import vocabulary
from .titles import article_name

FOLDER = "checktext"


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def index_files(catalog: Catalog, url) -> list[tuple[str, str]]:
    """(path below the site, JSON text) of every file of the index; ``url(path)`` is the
    address of a generated page relative to the site root."""
    claims = [c for c in catalog.claims if c.id]
    sources = {s.id: s for s in catalog.sources}
    index = claimmatch.build([claimmatch.claim_text(c) for c in claims])
    shards = claimmatch.shards(index)
    size = claimmatch.CLAIMS_PER_CHUNK
    meta = {"claims": index.claims, "shards": len(shards), "chunk": size,
            "default_idf": index.default_idf, "scale": claimmatch.SCALE,
            "floor": claimmatch.MATCH_FLOOR,
            "min_shared": claimmatch.MIN_SHARED, "shown": claimmatch.SHOWN,
            "cues": claimmatch.cue_patterns(), "verdicts": vocabulary.VERDICT_LABELS}
    files = [(f"{FOLDER}/meta.json", _json(meta))]
    files += [(f"{FOLDER}/t{k}.json", _json(shard)) for k, shard in enumerate(shards)]
    for k in range(0, len(claims), size):
        rows = []
        for claim in claims[k:k + size]:
            source = sources.get(claim.source)
            rows.append([url(f"claims/{claim.id}.md"), claim.verdict, claim.statement,
                         article_name(source) if source else "",
                         url(f"sources/{source.id}.md") if source else ""])
        files.append((f"{FOLDER}/c{k // size}.json", _json(rows)))
    return files
