"""The small HTML pieces every list repeats (badges, a claim's line), made in Python.

A list page at 1,000 claims asks for them some 40,000 times; as Jinja macros they were the
largest part of rendering it. On one page each badge is the same wherever it appears, so it
is made once per page (kept on the page's Linker). The macros in _macros.j2 keep their
names and hand over to these functions, so the templates do not change, and neither does
one byte of their output (tests/test_site_render.py renders both ways)."""

from __future__ import annotations

from markupsafe import Markup

from . import glossary
from . import vocabulary as vocab
from .escape import h


def _made(link, key: tuple, make) -> Markup:
    memo = link.memo
    if key not in memo:
        memo[key] = Markup(make())
    return memo[key]


def _badge(link, kind: str, value: str, meaning: str, icon: str, label: str) -> Markup:
    """A verdict or flag badge: its class, its glossary entry, its meaning on hover."""
    return _made(link, (kind, value), lambda: (
        f'<a class="cc-badge cc-{kind} cc-{kind}--{h(value)}" '
        f'href="{link.html("glossary.md", f"{kind}-{value}")}" '
        f'title="{h(meaning)}"><span class="cc-icon" aria-hidden="true">'
        f'{h(icon)}</span> {h(label)}</a>'))


def verdict_badge(link, verdict: str) -> Markup:
    return _badge(link, "verdict", verdict, vocab.VERDICT_MEANINGS[verdict],
                  vocab.VERDICT_ICONS[verdict], vocab.VERDICT_LABELS[verdict])


def flag_badge(link, flag: str) -> Markup:
    return _badge(link, "flag", flag, vocab.FLAG_MEANINGS[flag],
                  vocab.FLAG_ICONS.get(flag, "⚑"), vocab.FLAG_LABELS[flag])


def verdict_count(link, verdict: str, n: int) -> Markup:
    """A verdict and how many claims have it, compact: icon, number, the word for screen
    readers."""
    return _made(link, ("count", verdict, n), lambda: (
        f'<a class="cc-badge cc-verdict cc-verdict--{h(verdict)} cc-count" '
        f'href="{link.html("glossary.md", f"verdict-{verdict}")}" '
        f'title="{n} {h(vocab.VERDICT_LABELS[verdict])}: {h(vocab.VERDICT_MEANINGS[verdict])}">'
        f'<span class="cc-icon" aria-hidden="true">{h(vocab.VERDICT_ICONS[verdict])}</span> {n}'
        f'<span class="cc-sr"> {h(vocab.VERDICT_LABELS[verdict])}</span></a>'))


def verdict_mix(link, mix) -> Markup:
    """The verdicts of some claims with their counts (``mix``: Facts.verdict_mix)."""
    return Markup(" ".join(verdict_count(link, v, n) for v, n in mix))


def flag_badges(link, flags) -> Markup:
    return _made(link, ("flags", *flags), lambda: " ".join(flag_badge(link, f) for f in flags))


def relation_badge(link, relation: str) -> Markup:
    return _made(link, ("relation", relation), lambda: (
        f'<a class="cc-badge cc-relation cc-relation--{h(relation)}" '
        f'href="{link.html("glossary.md", "relation-" + relation)}" '
        f'title="{h(glossary.RELATION_MEANINGS[relation])}">{h(vocab.RELATION_LABELS[relation])}</a>'))


def ref_badges(link, ref) -> Markup:
    def make() -> str:
        population = "".join(
            f'<a class="cc-badge cc-population cc-population--{h(p)}" '
            f'href="{link.html("glossary.md", "population-" + p)}" '
            f'title="{h(glossary.POPULATION_MEANINGS.get(p, ""))}">'
            f'{h(vocab.POPULATION_LABELS.get(p, p))}</a> ' for p in ref.population)
        return (f'{population}<a class="cc-badge cc-design" '
                f'href="{link.html("glossary.md", "design-" + str(ref.design))}" '
                f'title="{h(glossary.DESIGN_MEANINGS.get(ref.design, ""))}">'
                f'{h(vocab.design_label(ref.design))}</a>')
    return _made(link, ("ref", ref.id, tuple(ref.population), ref.design), make)


