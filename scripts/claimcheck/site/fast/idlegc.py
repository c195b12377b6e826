"""Under ``mkdocs serve``: collect cyclic garbage between rebuilds instead of during them.

Each rebuild makes a new catalog, new pages and new mkdocs structures, and drops the last
build's. Left to itself, Python's cyclic collector ran its full collections in the middle
of rebuilds, each walking everything the serve process holds: 0.2 to 0.4 s of a
1,000-claim rebuild. So a short while after a build ends (not at once: the browser is
fetching the reloaded page), everything is collected once and what survives is frozen
(``gc.freeze``), out of the collector's way during the next rebuild. The next build's end
unfreezes it and collects again, so what a build dropped is still freed, one build later
at most. ``mkdocs build`` freezes what it keeps instead (build.set_aside).
"""

from __future__ import annotations

import gc
import threading

DELAY = 1.0  # seconds after a build ends


class IdleCollector:
    def __init__(self, delay: float = DELAY):
        self.delay = delay
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None

    def build_started(self) -> None:
        """A build is starting: a collection not yet begun waits for its end."""
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None

    def build_finished(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(self.delay, self.collect)
            self.timer.daemon = True
            self.timer.start()

    def collect(self) -> None:
        """Free what the builds dropped; set the rest aside until the next collection."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()
