"""Site search with Pagefind: a chunked static index a reader downloads a piece at a time.

Material's own search sends every reader the whole index on the first search (44 MiB at
10,000 claims) and spends a quarter of the build parsing every page for it. Pagefind
(PyPI ``pagefind[bin]``, a Rust binary in a wheel, offline) indexes the pages' HTML into
a chunked index (while the site is written: fast/early.py; under serve, in the background
after each build); a search fetches only the index chunks and result fragments its words
need.

Only each page's article is indexed (``data-pagefind-body``), so results are not drowned in
navigation; a result's title is the page's first heading, which on a claim page starts with
its verdict. The Search page (docs/search.md) holds Pagefind's own search box.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading

ARTICLE = '<article class="md-content__inner md-typeset">'
BUNDLE = "pagefind"  # folder of the index inside the site
# What the index leaves out, besides navigation: text every claim page repeats (the notice,
# what a verdict or flag means, history, how to report, for contributors), each claim
# page's evidence list (the studies are found on the References page, which the index
# keeps), and copies of other claims (conflict lists; the lists and tables of the index,
# matrix, conflicts, references, topic and source pages). A search then finds a claim by
# its own words, not every page that lists it. Pagefind's memory grows with the words it
# indexes: at 10,000 claims its peak fell from 1,979 MB to about 1,000 MB
# (tests/test_site_build.py holds the selectors to the templates).
IGNORED_BOILERPLATE = (".cc-notice", ".cc-verdict-meaning", ".cc-flag-list", ".cc-terms",
                       ".cc-history-dates", ".cc-history", ".cc-report", ".cc-contrib",
                       ".cc-subjects")
IGNORED_COPIES = (".cc-evidence", ".cc-conflict-kind", ".cc-conflicts", "#cc-claims",
                  ".cc-matrix", ".cc-conflict-list", ".cc-diagram", ".cc-claim-list",
                  ".cc-ref details")
IGNORED = ", ".join((".headerlink", ".md-source-file", "script")
                    + IGNORED_BOILERPLATE + IGNORED_COPIES)


class SearchIndexError(Exception):
    """Pagefind failed: the message says how."""


BODY = ARTICLE[:-1] + " data-pagefind-body>"  # the article, marked for Pagefind


def mark(output: str) -> str:
    """The page with its article marked as the part Pagefind indexes."""
    return output.replace(ARTICLE, BODY, 1)


def command(pages_dir: str, output_dir: str) -> list[str]:
    """Pagefind indexing the HTML pages in ``pages_dir`` into ``output_dir``."""
    if importlib.util.find_spec("pagefind") is None:
        raise SearchIndexError("Pagefind is not installed in this Python environment; run "
                               "scripts/setup.sh again (or pip install 'pagefind[bin]')")
    return [sys.executable, "-m", "pagefind", "--site", pages_dir, "--output-path", output_dir,
            "--exclude-selectors", IGNORED, "--force-language", "en", "--silent"]


def start(pages_dir: str, output_dir: str) -> subprocess.Popen:
    """Pagefind started on the pages in ``pages_dir``; SearchIndexError if it cannot run."""
    try:
        return subprocess.Popen(command(pages_dir, output_dir), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    except OSError as err:
        raise SearchIndexError(f"could not run Pagefind ({err})") from None


def finish(proc: subprocess.Popen, timeout: float | None = 600) -> None:
    """Wait for a Pagefind run; SearchIndexError, with its own words, if it failed."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as late:
        proc.kill()
        proc.communicate()
        raise SearchIndexError(f"could not run Pagefind ({late})") from None
    if proc.returncode != 0:
        raise SearchIndexError("Pagefind failed to index the site: "
                               + (err or out).strip()[-2000:])


def index(site_dir: str) -> None:
    """Index the built site into ``site_dir``/pagefind; raise SearchIndexError on failure."""
    finish(start(site_dir, os.path.join(site_dir, BUNDLE)))


class Background:
    """Under ``mkdocs serve``: index after each build without holding up the page reload.

    One run at a time. A build that starts while a run is going stops it (``stop``): the
    build empties the folder Pagefind is reading, and a run that failed over it used to log
    a warning in the middle of the next build, which a strict build counts as a failure,
    so the server stopped answering. The build that ends asks for a new run."""

    def __init__(self, log):
        self.log = log
        self.lock = threading.Lock()
        self.pending: str | None = None
        self.running = False
        self.proc: subprocess.Popen | None = None
        self.generation = 0  # counts stops: a run from before the last stop is not reported

    def request(self, site_dir: str) -> None:
        with self.lock:
            self.pending = site_dir
            if self.running:
                return
            self.running = True
        threading.Thread(target=self._run, daemon=True).start()

    def stop(self) -> None:
        """A build is starting: forget what was asked and end the run in progress."""
        with self.lock:
            self.pending = None
            self.generation += 1
            if self.proc is not None and self.proc.poll() is None:
                self.proc.kill()

    def _run(self) -> None:
        while True:
            with self.lock:
                site_dir, self.pending = self.pending, None
                if site_dir is None:
                    self.running = False
                    return
                generation = self.generation
                try:
                    self.proc = start(site_dir, os.path.join(site_dir, BUNDLE))
                except SearchIndexError as err:
                    self.proc = None
                    self.log.warning(f"claimcheck: search index not updated: {err}")
                    continue
                proc = self.proc
            try:
                finish(proc, timeout=None)
            except SearchIndexError as failure:
                with self.lock:
                    stopped = generation != self.generation
                if not stopped:  # a run a new build stopped has nothing to report
                    self.log.warning(f"claimcheck: search index not updated: {failure}")
