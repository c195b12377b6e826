"""The page renderer without mkdocs: highlighting, escaping, links and structured data."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, TEST_CATALOG
from markupsafe import Markup

from claimcheck.catalog import load_catalog
from claimcheck.model import VERDICTS
from claimcheck.render import render_site, vocabulary
from claimcheck.render.highlight import Segment, highlight, segments
from claimcheck.render.pages import Linker, SiteInfo


def test_overlapping_spans_are_split_into_segments():
    assert segments(20, [(0, 10, "a"), (5, 15, "b")]) == [
        Segment(0, 5, ("a",)), Segment(5, 10, ("a", "b")), Segment(10, 15, ("b",)),
        Segment(15, 20, ())]


def test_nested_and_identical_spans_are_split_cleanly():
    assert segments(10, [(0, 10, "outer"), (3, 6, "inner"), (3, 6, "twin")]) == [
        Segment(0, 3, ("outer",)), Segment(3, 6, ("outer", "inner", "twin")),
        Segment(6, 10, ("outer",))]
    assert segments(5, [(2, 2, "empty"), (3, 99, "clipped")]) == [
        Segment(0, 3, ()), Segment(3, 5, ("clipped",))]


def test_highlight_marks_each_quote_once_and_escapes_the_text():
    text = "x <script>alert(1)</script> y z"
    out = highlight(text, [(2, 27, "a"), (20, 31, "b")], lambda k: f"q-{k}",
                    lambda k: Markup('<a href="#{}">[{}]</a>').format(k, k))
    assert "<script>" not in out and "&lt;script&gt;alert(1)" in out
    assert out.count('id="q-a"') == 1 and out.count('id="q-b"') == 1
    assert out.count("<mark") == 3  # a alone, a and b, b alone
    assert out.index('[a]') < out.index('[b]')
    assert out.endswith('<a href="#b">[b]</a>')


def test_two_quotes_starting_at_the_same_place_both_get_an_anchor():
    out = highlight("abcdef", [(0, 3, "a"), (0, 6, "b")], lambda k: f"q-{k}", lambda k: Markup(""))
    assert 'id="q-a"' in out and 'id="q-b"' in out


def test_every_verdict_has_a_rating_label_and_tone():
    for verdict in VERDICTS:
        assert verdict in vocabulary.VERDICT_LABELS and verdict in vocabulary.VERDICT_TONE
        if verdict == "not-checkable":  # an opinion gets no truth rating
            assert verdict not in vocabulary.VERDICT_RATINGS
            continue
        assert vocabulary.RATING_WORST <= vocabulary.VERDICT_RATINGS[verdict] <= vocabulary.RATING_BEST
    assert vocabulary.VERDICT_RATINGS["supported"] == vocabulary.RATING_BEST
    assert vocabulary.VERDICT_RATINGS["contradicted"] == vocabulary.RATING_WORST


def test_links_between_generated_pages():
    link = Linker("claims/a.md", directory_urls=True)
    assert link.html("sources/vip.md", "q-a") == "../../sources/vip/#q-a"
    assert link.html("claims/index.md", query="verdict=misleading") == "../?verdict=misleading"
    assert link.html("api/claims.json") == "../../api/claims.json"
    assert Linker("conflicts.md", directory_urls=False).html("claims/a.md") == "claims/a.html"


def test_edit_url_follows_edit_uri_from_docs_dir():
    site = SiteInfo(repo_url="https://example.org/o/r", edit_uri="edit/main/docs/",
                    docs_dir=str(ROOT / "docs"), root=str(ROOT))
    path = ROOT / "claims/sources/vip/claims.yml"
    assert site.edit_url(path) == "https://example.org/o/r/edit/main/claims/sources/vip/claims.yml"
    assert SiteInfo().edit_url(path) == ""
    assert site.shown_path(path, ROOT / "claims") == "claims/sources/vip/claims.yml"
    assert SiteInfo(root="/nowhere").shown_path(path, ROOT / "claims") == "claims/sources/vip/claims.yml"


def pages(**site) -> dict[str, str]:
    files = render_site(load_catalog(TEST_CATALOG), True, SiteInfo(**site))
    return {f.path: f.content for f in files}


def test_every_page_type_is_generated():
    out = pages(published="2026-01-02")
    for path in ("index.md", "claims/index.md", "claims/vip-gaba-depletion.md", "sources/index.md",
                 "sources/vip.md", "topics/index.md", "topics/gaba.md", "conflicts.md", "gaps.md",
                 "matrix.md", "references.md", "api/claims.json", "claims.csv"):
        assert path in out, path
    assert '<mark id="q-vip-gaba-depletion"' in out["sources/vip.md"]
    assert '<svg class="cc-map"' in out["conflicts.md"]


def test_claim_page_shows_the_yaml_file_without_a_repository_and_links_with_one():
    claim = pages(root=str(ROOT))["claims/vip-gaba-depletion.md"]
    assert "<code>tests/data/catalog/sources/vip/claims.yml</code>, line 3" in claim
    assert "github" not in claim.lower()
    linked = pages(root=str(ROOT), repo_url="https://example.org/o/r", edit_uri="edit/main/docs/",
                   docs_dir=str(ROOT / "docs"))["claims/vip-gaba-depletion.md"]
    assert 'href="https://example.org/o/r/edit/main/tests/data/catalog/sources/vip/claims.yml"' in linked


def test_topic_page_summarises_verdicts_populations_and_findings():
    out = pages()["topics/lateral-habenula.md"]
    assert "1 claim from" in out and "1 is overstated" in out
    assert "0 in people, 1 in animals only" in out
    assert "Ketamine blocks NMDA-receptor-dependent bursting" in out


def test_relative_links_match_posixpath_relpath():
    """The link maker's own relpath (no os.getcwd per link) agrees with posixpath's on every
    pair of site paths, including a page linking to itself and to the site root."""
    import itertools
    import posixpath

    from claimcheck.render.pages import relative

    paths = [".", "claims", "claims/a", "claims/a/b", "claims/ab", "sources/a", "a",
             "claims/index.md", "api/claims.json", "glossary.md"]
    for path, start in itertools.product(paths, repeat=2):
        assert relative(path, start) == posixpath.relpath(path, start), (path, start)


# The macros as Jinja wrote them before render/snippets.py took them over, kept here as the
# reference the Python versions must match byte for byte.
JINJA_SNIPPETS = r'''
{%- macro verdict_badge(verdict) -%}
<a class="cc-badge cc-verdict cc-verdict--{{ verdict|h }}" href="{{ link.html("glossary.md", "verdict-" ~ verdict) }}" title="{{ vocab.VERDICT_MEANINGS[verdict]|h }}"><span class="cc-icon" aria-hidden="true">{{ vocab.VERDICT_ICONS[verdict]|h }}</span> {{ vocab.VERDICT_LABELS[verdict]|h }}</a>
{%- endmacro %}
{%- macro flag_badge(flag) -%}
<a class="cc-badge cc-flag cc-flag--{{ flag|h }}" href="{{ link.html("glossary.md", "flag-" ~ flag) }}" title="{{ vocab.FLAG_MEANINGS[flag]|h }}"><span class="cc-icon" aria-hidden="true">{{ vocab.FLAG_ICONS.get(flag, "⚑")|h }}</span> {{ vocab.FLAG_LABELS[flag]|h }}</a>
{%- endmacro %}
{%- macro flag_badges(flags) -%}
{% for f in flags %}{{ flag_badge(f) }}{% if not loop.last %} {% endif %}{% endfor %}
{%- endmacro %}
{%- macro ref_badges(r) -%}
{% for p in r.population %}<a class="cc-badge cc-population cc-population--{{ p|h }}" href="{{ link.html("glossary.md", "population-" ~ p) }}" title="{{ glossary.POPULATION_MEANINGS.get(p, "")|h }}">{{ vocab.POPULATION_LABELS.get(p, p)|h }}</a> {% endfor %}<a class="cc-badge cc-design" href="{{ link.html("glossary.md", "design-" ~ r.design) }}" title="{{ glossary.DESIGN_MEANINGS.get(r.design, "")|h }}">{{ vocab.design_label(r.design)|h }}</a>
{%- endmacro %}
{%- macro relation_badge(relation) -%}
<a class="cc-badge cc-relation cc-relation--{{ relation|h }}" href="{{ link.html("glossary.md", "relation-" ~ relation) }}" title="{{ glossary.RELATION_MEANINGS[relation]|h }}">{{ vocab.RELATION_LABELS[relation]|h }}</a>
{%- endmacro %}
{%- macro claim_line(c, link, with_source=True) -%}
{{ verdict_badge(c.verdict) }} <a href="{{ link.html(claim_page(c.id)) }}">{{ c.statement|h }}</a>{% if flags[c.id] %} {{ flag_badges(flags[c.id]) }}{% endif %}{% if with_source %} <span class="cc-from">— {{ source_name(sources[c.source])|h }}</span>{% endif %}
{%- endmacro %}
{%- for c in claims %}{{ claim_line(c, link) }}|{{ claim_line(c, link, False) }}|{% endfor %}
{%- for r in refs %}{{ ref_badges(r) }}|{% endfor %}
{%- for v in verdicts %}{{ verdict_badge(v) }}|{% endfor %}
{%- for f in all_flags %}{{ flag_badge(f) }}|{% endfor %}{{ flag_badges(all_flags) }}|
{%- for x in relations %}{{ relation_badge(x) }}|{% endfor %}
{%- macro ref_links(r) -%}
{% if r.doi %} <a href="{{ r.doi_url|h }}">doi:{{ r.doi|h }}</a>{% if "doi" in r.unverified %} <span class="cc-unverified">(unverified)</span>{% endif %}{% endif %}
{% if r.pmid %} <a href="{{ r.pmid_url|h }}">PMID {{ r.pmid|h }}</a>{% if "pmid" in r.unverified %} <span class="cc-unverified">(unverified)</span>{% endif %}{% endif %}
{% if r.url %} <a href="{{ r.url|h }}">record</a>{% endif %}
{%- endmacro %}
{%- macro conflict_kind_badge(kind) -%}
<a class="cc-badge cc-kind cc-kind--{{ kind|h }}" href="{{ link.html("glossary.md", "kind-" ~ kind) }}" title="{{ vocab.CONFLICT_KIND_MEANINGS[kind]|h }}"><span class="cc-icon" aria-hidden="true">{{ vocab.CONFLICT_KIND_ICONS[kind]|h }}</span> {{ vocab.CONFLICT_KIND_LABELS[kind]|h }}</a>
{%- endmacro %}
{%- macro glossary_terms(terms) -%}
<p class="cc-terms">Words explained in the glossary: {% for anchor, term, meaning in terms %}<a href="{{ link.html("glossary.md", "term-" ~ anchor) }}" title="{{ meaning|h }}">{{ term|h }}</a>{% if not loop.last %}, {% endif %}{% endfor %}.</p>
{%- endmacro %}
{%- for r in refs %}{{ ref_links(r) }}|{% endfor %}
{%- for k in kinds %}{{ conflict_kind_badge(k) }}|{% endfor %}
{{- glossary_terms(terms) }}|{{ glossary_terms(terms[:1]) }}|
{%- macro verdict_count(verdict, n) -%}
<a class="cc-badge cc-verdict cc-verdict--{{ verdict|h }} cc-count" href="{{ link.html("glossary.md", "verdict-" ~ verdict) }}" title="{{ n }} {{ vocab.VERDICT_LABELS[verdict]|h }}: {{ vocab.VERDICT_MEANINGS[verdict]|h }}"><span class="cc-icon" aria-hidden="true">{{ vocab.VERDICT_ICONS[verdict]|h }}</span> {{ n }}<span class="cc-sr"> {{ vocab.VERDICT_LABELS[verdict]|h }}</span></a>
{%- endmacro %}
{%- macro verdict_mix(claims) -%}
{% for v, n in facts.verdict_mix(claims) %}{{ verdict_count(v, n) }}{% if not loop.last %} {% endif %}{% endfor %}
{%- endmacro %}
{{- verdict_mix(claims) }}|{{ verdict_mix(claims[:1]) }}|{{ verdict_mix([]) }}|
{%- for c in claims %}
<tr data-source="{{ c.source|h }}" data-verdict="{{ c.verdict|h }}" data-topics="{{ c.topics|join(' ')|h }}" data-flags="{{ flags[c.id]|join(' ')|h }}">
<td class="cc-verdict-cell" data-sort="{{ vocab.VERDICT_SEVERITY[c.verdict] }}">{{ verdict_badge(c.verdict) }}</td>
<td class="cc-claim-cell"><a href="{{ link.html(claim_page(c.id)) }}">{{ c.statement|h }}</a></td>
<td data-label="Source"><a href="{{ link.html(source_page(c.source)) }}">{{ source_name(sources[c.source])|h }}</a></td>
<td data-label="Topics">{% for t in c.topics %}<a href="{{ link.html(topic_page(t)) }}">{{ topics[t].title|h }}</a>{% if not loop.last %}, {% endif %}{% endfor %}</td>
<td data-label="Flags" data-sort="{{ flags[c.id]|length }}">{{ flag_badges(flags[c.id]) }}</td>
</tr>|
{%- endfor %}'''


def test_python_snippets_match_the_jinja_macros_they_replace(tmp_path):
    from claimcheck.analysis import all_flags
    from claimcheck.model import FLAGS, RELATIONS, VERDICTS
    from claimcheck.render import glossary, snippets
    from claimcheck.render.vocabulary import CONFLICT_KINDS
    from claimcheck.render.pages import Facts, Linker, claim_page, environment
    from claimcheck.render.titles import source_name
    from conftest import site_catalog

    catalog = load_catalog(site_catalog(tmp_path / "catalog"))
    catalog.topics[0].title = "Topic <i>\"odd\"</i> & 'more'"  # escaping in the claims table
    facts = Facts(catalog)
    flags = all_flags(catalog)
    sources = catalog.by_id("sources")
    catalog.claims[0].statement = "a <b>\"quoted\" & 'odd'</b> statement"  # escaping too
    catalog.references[0].unverified = ["doi", "pmid"]
    terms = glossary.terms_in("NMDA receptor synapse BDNF glutamate") + [("x", "a <b>", "\"q\" & 'm'")]
    assert len(terms) > 2
    for page in ("claims/index.md", "claims/x.md", "index.md"):
        link = Linker(page, True)
        jinja = environment().from_string(JINJA_SNIPPETS).render(
            link=link, claims=catalog.claims, refs=catalog.references, verdicts=VERDICTS,
            all_flags=FLAGS, relations=RELATIONS, flags=flags, sources=sources, kinds=CONFLICT_KINDS,
            terms=terms, facts=facts, topics=facts.topics)
        link = Linker(page, True)
        python = "".join(
            [f"{snippets.claim_line(link, c, claim_page(c.id), flags[c.id], source_name(sources[c.source]))}|"
             f"{snippets.claim_line(link, c, claim_page(c.id), flags[c.id], None)}|"
             for c in catalog.claims]
            + [f"{snippets.ref_badges(link, r)}|" for r in catalog.references]
            + [f"{snippets.verdict_badge(link, v)}|" for v in VERDICTS]
            + [f"{snippets.flag_badge(link, f)}|" for f in FLAGS]
            + [f"{snippets.flag_badges(link, FLAGS)}|"]
            + [f"{snippets.relation_badge(link, x)}|" for x in RELATIONS]
            + [f"{snippets.ref_links(link, r)}|" for r in catalog.references]
            + [f"{snippets.conflict_kind_badge(link, k)}|" for k in CONFLICT_KINDS]
            + [f"{snippets.glossary_terms(link, terms)}|{snippets.glossary_terms(link, terms[:1])}|"]
            + [f"{snippets.verdict_mix(link, facts.verdict_mix(cs))}|"
               for cs in (catalog.claims, catalog.claims[:1], [])]
            + [f"{facts.claims_row(link, c)}|" for c in catalog.claims])
        assert python == jinja
