"""The hostile catalog builds, and no page of it carries an injected script, event handler
or javascript: link in its HTML; titles and link-preview tags keep the text as written."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from hostile_catalog import PAYLOAD, VECTORS

pytestmark = pytest.mark.slow


class _Injections(HTMLParser):
    """Collects what a payload that escaped its text context would have created."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False
        self.script_type = self.script_text = ""
        self.title = ""
        self.in_title = False
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "pwned" in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and \
                    value.strip().lower().startswith(("javascript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.found.append(f"<{tag} srcdoc>")
        if tag == "script":
            self.in_script = True
            self.script_type = dict(attrs).get("type") or ""
            self.script_text = ""
        if tag == "title":
            self.in_title = True
        if tag == "meta":
            attributes = dict(attrs)
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta[key] = attributes.get("content") or ""

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
            if self.script_type == "application/ld+json":
                try:  # data, not code; but it must still be whole, not cut short by a payload
                    json.loads(self.script_text)
                except ValueError:
                    self.found.append(f"broken JSON-LD: {self.script_text[:80]}")
            elif "__pwned" in self.script_text:
                self.found.append(f"<script>{self.script_text[:80]}")
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_script:
            self.script_text += data
        if self.in_title:
            self.title += data


def parse(path):
    parser = _Injections()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_no_page_carries_an_injection(hostile_site):
    pages = sorted(hostile_site.root.rglob("*.html"))
    assert len(pages) > 20
    found = {str(p.relative_to(hostile_site.root)): parse(p).found for p in pages}
    assert {k: v for k, v in found.items() if v} == {}


def test_title_and_preview_tags_read_as_written(hostile_site):
    page = parse(hostile_site.root / "claims" / "hostile-payload" / "index.html")
    assert VECTORS[1] in page.title  # "</title><script>..." as text inside <title>
    assert page.title.endswith(" - Ketamine claims, checked")
    for key in ("og:title", "twitter:title"):  # the page's own title, cut to fit a preview
        assert page.meta[key].endswith("…") and len(page.meta[key]) <= 65
        assert page.title.startswith(page.meta[key][:-1])
    assert "description" in page.meta and page.meta["og:description"] == page.meta["twitter:description"]
    topic = parse(hostile_site.root / "topics" / "gaba" / "index.html")
    assert topic.title.startswith("GABA " + PAYLOAD[:40])  # no double escaping either


def test_hand_written_pages_keep_plain_titles(hostile_site):
    page = parse(hostile_site.root / "methodology" / "index.html")
    assert page.title.endswith(" - Ketamine claims, checked") and "&" not in page.title
