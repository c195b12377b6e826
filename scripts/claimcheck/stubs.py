"""YAML text of a new claim stub, appended to claims.yml by ``claimcheck new``.

Every placeholder is a value the schema refuses (``TODO`` outside an enum, ``""`` where text
is required, ``[]`` where a topic is required), so an unedited stub can never pass
``claimcheck check``: the checker's own messages then lead the contributor field by field.
"""

from __future__ import annotations

import json
import os
import textwrap
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .model import CITATION_LEVELS, RELATIONS, VERDICTS

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_line(catalog_file: Path, kind: str = "claims") -> str:
    """The first line of a new catalog file: its schema, relative to the file, for editors."""
    schema = Path(str(resources.files("claimcheck").joinpath("schemas", f"{kind}.schema.json")))
    rel = os.path.relpath(schema.resolve(), catalog_file.parent.resolve())
    return f"{SCHEMA_COMMENT}{Path(rel).as_posix()}\n"


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML) that keeps every character."""
    return json.dumps(value, ensure_ascii=False)


def _wrapped_comment(prefix: str, words: list[str], indent: str, width: int = 92) -> str:
    lines = textwrap.wrap(", ".join(words), width=width - len(indent) - len(prefix) - 2,
                          break_on_hyphens=False)  # ids contain hyphens
    if not lines:
        return ""
    head = f"{indent}# {prefix}{lines[0]}\n"
    return head + "".join(f"{indent}#   {line}\n" for line in lines[1:])


@dataclass
class Prefill:
    """Values taken from the most similar catalogued claim (``claimcheck new --suggestion``).

    Each is written with a ``# review:`` comment naming the claim it came from; the verdict,
    rationale and every evidence relation stay placeholders, so the stub still fails the
    checker until a person has judged the new claim on its own.
    """

    claim_id: str
    score: float
    verdict: str
    topics: list[str] = field(default_factory=list)
    speaks_of: str = ""
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (ref, relation there)


def _evidence(prefill: Prefill | None, g: str) -> str:
    if prefill is None or not prefill.evidence:
        return (f"{g}- ref: TODO         # a reference id from claims/references.yml\n"
                f"{g}  relation: TODO    # {', '.join(RELATIONS)}\n"
                f"{g}  note: \"\"          # what the study shows for this claim, and in whom\n")
    out = f"{g}# review: candidate evidence from {prefill.claim_id}; keep only what bears on this claim\n"
    for ref, relation in prefill.evidence:
        was = f" (was {relation} there)" if relation else ""
        out += (f"{g}- ref: {ref}\n"
                f"{g}  relation: TODO    # {', '.join(RELATIONS)}{was}\n"
                f"{g}  note: \"\"          # what the study shows for this claim, and in whom\n")
    return out


def claim_stub(claim_id: str, quote: str, source_line: int, topic_ids: list[str],
               indent: str = "  ", prefill: Prefill | None = None) -> str:
    """One list item for ``claims:``, with ``indent`` before its dash.

    No header block: the hints are short trailing comments that pass yamllint and may stay
    once the values are filled in (the commented-out optional fields can be deleted).
    """
    i = indent            # the dash
    f = indent + "  "     # the fields
    g = indent + "    "   # nested fields
    if prefill is not None and prefill.topics:
        topics = (f"{f}topics: [{', '.join(prefill.topics)}]  # review: from {prefill.claim_id}\n")
    else:
        known = _wrapped_comment("known topics: ", topic_ids, f) if topic_ids else ""
        topics = f"{f}topics: []            # one or more topic ids from claims/topics.yml\n{known}"
    if prefill is not None and prefill.speaks_of:
        speaks = f"{f}speaks_of: {prefill.speaks_of}  # review: from {prefill.claim_id}\n"
    else:
        speaks = f"{f}speaks_of: TODO       # humans, animals or unspecified: whom the claim is about\n"
    similar = ""
    if prefill is not None:
        similar = (f"{f}# review: most similar catalogued claim: {prefill.claim_id} "
                   f"({prefill.verdict or 'no verdict'}, similarity {prefill.score:.2f});\n"
                   f"{f}# record a conflict below if the two cannot both be true\n")
    return (
        f"{i}- id: {claim_id}\n"
        f"{f}quote: {yaml_string(quote)}  # archive.txt line {source_line}\n"
        f"{f}statement: \"\"         # the claim restated neutrally, in one line\n"
        f"{topics}"
        f"{speaks}"
        f"{f}source_citation:\n"
        f"{g}level: TODO         # {', '.join(CITATION_LEVELS)}: what the article itself cites\n"
        f"{g}# text: \"\"          # the article's own words for it (needed unless level is none)\n"
        f"{similar}"
        f"{f}verdict: TODO         # {', '.join(VERDICTS)}\n"
        f"{f}rationale: \"\"         # one to three sentences a reader can check against the evidence\n"
        f"{f}# no_evidence: \"\"     # instead of evidence: what was searched for and not found\n"
        f"{f}# conflicts:          # claims that clash with this one (write each pair once)\n"
        f"{f}#   - claim: TODO\n"
        f"{f}#     kind: TODO      # contradiction (both cannot be true) or tension (opposite pull)\n"
        f"{f}#     note: \"\"\n"
        f"{f}evidence:             # or delete this list and fill no_evidence instead\n"
        f"{_evidence(prefill, g)}"
    )
