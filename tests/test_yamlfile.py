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


# --- Hostile input (issue 8): every refusal is a located problem, within bounds ---------

from claimcheck import limits  # noqa: E402


def test_scalar_aliases_are_refused_like_collection_aliases(tmp_path):
    text = "a: &q 'a long quote'\nb: *q\nc: *q\n"
    doc, problems = write(tmp_path, text)
    assert not doc.ok
    assert [(p.location.line, p.location.col, p.check) for p in problems] == [(1, 4, "yaml-syntax")]
    assert "aliases are not allowed" in problems[0].message and "line 2" in problems[0].message


def test_undefined_alias_is_located(tmp_path):
    doc, problems = write(tmp_path, "a: 1\nb: *nowhere\n")
    assert not doc.ok and problems[0].location.line == 2


def test_deep_nesting_is_a_located_error_not_a_recursion_error(tmp_path):
    depth = 990
    doc, problems = write(tmp_path, "claims:\n  - statement: " + "[" * depth + "]" * depth + "\n")
    assert not doc.ok
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.location.line, problem.check) == (2, "yaml-syntax")
    assert f"more than {limits.MAX_DEPTH} levels" in problem.message


def test_very_deep_nesting_does_not_crash_the_interpreter(tmp_path):
    # libyaml's composer recursed in C and killed the process with a segmentation fault
    # (or, in newer wheels, stops at its own limit of 1000 levels with its own message)
    depth = 200_000
    for text in ("[" * depth + "]" * depth, "{a: " * depth + "}" * depth):
        doc, problems = write(tmp_path, "a: " + text + "\n")
        assert not doc.ok and len(problems) == 1
        assert problems[0].location.line == 1 and "nest" in problems[0].message


def test_nesting_up_to_the_limit_is_read(tmp_path):
    depth = limits.MAX_DEPTH - 1  # the root mapping is one level
    doc, problems = write(tmp_path, "a: " + "[" * depth + "1" + "]" * depth + "\n")
    assert problems == [] and doc.ok


def test_overlong_value_is_located_and_truncated(tmp_path):
    long = "x" * (limits.MAX_FIELD_CHARS + 5)
    doc, problems = write(tmp_path, f"id: a\nstatement: {long}\n")
    assert [(p.location.line, p.location.col, p.check) for p in problems] == [(2, 12, "size-limit")]
    assert f"{limits.MAX_FIELD_CHARS:,}" in problems[0].message
    assert len(doc.data["statement"]) == limits.MAX_FIELD_CHARS  # later checks stay bounded


def test_oversized_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.yml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("a: '" + "x" * (limits.MAX_YAML_BYTES + 10) + "'\n")
    doc, problems = load_yaml(path)
    assert not doc.ok and [p.check for p in problems] == ["size-limit"]
    assert "MiB" in problems[0].message


def test_endless_device_is_read_within_the_limit(tmp_path):
    path = tmp_path / "zero.yml"
    path.symlink_to("/dev/zero")
    doc, problems = load_yaml(path)  # returns: reads at most the limit, then refuses
    assert not doc.ok and problems[0].check == "size-limit"


def test_second_document_and_collection_keys_are_located(tmp_path):
    doc, problems = write(tmp_path, "a: 1\n---\nb: 2\n")
    assert not doc.ok and problems[0].location.line == 2
    doc, problems = write(tmp_path, "? [a, b]\n: 1\n")
    assert not doc.ok and problems[0].location.line == 1 and "key" in problems[0].message


def test_duplicate_key_keeps_the_first_value_and_its_place(tmp_path):
    doc, problems = write(tmp_path, "a:\n  b: [1, 2]\na:\n  b: [3]\n  c: 4\n")
    assert [(p.location.line, p.check) for p in problems] == [(3, "duplicate-key")]
    assert doc.data == {"a": {"b": [1, 2]}}
    assert doc.where(("a", "b", 1)).line == 2


def test_nul_byte_is_located_where_it_stands(tmp_path):
    doc, problems = write(tmp_path, "a: 1\nb: x\x00y\n")
    assert not doc.ok and [(p.location.line, p.location.col) for p in problems] == [(2, 5)]
    assert "U+0000" in problems[0].message


def test_text_direction_controls_are_refused(tmp_path):
    doc, problems = write(tmp_path, "statement: \u202eseY on\n")
    assert [(p.location.line, p.location.col, p.check) for p in problems] == [(1, 12, "characters")]
    assert "U+202E" in problems[0].message


def test_text_report_shows_control_characters_visibly():
    from claimcheck.problems import Location, Problem
    from claimcheck.report import text

    out = text([Problem(Location("sources/x\n\x1b[31mred"), "message\nfake: error", "missing-file")])
    assert out.count("\n") == 2 and "\x1b" not in out and "\\u001b" in out


def test_explicit_tag_on_an_unfit_value_is_located(tmp_path):
    """PyYAML's constructors raise IndexError or KeyError on `!!int ''` or `!!bool ""`."""
    for text in ("id: a\nn: !!int ''\n", "id: a\nn: !!bool \"\"\n", "id: a\nn: !!int '-'\n"):
        doc, problems = write(tmp_path, text)
        assert not doc.ok
        assert [(p.location.line, p.location.col, p.check) for p in problems] == [(2, 4, "yaml-syntax")]
        assert "cannot be read as tag:yaml.org,2002:" in problems[0].message
