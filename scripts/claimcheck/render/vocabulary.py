"""Words, icons and explanations the pages show for verdicts, flags and relations.

Every badge carries a word and an icon as well as a colour, so no meaning rests on
colour alone.
"""

from .. import model

VERDICT_LABELS = {
    "supported": "Supported",
    "overstated": "Overstated",
    "misleading": "Misleading",
    "contested": "Contested",
    "unsupported": "Unsupported",
    "contradicted": "Contradicted",
    "not-checkable": "Not checkable",
}

VERDICT_ICONS = {
    "supported": "✔",
    "overstated": "⬆",
    "misleading": "⚠",
    "contested": "⇄",
    "unsupported": "?",
    "contradicted": "✘",
    "not-checkable": "–",
}

VERDICT_MEANINGS = {
    "supported": "The evidence, in the population the claim speaks of, backs the claim as stated.",
    "overstated": "The evidence points the same way, but the claim goes further than it does.",
    "misleading": "Something true is framed so as to leave a false impression.",
    "contested": "Good studies disagree.",
    "unsupported": "No evidence was found either way.",
    "contradicted": "The evidence says otherwise.",
    "not-checkable": "An opinion, a promise or praise rather than a statement of fact: there "
                     "is nothing a study could confirm or refute.",
}

# How serious a verdict is, for "most serious first" orderings (higher is worse).
VERDICT_SEVERITY = {"contradicted": 5, "misleading": 4, "unsupported": 3, "overstated": 2,
                    "contested": 1, "supported": 0, "not-checkable": 0}

# Two kinds of conflict between claims, told apart by word and icon (never colour alone).
CONFLICT_KINDS = model.CONFLICT_KINDS
CONFLICT_KIND_LABELS = {"contradiction": "Contradiction", "tension": "Tension"}
CONFLICT_KIND_ICONS = {"contradiction": "≠", "tension": "↔"}
CONFLICT_KIND_MEANINGS = {
    "contradiction": "The two claims cannot both be true.",
    "tension": "The two claims can both be true, but they pull in opposite directions or "
               "frame the same facts in opposite ways.",
}
CONFLICT_KIND_INTROS = {
    "contradiction": "Cannot both be true with this claim:",
    "tension": "Can be true together with this claim, but pull the other way:",
}

FLAG_LABELS = {
    "uncited": "Uncited",
    "vague-citation": "Vague citation",
    "conflict": "Contradiction",  # the flag id stays "conflict" (export contract)
    "tension": "Tension",
    "species-gap": "Species gap",
    "no-evidence": "No evidence",
}

# The flags that mark a conflict carry their kind's icon; the others a plain flag.
FLAG_ICONS = {"conflict": CONFLICT_KIND_ICONS["contradiction"],
              "tension": CONFLICT_KIND_ICONS["tension"]}

FLAG_MEANINGS = {
    "uncited": "The article cites nothing for this claim.",
    "vague-citation": "The article points to a university, journal or \"researchers\" but "
                      "names no study that could be checked.",
    "conflict": "This claim cannot be true together with at least one other claim in the "
                "catalog (a contradiction).",
    "tension": "This claim can be true together with another claim in the catalog, but the "
               "two pull in opposite directions or frame the same facts in opposite ways.",
    "species-gap": "The claim speaks of people, but every study supporting it was done in "
                   "animals or cells.",
    "no-evidence": "No study or record is attached to this claim.",
}

RELATION_LABELS = {"supports": "Supports", "qualifies": "Qualifies", "contradicts": "Contradicts"}

CITATION_LABELS = {
    "none": "Nothing: the article cites no source for this claim.",
    "vague": "A vague pointer, with no study that could be identified:",
    "specific": "A specific reference:",
}

# schema.org ClaimReview reviewRating on a 1 (false) to 5 (true) scale, the scale most fact
# checkers publish. "Overstated" and "contested" sit in the middle (partly true, or true in
# part of the evidence); "misleading" and "unsupported" lean false (the reader is misled,
# or nothing backs the claim); "contradicted" is false. docs/data.md documents this table.
RATING_BEST, RATING_WORST = 5, 1
VERDICT_RATINGS = {"supported": 5, "overstated": 3, "contested": 3, "misleading": 2,
                   "unsupported": 2, "contradicted": 1}

POPULATION_LABELS = {"human": "Humans", "animal": "Animals", "in-vitro": "Cells / tissue"}

SPEAKS_OF_LABELS = {"humans": "people", "animals": "animals",
                    "unspecified": "people or animals (the article does not say which)"}
# What a claim page says about whom the claim is about.
SPEAKS_OF_SENTENCES = {"humans": "The claim is about people.",
                       "animals": "The claim is about animals.",
                       "unspecified": "The article does not say whether it means people or animals."}

CITATION_SHORT = {"none": "Nothing", "vague": "Vague pointer", "specific": "Specific study"}


def design_label(design: str) -> str:
    """'randomized-trial' -> 'Randomized trial': the design vocabulary reads as words."""
    return design.replace("-", " ").capitalize()


# Fill of a claim's box in the conflict map (the box also shows the verdict's icon and word).
VERDICT_TONE = {"supported": "better", "contested": "middle", "overstated": "middle",
                "unsupported": "middle", "misleading": "worse", "contradicted": "worse",
                "not-checkable": "middle"}


def change_words(event) -> list[tuple[str, object]]:
    """One history event (history.Event) in words, as pieces: ("text", words), ("verdict",
    a verdict) or ("refs", reference ids). The one wording of a change: the pages show the
    verdicts as badges and the references as links (templates/_changes.j2), the feed as
    labels and author-year names (render/changes.change_text)."""
    if event.kind == "added":
        return [("text", "published with the verdict "), ("verdict", event.new), ("text", ".")]
    if event.kind == "verdict":
        return [("text", "verdict changed from "), ("verdict", event.old), ("text", " to "),
                ("verdict", event.new), ("text", ".")]
    if event.kind == "withdrawn":
        return [("text", "claim withdrawn from the catalog (its verdict was "),
                ("verdict", event.old), ("text", ").")]
    if event.kind == "rationale":
        return [("text", "the reasons for the verdict were reworded.")]
    pieces: list[tuple[str, object]] = [("text", "evidence ")]
    for refs, before, after in ((event.refs_added, "added: ", ""),
                                (event.refs_removed, "removed: ", ""),
                                (event.refs_changed, "what ", " shows for the claim was re-judged")):
        if refs:
            lead = "; " if len(pieces) > 1 else ""
            pieces += [("text", lead + before), ("refs", refs)] + ([("text", after)] if after else [])
    return pieces + [("text", ".")]
