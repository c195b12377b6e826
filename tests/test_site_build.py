"""The built site: every page type, escaping, structured data, downloads, flat page sizes,
and no broken internal link or anchor (LinkChecker over HTTP, raw-HTML links included)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.export import export_data
from claimcheck.siteserver import make_server

from conftest import ROOT, SCRIPT_QUOTE, build_site, site_catalog

PAGES = ["index.html", "claims/index.html", "claims/vip-gaba-depletion/index.html",
         "sources/index.html", "sources/demo/index.html", "topics/index.html",
         "topics/gaba/index.html", "conflicts/index.html", "gaps/index.html",
         "matrix/index.html", "references/index.html", "data/index.html"]


def html(site, page: str) -> str:
    return (site.root / page).read_text(encoding="utf-8")


def json_ld(page_html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return [json.loads(b) for b in blocks]


def test_every_page_type_is_built(built_site):
    for page in PAGES:
        assert "<h1" in html(built_site, page), page
    claims = {c.id for c in load_catalog(built_site.catalog).claims}
    for claim_id in claims:
        assert (built_site.root / "claims" / claim_id / "index.html").is_file()


def test_a_script_in_a_quote_is_shown_as_text(built_site):
    for page in ("claims/demo-claim-extra/index.html", "sources/demo/index.html",
                 "claims/index.html"):
        text = html(built_site, page)
        assert "<script>alert(" not in text, page
    claim = html(built_site, "claims/demo-claim-extra/index.html")
    assert "&lt;script&gt;alert(&#x27;quoted&#x27;)&lt;/script&gt;" in claim \
        or "&lt;script&gt;alert('quoted')&lt;/script&gt;" in claim
    assert json_ld(claim)[0]["claimReviewed"] == SCRIPT_QUOTE
    fragments = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                 for p in (built_site.root / "pagefind" / "fragment").iterdir()]
    # Pagefind keeps page text as text; its script escapes it before showing an excerpt,
    # which the browser test of search results checks.
    assert any("demo-claim-extra" in f and SCRIPT_QUOTE.split("<")[0] in f for f in fragments)


def test_claim_review_json_ld(built_site):
    page = html(built_site, "claims/vip-shuts-down-areas/index.html")
    [review] = json_ld(page)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["url"] == built_site.url + "claims/vip-shuts-down-areas/"
    assert review["claimReviewed"].startswith("it essentially shuts down the areas")
    assert review["author"]["@type"] == "Organization" and review["author"]["name"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", review["datePublished"])
    rating = review["reviewRating"]
    assert rating == {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                      "alternateName": "Misleading"}
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Organization", "name": "VIP Ketamine Clinics"}
    assert item["appearance"]["@type"] == "CreativeWork"
    assert item["appearance"]["name"].startswith("How ketamine affects the brain")


def test_source_page_highlights_each_quote_and_links_it(built_site):
    page = html(built_site, "sources/demo/index.html")
    for claim in load_catalog(built_site.catalog).claims:
        if claim.source == "demo":
            assert f'id="q-{claim.id}"' in page
            assert f'href="../../claims/{claim.id}/"' in page
    # claims 1 and 2 overlap: the shared words are one mark covered by both
    assert 'class="cc-q cc-q--2">brain region number 1</mark>' in page
    assert "Sells a test treatment." in page


def test_downloads_follow_the_export_contract(built_site):
    data = json.loads((built_site.root / "api/claims.json").read_text())
    assert data == json.loads(json.dumps(export_data(load_catalog(built_site.catalog))))
    csv_head = (built_site.root / "claims.csv").read_text().splitlines()[0]
    assert csv_head.startswith("id,source,verdict,flags")


def test_no_page_loads_anything_from_another_origin(built_site):
    """Scripts, styles and images are all local (the browser tests check at run time);
    the conflict map is static SVG, so the conflicts page loads no diagram script."""
    absolute = re.compile(r'(?:src|href)="(?:https?:)?//')
    for path in built_site.root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|img|iframe|link)\b[^>]*>", text):
            if tag.startswith("<link") and re.search(r'rel="(?:canonical|alternate)"', tag):
                continue  # an address, not a request
            assert not absolute.search(tag), (path, tag)
    conflicts = html(built_site, "conflicts/index.html")
    assert '<svg class="cc-map"' in conflicts and "mermaid" not in conflicts


def test_nav_does_not_list_claims_and_claim_pages_stay_flat(tmp_path):
    """A claim page's HTML must not grow with the catalog (a nav of every claim would)."""
    sizes = {}
    for n in (10, 30):
        work = tmp_path / f"n{n}"
        work.mkdir()
        catalog = site_catalog(work / "catalog", claims=n)
        result = build_site(work, catalog)
        assert result.returncode == 0, result.stderr
        page = (work / "site/claims/demo-claim-1/index.html").read_text(encoding="utf-8")
        assert "demo-claim-7/" not in page
        sizes[n] = len(page.encode())
    assert abs(sizes[30] - sizes[10]) / sizes[10] < 0.01, sizes


