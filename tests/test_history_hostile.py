"""Hostile and careless commits against the history (red team December 2026, F1-F5,
F8-F10, and the merge credit of issue 22): real repositories made by git in temporary
folders, read by read_history and built by mkdocs. The history reads git with the
checker's rules: a record that cannot be read safely is skipped with a located warning
and never published; nothing a commit holds stops a build or forges a correction."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from claimcheck.history import read_history
from claimcheck.limits import MAX_YAML_BYTES

from conftest import TEST_CATALOG, build_site
from test_history import CLAIMS, commit, edit, git

STUB = """
  - id: vip-wip-claim
    quote: Ketamine
    statement: TODO
    topics: [TODO]
    speaks_of: TODO
    source_citation: {level: TODO}
    verdict: TODO
    rationale: TODO
"""


def base(tmp_path: Path) -> Path:
    shutil.copytree(TEST_CATALOG, tmp_path / "claims")
    (tmp_path / ".gitignore").write_text(".cache/\n")  # as the project's own
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "base", "2026-04-01")
    return tmp_path


def corrections(history) -> list[tuple[str, str, str, str]]:
    return [(e.claim, e.kind, e.old, e.new) for e in history.recent() if e.is_correction]


def test_a_todo_stub_in_a_past_commit_is_skipped_with_a_located_warning(tmp_path):
    """F1: `claimcheck new`'s stub committed, then removed: no event carries TODO."""
    repo = base(tmp_path)
    (repo / CLAIMS).write_text((repo / CLAIMS).read_text() + STUB)
    commit(repo, "WIP: stub for a new vip claim", "2026-04-02")
    git(repo, "checkout", "HEAD~1", "--", CLAIMS)
    commit(repo, "Drop the stub for now", "2026-04-03")
    history = read_history(repo / "claims")
    assert history.of("vip-wip-claim") == []
    assert all(e.new != "TODO" and e.old != "TODO" for e in history.recent())
    assert corrections(history) == []
    assert any(w.startswith(f"{CLAIMS}@") and ": warning: claim 'vip-wip-claim'" in w
               for w in history.warnings), history.warnings


def test_a_verdict_briefly_made_invalid_keeps_its_previous_state(tmp_path):
    """An existing claim whose verdict is TODO (or empty) for one commit is neither
    withdrawn nor re-added: that version is skipped."""
    repo = base(tmp_path)
    edit(repo, "verdict: misleading", "verdict: TODO")
    commit(repo, "Oops", "2026-04-02")
    edit(repo, "verdict: TODO", "verdict: ''")
    commit(repo, "Oops again", "2026-04-03")
    edit(repo, "verdict: ''", "verdict: contradicted")
    commit(repo, "Correct vip-shuts-down-areas", "2026-04-04")
    history = read_history(repo / "claims")
    assert corrections(history) == [("vip-shuts-down-areas", "verdict", "misleading", "contradicted")]
    assert history.of("vip-shuts-down-areas")[-1].commit.subject == "Correct vip-shuts-down-areas"


def test_a_decoy_claims_file_below_a_source_folder_is_never_read(tmp_path):
    """F2: check reads only sources/<id>/claims.yml; so does the history."""
    repo = base(tmp_path)
    decoy = repo / "claims/sources/vip/a/claims.yml"
    decoy.parent.mkdir()
    decoy.write_text((repo / CLAIMS).read_text().replace("verdict: overstated", "verdict: contradicted")
                     .replace("verdict: misleading", "verdict: contradicted"))
    commit(repo, "Add notes for the vip article", "2026-04-02")
    history = read_history(repo / "claims")
    assert corrections(history) == []
    assert not [e for e in history.recent() if e.commit.date == "2026-04-02"]


def test_control_characters_in_a_subject_forge_nothing(tmp_path):
    """F3: a \\x01 (the old record separator) in a subject made a forged commit."""
    repo = base(tmp_path)
    first = git(repo, "rev-parse", "HEAD").strip()
    edit(repo, "verdict: misleading", "verdict: contradicted")
    commit(repo, "Correct it", "2026-04-02")
    (repo / CLAIMS).write_text((repo / CLAIMS).read_text() + "\n")
    commit(repo, f"Tidy trailing blank line\x01{first}", "2026-04-03")
    (repo / CLAIMS).write_text((repo / CLAIMS).read_text() + "\n")
    commit(repo, "Tidy again\x01x", "2026-04-04")
    history = read_history(repo / "claims")
    assert corrections(history) == [("vip-shuts-down-areas", "verdict", "misleading", "contradicted")]
    assert all(e.commit.date and len(e.commit.sha) == 40 for e in history.recent())


