"""Release notes are published by ``gh release create --notes-file``; GitHub notifies every
user and team an ``@mention`` in them names (red team December 2026, F18)."""

from __future__ import annotations

import re

from claimcheck.cli import main

from test_release import git, released_repo, set_release

MENTION = re.compile(r"(?<![\w`])@[A-Za-z0-9]")  # what GitHub would take for a mention


def test_mentions_in_catalog_text_notify_no_one_from_the_release_notes(tmp_path, capsys, monkeypatch):
    repo, catalog = released_repo(tmp_path, monkeypatch)
    claims_file = next(catalog.glob("sources/*/claims.yml"))
    text = claims_file.read_text()
    start = text.index("statement: ") + len("statement: ")
    end = text.index("\n", start)
    claims_file.write_text(text[:start] + '"Supported by @octocat and @github/security, says the clinic"'
                           + text[end:])
    set_release(catalog, "1.1.0", "2026-02-01")
    git(repo, "commit", "-qam", "second")
    git(repo, "tag", "v1.1.0")
    assert main(["changelog", "--catalog", "claims", "--release", "v1.1.0"]) == 0
    notes = capsys.readouterr().out
    assert "octocat" in notes and "security" in notes, notes
    assert not MENTION.findall(notes), notes
    assert "@\u200boctocat and @\u200bgithub/security" in notes
