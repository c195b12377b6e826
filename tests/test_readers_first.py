"""What readers see first (issue 9): verdict-first headings, titles, descriptions and lists;
the home page's bottom line, equal to the export's numbers; each article's origin or an
honest "not found"; report-an-error links; the two kinds of conflict shown apart.

These render the pages without mkdocs (fast); tests/test_site_build.py and the browser
tests look at the built site."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest
from conftest import GENERATED_PROVENANCE, ROOT, site_catalog

from claimcheck.catalog import load_catalog
from claimcheck.export import export_data
from claimcheck.render import render_site, titles
from claimcheck.render.pages import SiteInfo
from claimcheck.render.vocabulary import VERDICT_LABELS

SITE = SiteInfo(published="2026-11-28")


def rendered(catalog_dir, site: SiteInfo = SITE) -> dict:
    return {f.path: f for f in render_site(load_catalog(catalog_dir), site=site)}


@pytest.fixture
def variant(tmp_path):
    """The site-test catalog with the demo article's publisher unknown and its original page
    not found, the vip article found at an address, and the cross-article conflict a tension."""
    catalog = site_catalog(tmp_path / "catalog")
    demo = catalog / "sources/demo/source.yml"
    text = demo.read_text(encoding="utf-8")
    text = text.replace("publisher: Demo Clinic\npublisher_url: https://example.org/demo\n", "")
    text = text.replace(GENERATED_PROVENANCE, "provenance:\n  status: not-found\n  checked: 2026-11-28\n"
                        "  how: Searched stored pages for two sentences; none matched.\n")
    demo.write_text(text, encoding="utf-8")
    vip = catalog / "sources/vip/source.yml"
    text = vip.read_text(encoding="utf-8")
    vip.write_text(text[:text.index("provenance:")]
                   + "url: https://example.org/vip/how-ketamine-works\npublished: 2021-03-04\n"
                   "retrieved: 2024-05-06\nprovenance:\n  status: found\n  checked: 2026-11-28\n"
                   "  how: A stored copy of the page matched the archive word for word.\n",
                   encoding="utf-8")
    claims = catalog / "sources/demo/claims.yml"
    claims.write_text(claims.read_text(encoding="utf-8").replace(
        "      - claim: vip-gaba-depletion\n",
        "      - claim: vip-gaba-depletion\n        kind: tension\n"), encoding="utf-8")
    return catalog


# --- Verdict first ----------------------------------------------------------------------

def test_lower_case_after_the_colon_only_for_a_sentence_capital():
    assert titles._after_colon("Ketamine repairs damaged synapses.") == "ketamine repairs damaged synapses"
    assert titles._after_colon("GABA, the brake, is lacking.") == "GABA, the brake, is lacking"
    assert titles._after_colon("BDNF rises.") == "BDNF rises"
    assert titles._after_colon("IV ketamine  works fast.") == "IV ketamine works fast"


def test_every_claim_page_leads_with_its_verdict_and_names_its_article(tmp_path):
    catalog = load_catalog(site_catalog(tmp_path / "catalog"))
    sources = catalog.by_id("sources")
    files = {f.path: f for f in render_site(catalog, site=SITE)}
    for claim in catalog.claims:
        page = files[f"claims/{claim.id}.md"]
        label = VERDICT_LABELS[claim.verdict]
        assert page.title.startswith(f"{label}: "), page.title
        assert page.title.endswith(f"({titles.article_name(sources[claim.source])})"), page.title
        assert page.description.startswith(f"Verdict: {label}. "), page.description
        assert len(page.description) <= titles.DESCRIPTION_LIMIT
        heading = page.content.split("\n", 1)[0]  # the page opens with its <h1>
        assert re.match(rf'<h1 id="[\w-]+">{label}: ', heading), heading
        assert page.heading.startswith(f"{label}: ")  # mkdocs' title for the page
    vip = files["claims/vip-habenula-over-fire.md"]
    assert vip.title == ("Overstated: in depression the lateral habenula fires too much "
                         "(VIP Ketamine Clinics, “How ketamine affects the brain (untitled in the "
                         "archived text)”)")


def test_a_claim_without_a_known_publisher_names_its_article_by_title(variant):
    files = rendered(variant)
    page = files["claims/demo-claim-1.md"]
    assert page.title.endswith("(“A generated article about demo”)"), page.title
    assert "Demo Clinic" not in page.content


def test_description_is_plain_text_and_cut_at_a_word():
    text = titles.plain("See [the trial](https://example.org/t) and *not* `code` __here__.")
    assert text == "See the trial and not code here."
    cut = titles.shorten("word " * 100, 40)
    assert len(cut) <= 40 and cut.endswith("word…")


def test_every_list_shows_the_verdict_before_the_claim(tmp_path):
    """Wherever a link carries a claim's statement, the verdict badge comes just before it."""
    catalog = load_catalog(site_catalog(tmp_path / "catalog"))
    files = render_site(catalog, site=SITE)
    statements = {c.id: html.escape(c.statement) for c in catalog.claims}
    seen = 0
    for f in files:
        if not f.path.endswith(".md"):
            continue
        for m in re.finditer(r'<a href="[^"]*claims/([a-z0-9-]+)/">([^<]*)</a>', f.content):
            claim_id, text = m.groups()
            if text != statements.get(claim_id):
                continue
            before = f.content[max(0, m.start() - 600):m.start()]
            badge = before.rfind("cc-verdict--")
            assert badge >= 0, (f.path, claim_id)
            assert "</li>" not in before[badge:] and "</tr>" not in before[badge:], (f.path, claim_id)
            seen += 1
    assert seen > 20