def claim_line(link, claim, page: str, flags, source: str | None) -> Markup:
    """Verdict first, then the claim's words, its flags, and (``source``) its article."""
    line = f'{verdict_badge(link, claim.verdict)} <a href="{link.html(page)}">{h(claim.statement)}</a>'
    if flags:
        line += f" {flag_badges(link, flags)}"
    if source is not None:
        line += f' <span class="cc-from">— {h(source)}</span>'
    return Markup(line)


def claims_row(link, claim, page: str, source_page: str, source: str, topics, flags) -> Markup:
    """A row of the All claims table (``topics``: (page, title) pairs): verdict first, and
    the data the page's script filters and sorts by."""
    topic_links = ", ".join(f'<a href="{link.html(path)}">{h(title)}</a>' for path, title in topics)
    return Markup(
        f'<tr data-source="{h(claim.source)}" data-verdict="{h(claim.verdict)}" '
        f'data-topics="{h(" ".join(claim.topics))}" data-flags="{h(" ".join(flags))}">\n'
        f'<td class="cc-verdict-cell" data-sort="{vocab.VERDICT_SEVERITY[claim.verdict]}">'
        f'{verdict_badge(link, claim.verdict)}</td>\n'
        f'<td class="cc-claim-cell"><a href="{link.html(page)}">{h(claim.statement)}</a></td>\n'
        f'<td data-label="Source"><a href="{link.html(source_page)}">{h(source)}</a></td>\n'
        f'<td data-label="Topics">{topic_links}</td>\n'
        f'<td data-label="Flags" data-sort="{len(flags)}">{flag_badges(link, flags)}</td>\n'
        f'</tr>')


def conflict_kind_badge(link, kind: str) -> Markup:
    return _made(link, ("kind", kind), lambda: (
        f'<a class="cc-badge cc-kind cc-kind--{h(kind)}" '
        f'href="{link.html("glossary.md", "kind-" + kind)}" '
        f'title="{h(vocab.CONFLICT_KIND_MEANINGS[kind])}"><span class="cc-icon" aria-hidden="true">'
        f'{h(vocab.CONFLICT_KIND_ICONS[kind])}</span> {h(vocab.CONFLICT_KIND_LABELS[kind])}</a>'))


def ref_links(link, ref) -> Markup:
    """A reference's DOI, PMID and record links, each DOI or PMID marked if unverified."""
    out = ""
    if ref.doi:
        out += f' <a href="{h(ref.doi_url)}">doi:{h(ref.doi)}</a>'
        if "doi" in ref.unverified:
            out += ' <span class="cc-unverified">(unverified)</span>'
    if ref.pmid:
        out += f' <a href="{h(ref.pmid_url)}">PMID {h(ref.pmid)}</a>'
        if "pmid" in ref.unverified:
            out += ' <span class="cc-unverified">(unverified)</span>'
    if ref.url:
        out += f' <a href="{h(ref.url)}">record</a>'
    return Markup(out)


def record_status(ref, searched: bool = True) -> Markup:
    """For a reference of which no record was found (title listed as unverified): a
    "Record not found" badge and, with ``searched``, what was searched, so a reader sees
    both before relying on it. Empty for a reference with a record."""
    if ref.has_record:
        return Markup("")
    out = '<span class="cc-badge cc-unverified cc-record-missing">Record not found</span>'
    if searched and ref.unverified_reason.strip():
        out += f' What was searched: {h(" ".join(ref.unverified_reason.split()))}'
    return Markup(out)


def glossary_terms(link, terms) -> Markup:
    """The glossary words a page's text uses, as links; ``terms`` from glossary.terms_in."""
    words = ", ".join(f'<a href="{link.html("glossary.md", "term-" + anchor)}" '
                      f'title="{h(meaning)}">{h(term)}</a>' for anchor, term, meaning in terms)
    return Markup(f'<p class="cc-terms">Words explained in the glossary: {words}.</p>')
