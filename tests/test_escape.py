"""Catalog strings render as exactly their text, whatever characters they hold."""

from __future__ import annotations

import html
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment

from claimcheck.render.escape import UnescapedString, h, json_script, md, strict_finalize

# The extensions mkdocs.yml enables that change inline text.
MD = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "admonition", "toc"])


def rendered_text(source: str) -> str:
    out = MD.reset().convert(source)
    assert "<script" not in out and "<a " not in out and "<em>" not in out and "<strong>" not in out
    return html.unescape(re.sub(r"<[^>]+>", "", out)).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80))
def test_md_renders_as_the_same_text(text):
    expected = " ".join(text.split())
    if not expected:
        return
    assert rendered_text(f"Text: {md(text)}") == f"Text: {expected}"


@pytest.mark.parametrize("attack", [
    "<script>alert(1)</script>", "[click](javascript:alert(1))", "*bold* _it_ `code`",
    "<img src=x onerror=alert(1)>", "# heading", "| a | b |", "&amp; &lt;", "{: .x}"])
def test_known_attacks_stay_text(attack):
    assert rendered_text(f"Text: {md(attack)}") == f"Text: {attack}"
    assert "<" not in h(attack).replace("&lt;", "")


def test_json_script_cannot_close_the_script_element():
    out = json_script({"q": "</script><script>alert(1)</script>"})
    assert "</script" not in out and "\\u003c/script" in out


def test_templates_refuse_unescaped_strings():
    env = Environment(autoescape=True, finalize=strict_finalize)
    with pytest.raises(UnescapedString):
        env.from_string("{{ value }}").render(value="plain")
    assert env.from_string("{{ value }}").render(value=md("*x*")) == "\\*x\\*"