# --- The bottom line --------------------------------------------------------------------

def figures(home: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-figure="([a-z-]+)">(\d+)<', home)}


def export_figures(data: dict) -> dict[str, int]:
    """The bottom line's numbers, counted independently from the published export."""
    claims = {c["id"]: c for c in data["claims"]}
    flags = Counter(f for c in data["claims"] for f in c["flags"])
    verdicts = Counter(c["verdict"] for c in data["claims"])
    levels = Counter(c["source_citation"]["level"] for c in data["claims"])
    across = Counter(k["kind"] for c in data["claims"] for k in c["conflicts"]
                     if k["written_on"] == c["id"] and claims[k["claim"]]["source"] != c["source"])
    out = {"total": len(claims), "uncited": flags["uncited"], "vague": flags["vague-citation"],
           "specific": levels["specific"], "species-gap": flags["species-gap"],
           "contradicted-or-misleading": verdicts["contradicted"] + verdicts["misleading"],
           "overstated": verdicts["overstated"], "across-articles": across["contradiction"],
           "tensions-across": across["tension"]}
    return out


@pytest.mark.parametrize("which", ["real", "variant"])
def test_the_bottom_line_equals_the_export(which, variant):
    folder = ROOT / "claims" if which == "real" else variant
    catalog = load_catalog(folder)
    home = {f.path: f for f in render_site(catalog, site=SITE)}["index.md"].content
    shown = figures(home)
    expected = export_figures(json.loads(json.dumps(export_data(catalog))))
    assert shown, "the home page shows no figures"
    for name, value in shown.items():
        assert value == expected[name], name
    assert {"total", "uncited", "vague", "species-gap", "contradicted-or-misleading"} <= set(shown)
    # the bottom line comes first: before the introduction and before any chart
    assert home.index("cc-bottom-line") < home.index("Clinics that sell") < home.index("cc-bars")
    if which == "variant":
        assert shown["tensions-across"] == 1 and "across-articles" not in shown


def test_the_verdict_chart_opens_with_the_most_serious_verdict():
    home = rendered(ROOT / "claims")["index.md"].content
    chart = home[home.index('<table class="cc-bars">'):]
    order = re.findall(r'cc-bar cc-bar--([a-z-]+)"', chart)
    assert order[0] == "contradicted" and order.index("supported") > order.index("misleading")


# --- Where each article came from -------------------------------------------------------

def test_source_pages_show_the_origin_or_say_it_was_not_found(variant):
    files = rendered(variant)
    demo = files["sources/demo.md"].content
    assert "Original page not found; text as collected." in demo
    assert "The archived text names no publisher" in demo
    assert "Searched stored pages for two sentences; none matched." in demo
    vip = files["sources/vip.md"].content
    assert '<a href="https://example.org/vip/how-ketamine-works">' in vip
    assert "text matches the archived copy" in vip
    assert '<time datetime="2021-03-04">' in vip and '<time datetime="2024-05-06">' in vip
    index = files["sources/index.md"].content
    assert "Original page not found" in index and "https://example.org/vip/how-ketamine-works" in index


def test_no_placeholder_becomes_an_organisation(variant):
    files = rendered(variant)
    review = json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>',
                                  files["claims/demo-claim-1.md"].content, re.S).group(1))
    assert "author" not in review["itemReviewed"]
    assert review["itemReviewed"]["appearance"]["name"] == "A generated article about demo"
    review = json.loads(re.search(r'<script type="application/ld\+json">\n(.*?)\n</script>',
                                  files["claims/vip-gaba-depletion.md"].content, re.S).group(1))
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "VIP Ketamine Clinics"}
    for f in files.values():
        assert "Not named" not in f.content, f.path


