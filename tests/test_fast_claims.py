"""Claim pages are written in HTML and filled into shells of Material's page; what they give
mkdocs is what Markdown would have, and a shell that cannot repeat Material is not used.

tests/test_fastpage.py builds whole sites both ways (shells and Material page by page) and
compares every file."""

from __future__ import annotations

import html
from dataclasses import replace

import markdown
import pytest
import yaml
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import url_filter

from claimcheck.site.fast import shells as shellpage
from claimcheck.render.escape import md
from claimcheck.render.outline import Outline
from claimcheck.site.head import Head

from conftest import ROOT

HEADINGS = ["Supported: ketamine <script>alert(1)</script> & \"quotes\" (Demo)",
            "Évidence: naïve café — ‘curly’", "!!!", "Evidence", "Evidence", "evidence_1",
            "Verdict: Not checkable", "   spaced   out   ", "History"]


def _markdown():
    """Python-Markdown with this site's extensions and settings, as mkdocs runs it."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    names, settings = [], {}
    for item in config["markdown_extensions"]:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


def test_the_site_configures_headings_as_outline_writes_them():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    toc = [i["toc"] for i in config["markdown_extensions"] if isinstance(i, dict) and "toc" in i]
    assert toc == [{"permalink": True}], "render/outline.py writes headings for these settings"


def test_outline_headings_are_markdowns():
    """Ids (slugs made unique), permalinks, the table of contents and the title: the same as
    Markdown's toc extension makes from the same headings."""
    converter = _markdown()
    source = "\n\n".join(("# " if i == 0 else "## ") + md(t) for i, t in enumerate(HEADINGS))
    expected = converter.convert(source).split("\n")
    outline = Outline()
    # Markdown escapes text without quotes; give the outline the same escaped text
    written = [str(outline.h(1 if i == 0 else 2, Markup(html.escape(" ".join(t.split()), quote=False))))
               for i, t in enumerate(HEADINGS)]
    assert written == expected

    def shape(tokens):
        return [(t["level"], t["id"], t["name"], shape(t["children"])) for t in tokens]
    assert shape(outline.tokens) == shape(converter.toc_tokens)
    assert outline.title == converter.toc_tokens[0]["name"]
    assert len({t["id"] for t in outline.flat}) == len(outline.flat)  # "Evidence" twice


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def _page(config, claim_id: str, title: str) -> tuple:
    """A real mkdocs page of a claim, rendered as the plugin renders it, and its context."""
    outline = Outline()
    body = f"{outline.h(1, Markup(html.escape(title)))}\n<p>{html.escape(claim_id)}</p>\n{outline.h(2, Markup('Evidence'))}"
    file = File(f"claims/{claim_id}.md", src_dir=None, dest_dir=config.site_dir,
                use_directory_urls=True)
    file.content_string = body
    page = Page(None, file, config)
    page.read_source(config)
    page.content, page.toc = body, get_toc(outline.tokens)
    page.meta.update(title=Markup(html.escape(title)), description=Markup("about " + claim_id))
    head = Head(f"{title} - site", title, f"about {claim_id}", page.canonical_url or "x")
    return page, {"page": page, "claimcheck_head": head}


class _Log:
    def __init__(self):
        self.lines = []

    def info(self, line):
        self.lines.append(line)


def test_shells_fill_what_the_template_prints(config):
    template = Environment().from_string(
        "<title>{{ claimcheck_head.title|e }}</title><a href='{{ (page.toc|first).url }}'>skip</a>"
        "<meta content=\"{{ page.meta.description }}\"><h2>{{ page.meta.title }}</h2>"
        "{{ page.content }}<link href=\"{{ page.canonical_url }}\">")
    shells = shellpage.Shells(template, _Log())
    titles = ["Supported: one", "Overstated: <b>two</b> & 'three'", "Contradicted: \"four\"",
              "Misleading: </title><script>x()</script>"]
    for i, title in enumerate(titles):
        page, context = _page(config, f"c{i}", title)
        assert shells.render(page, context) == template.render(context)
    assert shells.filled == len(titles) - shellpage.CHECKS


def test_a_value_the_shell_does_not_know_sends_the_kind_back_to_material(config):
    """A template that prints something of the page outside the slots (here its address)
    differs on every page: each gets a shell of its own, checked against the template,
    until that kind is rendered by the template every time."""
    template = Environment().from_string("{{ page.url }} {{ page.content }}")
    log = _Log()
    shells = shellpage.Shells(template, log)
    for i in range(8):
        page, context = _page(config, f"c{i}", f"Supported: {i}")
        assert shells.render(page, context) == template.render(context)
    assert shells.filled == 0
    assert any("one by one" in line for line in log.lines)


