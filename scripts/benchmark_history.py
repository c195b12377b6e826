"""Print what reading the claims' git history costs: synthetic repositories of 155 and
10,000 claims, each with 200 commits (one adding everything, then 199 that each correct
one verdict or add evidence), read by claimcheck.history.read_history as a build does.

Run: .venv/bin/python scripts/benchmark_history.py. Figures, not pass/fail.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import tracemalloc
from pathlib import Path

from claimcheck.history import read_history

ENV = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
       "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}
PER_FILE = 31


def claim(i: int, verdict: str = "overstated") -> str:
    return (f"  - id: s-claim-{i}\n    quote: Claim number {i} about ketamine and the brain.\n"
            f"    statement: Claim {i}.\n    topics: [gaba]\n    speaks_of: humans\n"
            f"    source_citation:\n      level: none\n    verdict: {verdict}\n"
            f"    rationale: Generated rationale {i}.\n    evidence:\n"
            f"      - ref: ref-{i % 50}\n        relation: qualifies\n        note: Generated.\n")


def make_repo(root: Path, claims: int, commits: int) -> None:
    git = lambda *a: subprocess.run(["git", *a], cwd=root, env=ENV, check=True,  # noqa: E731
                                    capture_output=True)
    git("init", "-q", "-b", "main")
    files = []
    for start in range(0, claims, PER_FILE):
        path = root / "claims" / "sources" / f"s{start // PER_FILE}" / "claims.yml"
        path.parent.mkdir(parents=True)
        path.write_text("claims:\n" + "".join(claim(i) for i in range(start, min(start + PER_FILE, claims))))
        files.append((path, start))
    git("add", "-A")
    git("commit", "-q", "-m", "all claims")
    for n in range(1, commits):
        path, start = files[n % len(files)]
        text = path.read_text()
        if n % 2:
            text = text.replace("verdict: overstated", "verdict: contradicted", 1)
        else:
            text = text.replace("    evidence:\n", f"    evidence:\n      - ref: extra-{n}\n"
                                "        relation: supports\n        note: Added.\n", 1)
        path.write_text(text)
        git("commit", "-q", "-am", f"change {n}")


def main() -> None:
    print(f"{'claims':>7} {'commits':>8} {'wall (s)':>9} {'cpu (s)':>8} {'peak MiB':>9} {'events':>7}")
    for claims in (155, 10_000):
        with tempfile.TemporaryDirectory() as tmp:
            make_repo(Path(tmp), claims, 200)
            tracemalloc.start()
            t0, c0 = time.perf_counter(), time.process_time()
            history = read_history(Path(tmp) / "claims")
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0  # cpu: this process
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            events = sum(len(e) for e in history.events.values())
            print(f"{claims:>7} {history.commits_read:>8} {elapsed:>9.2f} {cpu:>8.2f} {peak:>9.1f} {events:>7}")


if __name__ == "__main__":
    main()