LINKCHECKER = Path(sys.executable).parent / "linkchecker"
LINKCHECKERRC = ROOT / ".github" / "linkcheckerrc"  # the same settings as the CI workflow


def linkcheck(site: Path) -> tuple[int, str]:
    """Serve a site on a free port and run LinkChecker (anchors included) over it."""
    if os.geteuid() == 0:  # as root LinkChecker drops to 'nobody', who must reach its own code
        closed = [p for p in Path(LINKCHECKER).parents if not os.stat(p).st_mode & 0o001]
        assert not closed, (
            f"as root LinkChecker runs as 'nobody', who cannot enter {closed[0]} (mode "
            f"{os.stat(closed[0]).st_mode & 0o777:o}) to load its anchor check: run the tests "
            "from a folder others can enter, or as another user")
    server = make_server(str(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # as root LinkChecker drops to 'nobody', which must be able to read its config
    workdir = Path(tempfile.mkdtemp(prefix="linkcheck-"))
    try:
        os.chmod(workdir, 0o755)
        config = workdir / "linkcheckerrc"
        shutil.copyfile(LINKCHECKERRC, config)
        os.chmod(config, 0o644)
        result = subprocess.run(
            [str(LINKCHECKER), "-f", str(config), "--no-status", "-o", "text",
             f"http://127.0.0.1:{server.server_port}/"],
            # about 5 min for the real site on an idle 2-core machine (CPU-bound anchor
            # parsing); the bound is a hang guard, not a speed target
            capture_output=True, text=True, cwd=workdir, timeout=1800)
        return result.returncode, result.stdout + result.stderr
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.slow
def test_linkchecker_finds_no_broken_link_or_anchor_in_the_real_site(tmp_path):
    """The real catalog's site: every quote anchor, claim link and reference link resolves."""
    os.chmod(tmp_path, 0o755)
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                           cwd=ROOT, capture_output=True, text=True, env=env)
    assert build.returncode == 0, build.stderr
    code, output = linkcheck(site)
    assert code == 0, output[-5000:]
    assert "0 warnings found. 0 errors found." in output


@pytest.mark.slow
def test_linkchecker_finds_no_broken_link_or_anchor(built_site):
    code, output = linkcheck(built_site.root)
    assert code == 0, output
    assert "0 warnings found. 0 errors found." in output


@pytest.mark.slow
def test_linkchecker_would_report_a_broken_anchor(tmp_path):
    """The control: the same configuration does catch a raw-HTML link to a missing anchor."""
    site = tmp_path / "mini"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text('<html><body><a href="b/#there">b</a>'
                                     '<a href="b/#missing">x</a></body></html>')
    (site / "b/index.html").write_text('<html><body><p id="there">b</p></body></html>')
    os.chmod(tmp_path, 0o755)
    code, output = linkcheck(site)
    assert code != 0 and "missing" in output, output


def test_search_indexes_each_page_article_and_ships_its_bundle(built_site):
    claim = html(built_site, "claims/vip-gaba-depletion/index.html")
    assert claim.count("data-pagefind-body") == 1
    assert '<article class="md-content__inner md-typeset" data-pagefind-body>' in claim
    assert (built_site.root / "pagefind" / "pagefind-entry.json").is_file()
    assert (built_site.root / "pagefind" / "pagefind-ui.js").is_file()
    assert 'id="cc-search"' in html(built_site, "search/index.html")
    assert not (built_site.root / "search" / "search_index.json").exists()


def test_every_part_left_out_of_search_is_in_the_templates(built_site):
    """The selectors Pagefind skips name real elements: a renamed class fails here rather
    than putting boilerplate back in every search result. (The history list needs git
    history, which the test site lacks, so the templates and snippets are read, not the
    built pages.)"""
    from claimcheck.site.search import IGNORED_BOILERPLATE, IGNORED_COPIES

    sources = [*(ROOT / "scripts" / "claimcheck" / "templates").glob("*.j2"),
               ROOT / "scripts" / "claimcheck" / "render" / "snippets.py"]  # the badges
    templates = "\n".join(p.read_text(encoding="utf-8") for p in sources)
    for selector in IGNORED_BOILERPLATE + IGNORED_COPIES:
        first = selector.split()[0]
        if first.startswith("#"):
            pattern = rf'id="{re.escape(first[1:])}"'
        else:
            pattern = rf'class="(?:[^"]* )?{re.escape(first[1:])}(?: [^"]*)?"'
        assert re.search(pattern, templates), selector


def test_every_generated_page_keeps_its_own_title_and_heading(built_site):
    """The plugin lets go of each page's Markdown once it is HTML (memory at 10,000 claims);
    a page outside the nav still takes its title and header from its own first heading."""
    for path in ("sources/demo/index.html", "topics/gaba/index.html"):
        page = html(built_site, path)
        h1 = re.search(r"<h1[^>]*>(.*?)<", page, re.S).group(1).strip()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        header = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">'
                           r'\s*(.*?)\s*</span>', page, re.S).group(1)
        assert h1 and title.startswith(h1) and header == h1, (path, h1, title, header)
