"""The bottom lines: what the catalog, and each article, was found to say, computed from it.

A reader should know the findings within seconds, before any chart; and a count of
"supported" claims must not lead, since the problems are what the articles hide. Every
number here is counted from the same catalog and flags as the export (a test compares them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Catalog
from . import vocabulary


@dataclass(frozen=True)
class BottomLine:
    total: int
    uncited: int            # cite nothing at all
    vague: int              # point only to "researchers", a university or a journal
    specific: int           # name a study a reader could find
    species_gap: int        # speak of people, rest only on animal or cell studies
    contradicted: int
    misleading: int
    overstated: int
    across_articles: int    # contradictions between claims of two different articles
    tensions_across: int    # tensions between claims of two different articles
    hot_topics: tuple       # ((topic, count), ...) where articles contradict each other most

    @property
    def contradicted_or_misleading(self) -> int:
        return self.contradicted + self.misleading

    def summary(self) -> str:
        """The bottom line in one plain sentence, for the home page's link preview."""
        cited = (f"none of {self.total} claims names a study a reader could check"
                 if self.specific == 0 else
                 f"only {self.specific} of {self.total} claims name a study a reader could check")
        return (f"Ketamine clinics' articles, checked claim by claim: {cited}; "
                f"{self.contradicted_or_misleading} are contradicted or misleading, "
                f"{self.overstated} overstated, and {self.species_gap} tell animal or cell "
                f"results as facts about people.")


def bottom_line(catalog: Catalog, flags: dict[str, list[str]], topics: int = 2) -> BottomLine:
    """Count the findings; ``topics`` is how many topics of cross-article contradiction to name."""
    claims = catalog.by_id("claims")
    topic_titles = catalog.by_id("topics")
    verdicts = Counter(c.verdict for c in catalog.claims)
    levels = Counter(c.citation_level for c in catalog.claims)
    flagged = Counter(f for fs in flags.values() for f in fs)
    across = {"contradiction": 0, "tension": 0}
    where: Counter = Counter()
    for claim in catalog.claims:
        for conflict in claim.conflicts:
            other = claims.get(conflict.claim)
            if other is None or other.source == claim.source:
                continue
            across[conflict.kind] = across.get(conflict.kind, 0) + 1
            if conflict.kind == "contradiction":
                shared = [t for t in claim.topics if t in other.topics] or claim.topics
                where.update(t for t in shared if t in topic_titles)
    # a topic is worth naming only where the articles clash more than once
    hot = tuple((topic_titles[t], n) for t, n in where.most_common(topics) if n > 1)
    return BottomLine(
        total=len(catalog.claims), uncited=levels["none"], vague=levels["vague"],
        specific=levels["specific"], species_gap=flagged["species-gap"],
        contradicted=verdicts["contradicted"], misleading=verdicts["misleading"],
        overstated=verdicts["overstated"], across_articles=across["contradiction"],
        tensions_across=across["tension"], hot_topics=hot)


# The verdicts that say the article goes beyond or against the evidence, worst first.
_PROBLEMS = ("contradicted", "misleading", "unsupported", "overstated", "contested")


def article_bottom_line(claims: list, flags: dict[str, list[str]]) -> str:
    """What the site found in one article, in two sentences counted from its claims'
    verdicts, citations and flags: the problems first, then what holds up, then whether a
    reader could check the article's sources. Plain text; the template escapes it."""
    total = len(claims)
    if not total:
        return "No claim from this article has been checked yet."
    verdicts = Counter(c.verdict for c in claims)
    problems = [f"{verdicts[v]} {vocabulary.VERDICT_LABELS[v].lower()}"
                for v in _PROBLEMS if verdicts[v]]
    failing = sum(verdicts[v] for v in _PROBLEMS)
    held, opinion = verdicts["supported"], verdicts["not-checkable"]
    parts = []
    if failing:
        parts.append(f"{failing} {_do(failing)} not hold up as stated ({', '.join(problems)})")
    if held:
        parts.append(f"{held} {_are(held)} supported")
    if opinion:
        parts.append(f"{opinion} {_are(opinion)} opinion or promise, which no study can check")
    first = f"We checked {total} {'claim' if total == 1 else 'claims'} in this article: {_join(parts)}."
    specific = sum(c.citation_level == "specific" for c in claims)
    cites = ("it names no study a reader could check" if total == 1 and not specific else
             "none names a study a reader could check" if specific == 0 else
             f"{specific} of {total} name a study a reader could check")
    gap = sum("species-gap" in flags.get(c.id, ()) for c in claims)
    second = cites[0].upper() + cites[1:]
    if gap:
        second += (f"; {gap} {'tells' if gap == 1 else 'tell'} animal or cell results "
                   "as facts about people")
    return f"{first} {second}."


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _are(n: int) -> str:
    return "is" if n == 1 else "are"


def _do(n: int) -> str:
    return "does" if n == 1 else "do"
