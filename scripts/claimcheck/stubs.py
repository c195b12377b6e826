"""YAML text of a new claim stub, appended to claims.yml by ``claimcheck new``.

Every placeholder is a value the schema refuses (``TODO`` outside an enum, ``""`` where text
is required, ``[]`` where a topic is required), so an unedited stub can never pass
``claimcheck check``: the checker's own messages then lead the contributor field by field.
"""

from __future__ import annotations

import json
import os
import textwrap
from importlib import resources
from pathlib import Path

from .model import CITATION_LEVELS, RELATIONS, VERDICTS

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_line(claims_file: Path) -> str:
    """The first line of a new claims.yml: its schema, relative to the file, for editors."""
    schema = Path(str(resources.files("claimcheck").joinpath("schemas", "claims.schema.json")))
    rel = os.path.relpath(schema.resolve(), claims_file.parent.resolve())
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


def claim_stub(claim_id: str, quote: str, source_line: int, topic_ids: list[str],
               indent: str = "  ") -> str:
    """One list item for ``claims:``, with ``indent`` before its dash."""
    i = indent            # the dash
    f = indent + "  "     # the fields
    g = indent + "    "   # nested fields
    topics = _wrapped_comment("known topics: ", topic_ids, f) if topic_ids else ""
    return (
        f"{i}# New claim from `claimcheck new` (quote at archive.txt line {source_line}).\n"
        f"{i}# It FAILS `claimcheck check` on purpose until every TODO and every \"\" below is\n"
        f"{i}# replaced: an unfinished claim can never pass. See CONTRIBUTING.md and\n"
        f"{i}# docs/methodology.md for how to choose each value.\n"
        f"{i}- id: {claim_id}\n"
        f"{f}quote: {yaml_string(quote)}\n"
        f"{f}statement: \"\"         # TODO: the claim restated neutrally, in one line\n"
        f"{f}topics: []            # TODO: one or more topic ids from claims/topics.yml\n"
        f"{topics}"
        f"{f}speaks_of: TODO       # humans, animals or unspecified: whom the claim is about\n"
        f"{f}source_citation:\n"
        f"{g}level: TODO         # {', '.join(CITATION_LEVELS)}: what the article itself cites\n"
        f"{g}# text: \"\"          # the article's own words for it (needed unless level is none)\n"
        f"{f}verdict: TODO         # {', '.join(VERDICTS)}\n"
        f"{f}rationale: \"\"         # TODO: one to three sentences a reader can check against the evidence\n"
        f"{f}# no_evidence: \"\"     # instead of evidence: what was searched for and not found\n"
        f"{f}# conflicts:          # claims that clash with this one (write each pair once)\n"
        f"{f}#   - claim: TODO\n"
        f"{f}#     kind: TODO      # contradiction (both cannot be true) or tension (opposite pull)\n"
        f"{f}#     note: \"\"\n"
        f"{f}evidence:             # or delete this list and fill no_evidence instead\n"
        f"{g}- ref: TODO         # a reference id from claims/references.yml\n"
        f"{g}  relation: TODO    # {', '.join(RELATIONS)}\n"
        f"{g}  note: \"\"          # TODO: what the study shows for this claim, and in whom\n"
    )
