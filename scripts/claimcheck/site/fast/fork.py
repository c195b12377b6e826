"""Render part of the site in a second process, on the machine's other core.

Rendering the pages of a 10,000-claim catalog is 30 s of a build on one core, and each page
depends only on the catalog, already loaded. So on a machine with more than one core the
build forks: the child renders its share of the pages while this process renders the
rest, and sends them back pickled through a pipe. Fork copies the loaded catalog and the
compiled templates for nothing, and the child's pages are the ones this process would
have made (tests/test_parallel_render.py renders a catalog both ways and compares).

Only where fork is the platform's way (Linux), and only in a process with no other
threads: ``mkdocs serve`` renders little per rebuild and runs threads, so it never forks.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from typing import Callable, TypeVar

T = TypeVar("T")
U = TypeVar("U")


FROM_CLAIMS = 500  # below this a fork saves less than a tenth of a second
# The child's share of claim pages (it also renders the article pages; this process the
# list, topic and download pages): at 10,000 claims this made the two take about as long.
CHILD_SHARE = 0.70


class ChildFailed(Exception):
    """The child process failed; the message holds its traceback."""


def fork_available() -> bool:
    """The platform starts processes by fork, and there is a second core to run one."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def can_fork() -> bool:
    """Fork now: only from a process with no other threads (a forked child gets just the
    calling thread, and any lock another thread held stays held in it)."""
    return fork_available() and threading.active_count() == 1


def both(here: Callable[[], T], there: Callable[[], U]) -> tuple[T, U]:
    """``here()`` in this process and ``there()`` in a forked child, at the same time."""
    if not can_fork():
        return here(), there()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send the result (or the failure), and leave at once
        os.close(read_end)
        try:
            data = pickle.dumps((True, there()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - every failure goes back to the parent
            data = pickle.dumps((False, traceback.format_exc()))
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        os._exit(0)
    os.close(write_end)
    result = os.fdopen(read_end, "rb")
    try:
        mine = here()
        try:  # unpickled as it is read, without a whole copy of the bytes first
            ok, theirs = pickle.load(result)
        except (EOFError, pickle.UnpicklingError):
            ok, theirs = False, "the child ended without a result"
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        result.close()
        os.waitpid(pid, 0)
    if not ok:
        raise ChildFailed(f"rendering in the second process failed:\n{theirs}")
    return mine, theirs


def render(renderer) -> list:
    """Every page a render.SiteRenderer makes, in the order ``renderer.all()`` gives them,
    the child making most claim pages and the article pages, this process the rest."""
    claims, sources = renderer.catalog.claims, renderer.catalog.sources
    if len(claims) < FROM_CLAIMS:
        return renderer.all()
    cut = int(len(claims) * CHILD_SHARE)
    (front, later, back), (earlier, articles) = both(
        lambda: (renderer.lists(), [renderer.claim(c) for c in claims[cut:]], renderer.rest()),
        lambda: ([renderer.claim(c) for c in claims[:cut]], [renderer.source(s) for s in sources]))
    return front + earlier + later + articles + back