def test_a_control_character_in_a_file_name_loses_no_change(tmp_path):
    """F4: a file named with \\x01 committed with a correction hid the correction."""
    repo = base(tmp_path)
    (repo / "claims/sources/vip/a\x01x").write_text("notes\n")
    edit(repo, "verdict: misleading", "verdict: contradicted")
    commit(repo, "Correct it, with notes", "2026-04-02")
    (repo / "claims/sources/vip/b\nclaims.yml").write_text("claims: []\n")
    commit(repo, "More notes", "2026-04-03")
    history = read_history(repo / "claims")
    assert corrections(history) == [("vip-shuts-down-areas", "verdict", "misleading", "contradicted")]


def test_a_folder_name_ending_in_a_newline_shifts_nothing(tmp_path):
    """F5: `sources/0\\n/claims.yml` threw every later blob one place off."""
    repo = base(tmp_path)
    folder = repo / "claims/sources/0\n"
    folder.mkdir()
    (folder / "claims.yml").write_text("claims: []\n")
    commit(repo, "Add a source", "2026-04-02")
    edit(repo, "verdict: misleading", "verdict: contradicted")
    commit(repo, "Correct it", "2026-04-03")
    history = read_history(repo / "claims")
    assert corrections(history) == [("vip-shuts-down-areas", "verdict", "misleading", "contradicted")]
    assert len([e for e in history.recent() if e.kind == "added"]) == 3


