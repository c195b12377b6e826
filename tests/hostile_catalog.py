"""A catalog whose every free-text and URL field carries the OWASP XSS payload set.

Each vector, if it ever ran, would set ``window.__pwned``, open a dialog, or leave an
element with an event handler, a javascript: link or an inline script mentioning
``__pwned`` in the page: the hostile-site tests look for all three.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import yaml

from claimcheck.stubs import schema_line

VECTORS = (
    "<script>window.__pwned=1;alert(1)</script>",
    "</title><script>window.__pwned=2</script>",
    "</script><script>window.__pwned=3</script>",
    "</textarea><img src=x onerror=\"window.__pwned=4\">",
    "\"><svg onload=window.__pwned=5>",
    "'><iframe srcdoc=\"<script>parent.__pwned=6</script>\"></iframe>",
    "<details open ontoggle=window.__pwned=7>",
    "[click](javascript:window.__pwned=8)",
    "<a href=\"javascript:window.__pwned=9\">link</a>",
    "<svg><script>window.__pwned=10</script></svg>",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "**bold** _em_ `code` # heading | cell |",
    "&lt;script&gt;window.__pwned=11&lt;/script&gt;",
    "--> ]]> <!-- x",
)
PAYLOAD = " ".join(VECTORS)
# URL and DOI fields pass the identifier check (no white space) and still try to break out.
URL = ("https://example.org/\"><script>window.__pwned=20</script>?q='onmouseover='"
       "window.__pwned=21'&<svg/onload=window.__pwned=22>")
DOI = "10.1234/\"><script>window.__pwned=23</script>'onmouseover='window.__pwned=24'"
SEARCH_WORD = "pwned"  # appears in every vector that would run; typed into the site search

# Selectors for what an injection would leave in the DOM.
INJECTED = ("[onerror], [onload], [ontoggle], [onmouseover], iframe[srcdoc], "
            "a[href^='javascript:' i], img[src='x']")


def _dump(path: Path, data: dict) -> None:
    """Write a catalog file as the tools do: its schema line first, for editors."""
    kind = path.stem if path.stem in ("topics", "references", "source") else "claims"
    path.write_text(schema_line(path, kind) + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def _text(prefix: str) -> str:
    return f"{prefix} {PAYLOAD}"


def write_hostile_catalog(dest: Path, template: Path) -> Path:
    """The test catalog at ``template``, every free-text and URL field made hostile, plus
    a source 'hostile' whose archive holds the payload its claims quote."""
    shutil.copytree(template, dest)
    topics_path = dest / "topics.yml"
    topics = yaml.safe_load(topics_path.read_text(encoding="utf-8"))
    for topic in topics["topics"]:
        topic["title"] = _text(topic["title"])
        topic["description"] = _text(topic["description"])
    _dump(topics_path, topics)

    refs_path = dest / "references.yml"
    refs = yaml.safe_load(refs_path.read_text(encoding="utf-8"))
    for ref in refs["references"]:
        for field in ("citation", "subjects", "finding"):
            ref[field] = _text(ref[field])
        ref["url"] = URL
        if ref.get("doi"):
            ref["doi"] = DOI
    _dump(refs_path, refs)

    folder = dest / "sources" / "hostile"
    folder.mkdir()
    archive = f"A hostile article.\n\n{PAYLOAD}\n\nKetamine is said to {PAYLOAD} in the brain.\n"
    (folder / "archive.txt").write_text(archive, encoding="utf-8")
    source = {
        "id": "hostile", "title": _text("A hostile article"), "publisher": _text("Hostile Clinic"),
        "publisher_url": URL, "url": URL, "venue": _text("A venue"),
        "commercial_interest": _text("Sells"), "archive": "archive.txt",
        "provenance": {"status": "found", "checked": "2026-11-28", "how": _text("Matched")},
        "archive_sha256": hashlib.sha256(archive.encode("utf-8")).hexdigest(),
    }
    _dump(folder / "source.yml", source)
    ref_id = refs["references"][0]["id"]
    claims = {"claims": [{
        "id": "hostile-payload", "quote": PAYLOAD, "statement": _text("Ketamine"),
        "topics": [topics["topics"][0]["id"]], "speaks_of": "humans",
        "source_citation": {"level": "vague", "text": _text("researchers say")},
        "verdict": "overstated", "rationale": _text("Because"),
        "evidence": [{"ref": ref_id, "relation": "qualifies", "note": _text("A note")}],
        "conflicts": [{"claim": "hostile-second", "kind": "tension", "note": _text("They disagree")}],
    }, {
        "id": "hostile-second", "quote": f"Ketamine is said to {PAYLOAD} in the brain.",
        "statement": _text("Ketamine also"), "topics": [topics["topics"][-1]["id"]],
        "speaks_of": "humans", "source_citation": {"level": "none"}, "verdict": "unsupported",
        "rationale": _text("Nothing backs it"), "no_evidence": _text("Searched for"),
    }]}
    _dump(folder / "claims.yml", claims)
    for path in (dest / "sources" / "vip" / "claims.yml",):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in data["claims"]:
            claim["rationale"] = _text(claim["rationale"])
            for item in claim.get("evidence", []):
                item["note"] = _text(item.get("note", ""))
        _dump(path, data)
    vip_source = dest / "sources" / "vip" / "source.yml"
    data = yaml.safe_load(vip_source.read_text(encoding="utf-8"))
    for field in ("title", "venue", "commercial_interest"):
        data[field] = _text(data[field])
    _dump(vip_source, data)
    return dest
