"""Pages rendered in a forked second process are the pages one process renders, in the same
order; a failure on either side stops the render with the reason."""

from __future__ import annotations

import os
import time

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.render import SiteRenderer, render_site
from claimcheck.site.fast import fork as parallel

from conftest import site_catalog

pytestmark = pytest.mark.skipif(not parallel.fork_available(),
                                reason="this platform does not fork, or has one core")


@pytest.fixture(autouse=True)
def forking(monkeypatch):
    """The test process may run other threads (a served test site): fork here all the
    same, which is safe for these children (they render or compute and leave)."""
    monkeypatch.setattr(parallel, "can_fork", parallel.fork_available)


def test_rendering_in_two_processes_gives_the_same_files(tmp_path, monkeypatch):
    catalog = load_catalog(site_catalog(tmp_path / "catalog", claims=30))
    alone = render_site(catalog)
    monkeypatch.setattr(parallel, "FROM_CLAIMS", 1)
    forked = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(1) or real_fork())
    shared = parallel.render(SiteRenderer(catalog))
    assert forked == [1]
    assert [f.path for f in shared] == [f.path for f in alone]
    assert shared == alone  # every page's text, title, description and headings


def test_a_failure_in_the_child_is_reported_with_its_traceback():
    with pytest.raises(parallel.ChildFailed, match="ZeroDivisionError"):
        parallel.both(lambda: 1, lambda: 1 / 0)


def test_a_failure_here_stops_the_child():
    started = time.monotonic()
    with pytest.raises(ZeroDivisionError):
        parallel.both(lambda: 1 / 0, lambda: time.sleep(600))
    assert time.monotonic() - started < 300  # the child was killed, not waited for


def test_results_come_back_from_both_sides():
    here, there = parallel.both(lambda: ["here"] * 3, lambda: {"there": os.getpid()})
    assert here == ["here"] * 3
    assert there["there"] != os.getpid()


def test_a_process_with_other_threads_does_not_fork(monkeypatch):
    import threading

    monkeypatch.undo()  # the real check, not the fixture's
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert not parallel.can_fork()
        here, there = parallel.both(lambda: os.getpid(), lambda: os.getpid())
        assert here == there == os.getpid()  # both ran in this process
    finally:
        release.set()
        other.join()