def test_a_blob_over_the_size_limit_is_skipped_not_parsed(tmp_path):
    """F8: a huge intermediate blob (restored by the next commit) is never parsed."""
    repo = base(tmp_path)
    good = (repo / CLAIMS).read_text()
    item = "a,"
    (repo / CLAIMS).write_text("claims: [" + item * ((MAX_YAML_BYTES + 1024) // len(item)) + "a]\n")
    commit(repo, "Huge intermediate", "2026-04-02")
    (repo / CLAIMS).write_text(good)
    commit(repo, "Restore", "2026-04-03")
    history = read_history(repo / "claims")
    assert corrections(history) == [] and history.blobs_parsed == 1  # only the base's blob
    assert any("over the 8 MiB limit" in w and w.startswith(CLAIMS) for w in history.warnings)


def test_a_blob_that_does_not_parse_withdraws_nothing(tmp_path):
    repo = base(tmp_path)
    good = (repo / CLAIMS).read_text()
    (repo / CLAIMS).write_text(good.replace("claims:", "claims: [", 1))
    commit(repo, "Broken YAML", "2026-04-02")
    (repo / CLAIMS).write_text(good)
    commit(repo, "Fixed", "2026-04-03")
    history = read_history(repo / "claims")
    assert corrections(history) == []
    assert any(w.startswith(f"{CLAIMS}@") and "warning: invalid YAML" in w for w in history.warnings)


def test_parsed_blobs_are_cached_so_a_build_pays_only_for_new_ones(tmp_path):
    """F9: every build re-parsed every claims.yml ever committed."""
    repo = base(tmp_path)
    for day in range(2, 7):
        old, new = ("misleading", "contradicted") if day % 2 == 0 else ("contradicted", "misleading")
        edit(repo, f"verdict: {old}", f"verdict: {new}")
        (repo / CLAIMS).write_text((repo / CLAIMS).read_text() + f"# flip {day}\n")  # a new blob
        commit(repo, f"Flip {day}", f"2026-04-0{day}")
    first = read_history(repo / "claims")
    assert first.blobs_parsed == 6
    assert (repo / ".cache/claimcheck").is_dir()
    again = read_history(repo / "claims")
    assert again.blobs_parsed == 0 and again.events == first.events
    edit(repo, "verdict: contradicted", "verdict: supported")
    commit(repo, "Flip 7", "2026-04-07")
    assert read_history(repo / "claims").blobs_parsed == 1
    uncached = read_history(repo / "claims", cache_dir=None)
    assert uncached.blobs_parsed == 7 and len(corrections(uncached)) == 6


def test_a_change_brought_in_by_a_merge_is_credited_to_the_commit_that_made_it(tmp_path):
    """Issue 22: main merged into a branch that then fast-forwards main: the first-parent
    line runs through "Merge main into security", which must not be credited."""
    repo = base(tmp_path)
    git(repo, "checkout", "-q", "-b", "security")
    edit(repo, "Presents the GABA deficit as a hypothesis.", "Presents GABA deficit as a hypothesis only.")
    commit(repo, "Reword a rationale", "2026-04-02")
    git(repo, "checkout", "-q", "main")
    edit(repo, "verdict: misleading", "verdict: contradicted")
    commit(repo, "Correct vip-shuts-down-areas: the trial contradicts it", "2026-04-03")
    git(repo, "checkout", "-q", "security")
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge main into security", "main", date="2026-04-05")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "security", date="2026-04-06")
    history = read_history(repo / "claims")
    [correction] = [e for e in history.recent() if e.is_correction]
    assert correction.commit.subject == "Correct vip-shuts-down-areas: the trial contradicts it"
    assert (correction.commit.date, correction.commit.time) == ("2026-04-03", "2026-04-03T12:00:00Z")
    assert not [e for e in history.recent() if "Merge" in e.commit.subject]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Every hostile commit above in one repository, built as the site is published."""
    repo = base(tmp_path_factory.mktemp("hostile-history"))
    (repo / CLAIMS).write_text((repo / CLAIMS).read_text() + STUB)
    commit(repo, "WIP: stub\x0b for a new vip claim", "2026-04-02")
    git(repo, "checkout", "HEAD~1", "--", CLAIMS)
    decoy = repo / "claims/sources/vip/a/claims.yml"
    decoy.parent.mkdir()
    decoy.write_text((repo / CLAIMS).read_text().replace("verdict: overstated", "verdict: contradicted"))
    (repo / "claims/sources/vip/x\x01y").write_text("notes\n")
    commit(repo, "Drop the stub\x01x", "2026-04-03")
    edit(repo, "verdict: misleading", "verdict: contradicted")
    commit(repo, "Correct vip-shuts-down-areas \x0b\x1b[8mhidden\x1b[0m", "2026-04-04")
    tmp = tmp_path_factory.mktemp("hostile-history-site")
    result = build_site(tmp, repo / "claims", site_url="https://checked.example/")
    return result, tmp / "site"


def test_the_hostile_history_builds_and_lists_exactly_the_corrections_made(hostile_site):
    result, site = hostile_site
    assert result.returncode == 0, result.stderr[-3000:]
    assert "claimcheck history: claims/sources/vip/claims.yml@" in result.stderr
    raw = (site / "feed.xml").read_bytes()
    ET.fromstring(raw)  # F10: well-formed XML
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert [t for t in titles if t.startswith(("Corrected", "Withdrawn"))] == [
        t for t in titles if t.startswith("Corrected to Contradicted (was Misleading)")]
    assert len([t for t in titles if t.startswith("Corrected")]) == 1
    assert not [t for t in titles if "TODO" in t]
    assert len({e.updated for e in feed.entries}) > 1  # each entry dated by its own change
    changes = (site / "changes/index.html").read_text()
    assert "\x1b" not in changes and "\x0b" not in changes and "\x01" not in changes
    for page in site.glob("claims/*/index.html"):
        assert "TODO" not in page.read_text(), page


def test_a_cold_read_parses_each_distinct_claim_once(tmp_path):
    """F9 without a cache (a fresh clone in CI): 20 commits to a 40-claim file parse
    40 + 20 list items, not 40 x 21."""
    repo = base(tmp_path)
    path = repo / CLAIMS
    template = path.read_text().split("  - id: ")[1]
    claim_id = template.split("\n", 1)[0]
    body = "claims:\n" + "".join(f"  - id: {claim_id}-{i}" + template[len(claim_id):] for i in range(40))
    path.write_text(body)
    commit(repo, "Forty claims", "2026-04-02")
    for day in range(20):
        path.write_text(path.read_text().replace(f"id: {claim_id}-{day}\n", f"id: {claim_id}-{day}\n  # {day}\n"))
        commit(repo, f"Edit {day}", "2026-04-03")
    history = read_history(repo / "claims", cache_dir=None)
    assert history.blobs_parsed == 22
    assert 40 <= history.items_parsed <= 3 + 40 + 20
    assert len([e for e in history.recent() if e.kind == "added"]) == 3 + 40


@pytest.mark.parametrize("layout", [
    "", "flow", "other-key", "second-document", "comment-at-column-0", "block-scalar",
    "line-separator-in-head", "crlf", "tab-after-indent", "control-in-head", "bom",
])
def test_reading_item_by_item_gives_what_reading_whole_files_gives(layout):
    """The items of a file in the catalog's layout are read alone; any other layout is
    read whole: both give the same records, on the real catalog and on odd layouts."""
    from claimcheck.history import parse_blob

    from conftest import ROOT

    files = sorted((ROOT / "claims/sources").glob("*/claims.yml"))
    files += sorted(TEST_CATALOG.glob("sources/*/claims.yml"))
    for path in files:
        text = path.read_text()
        if layout == "flow":
            text = text.replace("claims:\n", "claims: [\n", 1).rstrip() + "\n]\n"
        elif layout == "other-key":
            text = "notes: x\n" + text
        elif layout == "second-document":
            text += "---\nclaims: []\n"
        elif layout == "comment-at-column-0":
            text = text.replace("\n  - id:", "\n# a comment\n  - id:")
        elif layout == "line-separator-in-head":
            text = "# a note\u2028with a line separator\n" + text
        elif layout == "control-in-head":
            text = "# a bell \x07 in a comment\n" + text
        elif layout == "bom":
            text = "\ufeff" + text
        elif layout == "crlf":
            text = text.replace("\n", "\r\n")
        elif layout == "tab-after-indent":
            text = text.replace("\n    quote:", "\n  \tquote:", 1)
        elif layout == "block-scalar":
            text = text.replace("    rationale: ", "    rationale: |\n      - a line\n      ", 1)
        whole = parse_blob(text.encode(), "x.yml")
        pieces = parse_blob(text.encode(), "x.yml", items={})
        assert pieces == whole, (path, layout)
        if not layout:
            assert whole["ok"] and whole["claims"] and not whole["skipped"], path


def test_a_claims_file_made_a_link_or_plain_text_for_a_commit_withdraws_nothing(tmp_path):
    """Found beyond the red team's list: check refuses a claims.yml that is a symbolic
    link or not a mapping of claims; the history read such a version as "no claims" and
    published every claim of the file as withdrawn."""
    repo = base(tmp_path)
    good = (repo / CLAIMS).read_text()
    (repo / CLAIMS).unlink()
    (repo / CLAIMS).symlink_to("../../topics.yml")
    commit(repo, "Link the claims", "2026-04-02")
    (repo / CLAIMS).unlink()
    (repo / CLAIMS).write_text("Just some notes, not claims.\n")
    commit(repo, "Notes", "2026-04-03")
    (repo / CLAIMS).write_text("claims: nothing yet\n")
    commit(repo, "Nothing", "2026-04-04")
    (repo / CLAIMS).write_text(good)
    commit(repo, "Restore", "2026-04-05")
    history = read_history(repo / "claims")
    assert corrections(history) == [] and len(history.recent()) == 3
    assert any("symbolic link" in w for w in history.warnings)
    assert sum("not a mapping with a list of claims" in w for w in history.warnings) == 2


def test_a_commit_with_an_impossible_date_stops_no_build(tmp_path):
    """Found beyond the red team's list: a commit object written by hand can carry a
    timestamp past the year 9999 or a zone of +9999, which Python's dates refuse."""
    repo = base(tmp_path)
    edit(repo, "verdict: misleading", "verdict: contradicted")
    git(repo, "add", "-A")
    tree = git(repo, "write-tree").strip()
    parent = git(repo, "rev-parse", "HEAD").strip()
    raw = (f"tree {tree}\nparent {parent}\nauthor t <t@example.org> 99999999999999 +9999\n"
           f"committer t <t@example.org> 99999999999999 +9999\n\nCorrect it\n")
    made = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
                          cwd=repo, input=raw, capture_output=True, text=True, check=True)
    git(repo, "update-ref", "HEAD", made.stdout.strip())
    history = read_history(repo / "claims")
    [correction] = [e for e in history.recent() if e.is_correction]
    assert correction.commit.subject == "Correct it" and correction.commit.date == ""


def test_a_source_folder_renamed_for_a_commit_changes_nothing(tmp_path):
    """Check refuses claims whose ids lack their folder's name; such a version keeps each
    claim's previous state (a rename and its revert are no withdrawal)."""
    repo = base(tmp_path)
    git(repo, "mv", "claims/sources/vip", "claims/sources/vip-two")
    commit(repo, "Rename", "2026-04-02")
    git(repo, "mv", "claims/sources/vip-two", "claims/sources/vip")
    commit(repo, "Rename back", "2026-04-03")
    history = read_history(repo / "claims", cache_dir=None)
    assert corrections(history) == [] and len(history.recent()) == 3
    assert any("does not start with its source's id ('vip-two-')" in w for w in history.warnings)


@pytest.mark.parametrize("attributes", ["claims/** export-ignore\n", "*.yml export-subst\n"])
def test_gitattributes_change_nothing_diff_and_changelog_read(tmp_path, attributes):
    """Found beyond the red team's list: `claimcheck diff` and `changelog` read an old
    revision with `git archive`, which obeys that revision's .gitattributes: a committed
    `export-ignore` made its whole catalog vanish (every claim "added" since), and
    `export-subst` rewrote text in it."""
    from claimcheck.gitrev import catalog_at

    repo = base(tmp_path)
    (repo / CLAIMS).write_text((repo / CLAIMS).read_text() + "# $Format:%H$\n")
    (repo / ".gitattributes").write_text(attributes)
    commit(repo, "attributes", "2026-04-02")
    with catalog_at("HEAD", repo / "claims") as old:
        assert len(old.claims) == 3
        text = next(d for d in old.docs if d.path.name == "claims.yml").text
        assert text == (repo / CLAIMS).read_text()  # byte for byte, no substitution


def test_a_committed_cache_entry_is_never_trusted(tmp_path):
    """Found beyond the red team's list: .cache/ is ignored, but `git add -f` commits into
    it; a forged entry for a real blob would publish a correction nobody made."""
    repo = base(tmp_path)
    history = read_history(repo / "claims")  # fills the cache
    entries = list((repo / ".cache").rglob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text(entry.read_text().replace('"misleading"', '"contradicted"'))
    git(repo, "add", "-f", ".cache")
    commit(repo, "Add notes", "2026-04-02")
    forged = read_history(repo / "claims")
    assert [e.new for e in forged.of("vip-shuts-down-areas")] == ["misleading"]
    assert forged.blobs_parsed == 1 and forged.events == history.events
    assert any("cache was not used" in w for w in forged.warnings)


def test_warnings_print_control_characters_as_visible_text():
    """Warnings quote file names and YAML messages and are printed by the build: escaped
    for the terminal like check's own reports (defence in depth; ids are quoted with repr),
    and bounded in number."""
    from claimcheck.history import MAX_WARNINGS, History

    history = History(warnings=["a.yml: warning: \x1b[8mhidden\x1b]0;owned\x07"] * (MAX_WARNINGS + 5))
    lines = history.warning_lines()
    assert lines[0] == "a.yml: warning: \\u001b[8mhidden\\u001b]0;owned\\u0007"
    assert len(lines) == MAX_WARNINGS + 1 and lines[-1].startswith("... and 5 more warnings")


def test_a_commit_message_over_the_size_limit_keeps_its_date(tmp_path):
    """A commit object is read whole only up to the size limit; a larger one (a message of
    megabytes) still gets its parents and date from git's fixed-format fields."""
    repo = base(tmp_path)
    edit(repo, "verdict: misleading", "verdict: contradicted")
    message = tmp_path / "message.txt"
    message.write_text("Correct it\n\n" + "long words " * (MAX_YAML_BYTES // 10))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-F", str(message), date="2026-04-02")
    edit(repo, "verdict: overstated", "verdict: supported")
    commit(repo, "Correct another", "2026-04-03")
    history = read_history(repo / "claims")
    kinds = [(e.commit.date, e.commit.subject, e.kind) for e in history.recent() if e.is_correction]
    assert kinds == [("2026-04-03", "Correct another", "verdict"), ("2026-04-02", "", "verdict")]
