"""The located YAML reader: every value keeps its place, and no input raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.yamlfile import load_yaml


def write(tmp_path, text: str):
    path = tmp_path / "f.yml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


def test_values_and_keys_remember_line_and_column(tmp_path):
    doc, problems = write(tmp_path, "claims:\n  - id: a-b\n    topics: [x, y]\n")
    assert problems == []
    assert doc.data == {"claims": [{"id": "a-b", "topics": ["x", "y"]}]}
    assert (doc.where(("claims", 0, "topics", 1)).line, doc.where(("claims", 0, "topics", 1)).col) == (3, 17)
    assert doc.where(("claims", 0, "topics"), key=True).col == 5
    # a path that does not exist falls back to its nearest located ancestor
    assert doc.where(("claims", 0, "missing")).line == 2


def test_aliases_are_refused_not_expanded(tmp_path):
    bomb = "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n"
    doc, problems = write(tmp_path, bomb)
    assert not doc.ok
    assert [(p.location.line, p.check) for p in problems] == [(1, "yaml-syntax")]  # the anchor the alias reuses
    assert "aliases" in problems[0].message


def test_recursive_alias_does_not_recurse_forever(tmp_path):
    doc, problems = write(tmp_path, "a: &x\n  - *x\n")
    assert not doc.ok and "aliases" in problems[0].message


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#?,\n \t\u00e9\u00a0%@`")), max_size=60))
def test_no_input_raises(tmp_path, text):
    doc, problems = write(tmp_path, text)
    assert doc.ok or problems
    for problem in problems:
        assert problem.location.line >= 1 and problem.location.col >= 1
