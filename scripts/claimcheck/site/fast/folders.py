"""Make the built site's page folders in a second process while the pages are rendered.

mkdocs writes each page after making its folder, one after the other in the build's own
thread. On this project's build machine the disk took about 0.5 ms for each new folder, so
at 10,000 claims making the folders was 5 s of the build, with the CPU idle. Every
folder's name is known once the catalog has passed its checks, so a small process makes
them all while the build renders pages (CPU work), and mkdocs then finds each one there
(``os.makedirs(..., exist_ok=True)`` either way, so the two never get in each other's way).

Only folders, never files: a build that fails later leaves empty folders at most, not
empty pages. (The names are mkdocs' own destinations for the pages; a plugin that moved
pages elsewhere would leave the folders made here empty.) Only under ``mkdocs build`` (serve writes its site to memory, rebuilds
render little) and from ``FROM_FOLDERS`` up, below which it saves nothing worth a process.
"""

from __future__ import annotations

import os
import subprocess
import sys

FROM_FOLDERS = 500

# Null-separated folder names on stdin: any character a path can hold passes unchanged.
_MAKE = ("import os, sys\n"
         "for folder in sys.stdin.buffer.read().split(b'\\0'):\n"
         "    if folder:\n"
         "        os.makedirs(folder, exist_ok=True)\n")


class Folders:
    """A process making folders; ``finish()`` waits for it (a failure is mkdocs' to meet:
    it makes any folder missing when it writes the page)."""

    def __init__(self):
        self.proc: subprocess.Popen | None = None

    def start(self, folders) -> bool:
        """Start making ``folders`` (absolute paths), if there are enough to gain from it."""
        names = sorted(set(map(os.fsencode, folders)))
        if len(names) < FROM_FOLDERS:
            return False
        self.proc = subprocess.Popen([sys.executable, "-c", _MAKE], stdin=subprocess.PIPE,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.proc.stdin.write(b"\0".join(names))
            self.proc.stdin.close()
        except OSError:  # it ended early; mkdocs makes the folders as ever
            self.stop()
            return False
        return True

    def finish(self) -> None:
        """Wait for the process; it is done long before the pages are written."""
        if self.proc is not None:
            self.proc.wait()
            self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
