"""Verdict-first wording of a claim wherever its words leave the body of its own page.

A clinic's claim restated alone, in a browser tab, a search result or a link preview, reads
as this site's own statement. So every heading, title and description built from a claim
starts with the verdict and names the article the claim comes from, e.g.
"Overstated: ketamine repairs damaged synapses (VIP Ketamine Clinics)".

Everything here is plain text: the templates and the site layer escape it for their context.
"""

from __future__ import annotations

import re

from ..model import Claim, Source
from ..naming import article_name
from . import vocabulary

DESCRIPTION_LIMIT = 200  # characters; link previews cut longer descriptions anyway

_CAPITALISED = re.compile(r"^[A-Z][a-z'’-]*\b")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`]+")


source_name = article_name  # the templates' and the older callers' name for the same rule


def verdict_label(verdict: str) -> str:
    return vocabulary.VERDICT_LABELS[verdict]


def _after_colon(statement: str) -> str:
    """The statement as it reads after "Verdict: ": no final full stop, and a first word
    that is only capitalised because it starts the sentence put in lower case (acronyms such
    as GABA or BDNF stay as they are)."""
    text = " ".join(statement.split()).rstrip(".")
    if _CAPITALISED.match(text):
        text = text[0].lower() + text[1:]
    return text


def verdict_first(claim: Claim) -> str:
    """The claim with its verdict before it, where the article is already plain (its page)."""
    return f"{verdict_label(claim.verdict)}: {_after_colon(claim.statement)}"


def claim_heading(claim: Claim, source: Source) -> str:
    """The claim page's heading, browser title and search-result title."""
    return f"{verdict_first(claim)} ({article_name(source)})"


def plain(markdown: str) -> str:
    """Catalog Markdown (links, emphasis, code) as plain text on one line."""
    text = _MD_LINK.sub(r"\1", markdown)
    return " ".join(_MD_MARKS.sub("", text).split())


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Cut at a word boundary with an ellipsis, so a preview never ends mid-word (nor in
    punctuation before the ellipsis). The conflict map's labels are cut by it too."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def claim_description(claim: Claim, source: Source) -> str:
    """The meta and link-preview description: verdict, who claimed it, and why."""
    head = (f"Verdict: {verdict_label(claim.verdict)}. {article_name(source)} claims: "
            f"{' '.join(claim.statement.split())}")
    if not head.endswith("."):
        head += "."
    return shorten(f"{head} {plain(claim.rationale)}")
