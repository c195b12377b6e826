"""One naming rule for articles (issue 22): publisher and title, or the title alone in
quotation marks, the same on every page, in titles, the feed and the exports."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from claimcheck.catalog import load_catalog
from claimcheck.export import export_data, to_csv
from claimcheck.history import Commit, Event, History
from claimcheck.naming import article_name
from claimcheck.render import render_site

from conftest import TEST_CATALOG, site_catalog

VIP = "VIP Ketamine Clinics, “How ketamine affects the brain (untitled in the archived text)”"


def test_the_rule():
    catalog = load_catalog(TEST_CATALOG)
    vip = catalog.sources[0]
    assert article_name(vip) == VIP
    vip.publisher = ""
    assert article_name(vip) == "“How ketamine affects the brain (untitled in the archived text)”"


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_pages_and_their_titles_name_each_article_by_the_rule(built_site):
    site = built_site.root
    names = {"vip": VIP, "demo": "Demo Clinic, “A generated article about demo”"}
    for source_id, name in names.items():
        page = (site / "sources" / source_id / "index.html").read_text()
        assert re.search(r"<title>([^<]*)</title>", page).group(1).startswith(html.escape(name, quote=False))
        assert _text(re.search(r"<h1[^>]*>.*?</h1>", page, re.S).group(0)).startswith(name)
        for listing in ("sources/index.html", "index.html", "matrix/index.html", "gaps/index.html"):
            assert name in _text((site / listing).read_text()), (listing, name)
    claim = (site / "claims/vip-gaba-depletion/index.html").read_text()
    assert f"({VIP})" in html.unescape(re.search(r"<title>([^<]*)</title>", claim).group(1))
    assert f"From {VIP}" in _text(claim)


def test_the_feed_and_the_exports_name_each_article_by_the_rule(tmp_path):
    catalog = load_catalog(site_catalog(tmp_path / "catalog"))
    claim = next(c for c in catalog.claims if c.source == "vip")
    history = History(events={claim.id: [Event(claim.id, "added", Commit("0" * 40, "2026-02-01", "x"),
                                               new=claim.verdict)]}, available=True)
    files = {f.path: f.content for f in render_site(catalog, history=history)}
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [e.find(f"{atom}title").text for e in ET.fromstring(files["feed.xml"]).iter(f"{atom}entry")]
    assert titles and all(t.endswith(f"({VIP})") for t in titles), titles
    data = export_data(catalog)
    assert [s["name"] for s in data["sources"]] == [article_name(s) for s in catalog.sources]
    assert data["sources"][1]["name"] == VIP
    rows = list(csv.DictReader(io.StringIO(to_csv(catalog))))
    assert {r["article"] for r in rows if r["source"] == "vip"} == {VIP}
    assert json.loads(json.dumps(data))["sources"][0]["name"] == "Demo Clinic, “A generated article about demo”"
