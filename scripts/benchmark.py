"""Print how long loading, checking and rendering take, and how much memory they use, for
the real catalog and for synthetic catalogs 5x and 20x its size.

Run: .venv/bin/python scripts/benchmark.py. Figures, not pass/fail: compare runs by eye.
"""

from __future__ import annotations

import copy
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import yaml

from claimcheck.catalog import load_catalog
from claimcheck.checks import run_checks
from claimcheck.render import render_site

ROOT = Path(__file__).resolve().parents[1]


def scaled_copy(factor: int, dest: Path) -> Path:
    """The real catalog with every claim repeated ``factor`` times under new ids."""
    shutil.copytree(ROOT / "claims", dest)
    for path in dest.glob("sources/*/claims.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        copies = []
        for n in range(1, factor):
            for claim in data["claims"]:
                clone = copy.deepcopy(claim)  # shared lists would be dumped as YAML aliases
                clone["id"] = f"{claim['id']}-x{n}"
                clone.pop("conflicts", None)
                copies.append(clone)
        data["claims"] += copies
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return dest


def measure(root: Path) -> None:
    tracemalloc.start()
    t0 = time.perf_counter()
    catalog = load_catalog(root)
    t1 = time.perf_counter()
    problems = run_checks(catalog)
    t2 = time.perf_counter()
    if problems:
        raise SystemExit(f"benchmark catalog at {root} has problems, first: {problems[0]}")
    files = render_site(catalog)
    t3 = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    claim_pages = [f for f in files if f.path.startswith("claims/") and f.path != "claims/index.md"]
    size = max((len(f.content.encode()) for f in claim_pages), default=0)
    print(f"{len(catalog.claims):6d} claims  load {1000 * (t1 - t0):7.1f} ms  "
          f"check {1000 * (t2 - t1):7.1f} ms  render {1000 * (t3 - t2):7.1f} ms  "
          f"peak {peak / 2**20:6.1f} MiB  "
          f"largest claim page source {size / 1024:.1f} KiB")


def main() -> int:
    measure(ROOT / "claims")
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (5, 20):
            measure(scaled_copy(factor, Path(tmp) / f"x{factor}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
