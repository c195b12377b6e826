"""Index the site for search while mkdocs writes it, instead of after.

Pagefind took 21 s of a 10,000-claim build, run on the written site once the build had
finished, while the machine's second core sat idle through the build. Pagefind reads of
each page only its article (the part marked ``data-pagefind-body``), and by the time
mkdocs starts writing pages every page's article is known: it is the page's content, which
Material's page template wraps in white space. So once every page's article is known,
each is written as a small page of its own to a temporary folder, and Pagefind indexes
that folder in the background while mkdocs puts the pages into the theme and writes them.
(BuildAccelerator starts it once mkdocs has rendered every page, before it writes any.)

Nothing is taken on trust: as each page is written, its article is compared with the one
Pagefind was given (``check``). If any differ (a theme that adds text around the content
would), the early index is thrown away and the written site is indexed the usual way.
tests/test_search_early.py compares the early index with Pagefind's run on the site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from .. import search

BODY = search.BODY
END = "</article>"
PAGE = '<!doctype html><html lang="en"><head></head><body>' + BODY + "\n{}\n" + END + "</body></html>"


def _memory_folder() -> str | None:
    """A folder in memory (Linux's /dev/shm) when there is one: making 10,000 folders and
    files on this machine's disk took 14 s, in memory 0.3 s. The pages take about a
    hundredth of a megabyte each, and are removed when the build ends."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else None


def _digest(text: str) -> int:
    """Python's own string hash: 64 bits, keyed at random for each process (start and check
    run in the same one), and five times faster than encoding and hashing each article,
    which took 1.3 s at 10,000 claims."""
    return hash(text)


class Early:
    """One build's early index: ``start`` once pages are rendered, ``check`` each page as
    it is written, ``finish`` after the build."""

    def __init__(self) -> None:
        self.folder = ""
        self.proc: subprocess.Popen | None = None
        self.sent: dict[str, int] = {}  # page path in the site -> digest of what was indexed
        self.differing: list[str] = []

    def start(self, pages, site_dir: str) -> None:
        """Write each page's article (``pages``: (path in the site, content)) and start
        Pagefind on them, writing its index into the site."""
        self.folder = tempfile.mkdtemp(prefix="claimcheck-search-", dir=_memory_folder())
        made = {self.folder}
        for path, content in pages:
            target = os.path.join(self.folder, path)
            folder = os.path.dirname(target)
            if folder not in made:  # plain system calls: open() and makedirs took 7 s here
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            page = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                os.write(page, PAGE.format(content).encode("utf-8"))
            finally:
                os.close(page)
            self.sent[path] = _digest(content.strip())
        self.proc = search.start(self.folder, os.path.join(site_dir, search.BUNDLE))

    def check(self, path: str, output: str) -> None:
        """Note a written page whose article is not the one Pagefind was given."""
        start = output.find(BODY)
        end = output.find(END, start)
        article = output[start + len(BODY):end].strip() if start >= 0 and end >= 0 else None
        if article is None or _digest(article) != self.sent.pop(path, None):
            self.differing.append(path)

    def finish(self, site_dir: str) -> str:
        """Wait for Pagefind; if any page differed from what it indexed, index the written
        site instead. Returns what was done, for the build's log."""
        try:
            search.finish(self.proc)
            differing = self.differing + sorted(self.sent)  # sent, but never written
            if not differing:
                return "indexed for search while the pages were written"
            shutil.rmtree(os.path.join(site_dir, search.BUNDLE), ignore_errors=True)
            search.index(site_dir)
            n = len(differing)
            return (f"indexed for search after the build, because {n} page{'s' if n != 1 else ''}"
                    f" did not match what was indexed early (first {differing[0]})")
        finally:
            self.stop()

    def stop(self) -> None:
        """End Pagefind if it is still running and remove the temporary pages."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = ""
