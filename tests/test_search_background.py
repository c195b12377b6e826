"""Under mkdocs serve the search index is made in the background after each build; a build
that starts meanwhile stops the run over the folder it is about to empty, and nothing is
reported from it (a warning during a strict build would fail that build)."""

from __future__ import annotations

import time
from pathlib import Path

from claimcheck.site import search


class _Log:
    def __init__(self):
        self.warnings: list[str] = []

    def warning(self, line):
        self.warnings.append(line)


def _site(folder: Path, pages: int) -> Path:
    for i in range(pages):
        page = folder / f"p{i}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html><body>{search.BODY}<h1>Page {i}</h1>'
                        f"<p>glutamate {i}</p></article></body></html>", encoding="utf-8")
    return folder


def _wait(indexer, limit: float = 120) -> None:
    end = time.monotonic() + limit
    while indexer.running and time.monotonic() < end:
        time.sleep(0.05)
    assert not indexer.running


def test_a_requested_run_indexes_the_site(tmp_path):
    site = _site(tmp_path / "site", 3)
    log = _Log()
    indexer = search.Background(log)
    indexer.request(str(site))
    _wait(indexer)
    assert (site / search.BUNDLE / "pagefind-entry.json").is_file()
    assert log.warnings == []


def test_a_build_starting_stops_the_run_and_nothing_is_reported(tmp_path):
    site = _site(tmp_path / "site", 400)
    log = _Log()
    indexer = search.Background(log)
    indexer.request(str(site))
    while indexer.proc is None:
        time.sleep(0.01)
    indexer.stop()  # as the next build's on_config does
    for page in site.iterdir():  # the build empties the folder
        if page.name != search.BUNDLE:
            for f in page.iterdir():
                f.unlink()
            page.rmdir()
    _wait(indexer)
    assert indexer.proc.returncode != 0 or (site / search.BUNDLE).exists()
    assert log.warnings == []


def test_a_real_failure_is_reported(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    log = _Log()
    indexer = search.Background(log)
    indexer.request(str(empty))
    _wait(indexer)
    assert len(log.warnings) == 1 and "search index not updated" in log.warnings[0]