# --- Transparency -----------------------------------------------------------------------

def test_claim_pages_link_the_issue_forms_when_the_repository_is_known(tmp_path):
    catalog = site_catalog(tmp_path / "catalog")
    site = SiteInfo(published="2026-11-28", repo_url="https://example.org/owner/repo/")
    page = rendered(catalog, site)["claims/vip-gaba-depletion.md"].content
    assert ('href="https://example.org/owner/repo/issues/new?template=claim-error.yml&amp;'
            'title=Claim+error%3A+vip-gaba-depletion&amp;claim=vip-gaba-depletion"') in page
    assert 'href="https://example.org/owner/repo/issues/new?template=suggest-article.yml&amp;' in page


def test_without_a_repository_claim_pages_say_how_to_report_and_invent_no_address(tmp_path):
    files = rendered(site_catalog(tmp_path / "catalog"))
    for path, f in files.items():
        if path.startswith("claims/") and path != "claims/index.md":
            assert "issues/new" not in f.content, path
            claim_id = path[len("claims/"):-3]
            assert f"naming the claim <code>{claim_id}</code>" in f.content, path
            assert "Not medical advice." in f.content, path
            assert "corrections/" in f.content, path


def test_about_and_corrections_are_in_the_nav():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "about.md" in config and "corrections.md" in config
    about = (ROOT / "docs/about.md").read_text(encoding="utf-8")
    assert "maintainers" in about and "no funding" in about
    assert "@" not in about  # no invented e-mail address
    corrections = (ROOT / "docs/corrections.md").read_text(encoding="utf-8")
    assert "**correction**" in corrections and "**update**" in corrections


# --- Two kinds of conflict --------------------------------------------------------------

def test_contradictions_and_tensions_are_shown_apart(variant):
    files = rendered(variant)
    conflicts = files["conflicts.md"].content
    contradictions = conflicts[conflicts.index("## Every contradiction"):conflicts.index("## Every tension")]
    tensions = conflicts[conflicts.index("## Every tension"):]
    assert "claims/demo-claim-1/" in tensions and "claims/demo-claim-1/" not in contradictions
    assert "claims/vip-shuts-down-areas/" in contradictions
    assert re.search(r'data-figure="contradictions">1<', conflicts)
    assert re.search(r'data-figure="tensions">1<', conflicts)
    claim = files["claims/demo-claim-1.md"].content
    assert "cc-conflicts--tension" in claim and "cc-conflicts--contradiction" not in claim
    assert "cc-flag--tension" in claim and "↔" in claim and "Tension" in claim
    other = files["claims/vip-shuts-down-areas.md"].content
    assert "cc-conflicts--contradiction" in other and "cc-flag--conflict" in other and "≠" in other


def test_the_home_preview_carries_the_bottom_line():
    catalog = load_catalog(ROOT / "claims")
    home = {f.path: f for f in render_site(catalog, site=SITE)}["index.md"]
    shown = figures(home.content)
    assert f"{shown['contradicted-or-misleading']} are contradicted or misleading" in home.description
    assert f"{shown['species-gap']} tell animal or cell results" in home.description


def test_the_numbered_links_in_an_archived_text_name_the_verdict(tmp_path):
    files = rendered(site_catalog(tmp_path / "catalog"))
    page = files["sources/vip.md"].content
    tips = re.findall(r'class="cc-qlink" href="[^"]+" title="([^"]+)"', page)
    assert tips and all(re.match(r"(Overstated|Misleading|Supported|Contradicted): ", t) for t in tips)