@pytest.mark.parametrize("differs", ["meta", "test of the content", "url filter"])
def test_every_page_is_checked_not_the_first_ones(config, differs):
    """Values the template reads outside the slots (the page's meta, a test of its content,
    a filter that reads the page from the context) are asked again of every page: pages 3
    and later, which differ from pages 1 and 2 only there, come out as the template
    writes them, from a shell of their own (or from the template, when the marker that
    stood for a value cannot answer a test as the page's value does)."""
    env = Environment()
    env.filters["url"] = url_filter
    template = env.from_string(
        "{% if 'toc' in page.meta.hide %}<nav hidden>{% else %}<nav>{% endif %}"
        "{% if '<h1' in page.content %}headed{% endif %}"
        "<a href=\"{{ page.meta.more|url }}\">more</a>{{ page.content }}")
    shells = shellpage.Shells(template, _Log())
    for i in range(8):
        page, context = _page(config, f"c{i}", f"Supported: {i}")
        later = i >= 2
        page.meta["hide"] = ["toc"] if later and differs == "meta" else ["navigation"]
        page.meta["more"] = "/elsewhere/" if later and differs == "url filter" else "claims/"
        if later and differs == "test of the content":
            page.content = page.content.replace("<h1", "<h3").replace("</h1>", "</h3>")
        context["base_url"] = "../.."
        assert shells.render(page, context) == template.render(context), i
    if differs == "test of the content":  # the marker has a <h1, these pages do not
        assert shells.filled == 2 - shellpage.CHECKS
    else:
        assert [len(kind) for kind in shells.kinds.values()] == [2]
        assert shells.filled == 8 - 2 * shellpage.CHECKS


def test_a_value_the_template_changes_is_never_filled(config):
    """striptags or truncate on a value cannot be repeated by filling: no shell at all."""
    template = Environment().from_string("{{ page.meta.title|striptags }} {{ page.content }}")
    shells = shellpage.Shells(template, _Log())
    for i in range(4):
        page, context = _page(config, f"c{i}", f"Supported: <i>{i}</i> & more")
        assert shells.render(page, context) == template.render(context)
    assert shells.filled == 0


def test_claim_page_ids_are_found_as_mkdocs_would_find_them(tmp_path):
    """Generated HTML's ids are found with a plain search for id="..."; on every claim page
    and every raw block of the hostile catalog's pages it finds what the general anchor
    finder finds."""
    from claimcheck.catalog import load_catalog
    from claimcheck.site.fast.markdown import set_aside
    from claimcheck.site.pages import own_ids
    from claimcheck.render import render_site
    from hostile_catalog import write_hostile_catalog

    from conftest import TEST_CATALOG, anchor_ids

    catalog = load_catalog(write_hostile_catalog(tmp_path / "catalog", TEST_CATALOG))
    generated = render_site(catalog)
    pages = [f for f in generated if f.toc is not None]
    assert len(pages) == len(catalog.claims)
    for page in pages:
        found = own_ids(page.content)
        assert found == anchor_ids(page.content), page.path
        assert {t["id"] for t in _headings(page.toc)} <= found
    blocks = [b for f in generated if f.toc is None and f.path.endswith(".md")
              for b in set_aside(f.content)[1].values()]  # the raw blocks of Markdown pages
    assert len(blocks) > 40
    for block in blocks:
        assert own_ids(block) == anchor_ids(block), block[:200]


def _headings(tokens):
    for token in tokens:
        yield token
        yield from _headings(token["children"])


def test_an_empty_value_is_a_kind_of_its_own(config):
    """Without a site address a page has no canonical link: such pages get a shell without
    one, and pages with an address still get theirs."""
    template = Environment().from_string(
        "{% if page.canonical_url %}<link href=\"{{ page.canonical_url }}\">{% endif %}"
        "{{ claimcheck_head.url|e }}|{{ page.content }}")
    shells = shellpage.Shells(template, _Log())
    for i in range(8):
        page, context = _page(config, f"c{i}", f"Supported: {i}")
        if i % 2:
            page.canonical_url = None
            context["claimcheck_head"] = replace(context["claimcheck_head"], url="")
        assert shells.render(page, context) == template.render(context)
    assert len(shells.kinds) == 2
    assert shells.filled == 8 - 2 * shellpage.CHECKS
