"""Time and peak memory of `claimcheck check` on the hostile catalogs issues 8 and 21 describe.

Each case is a copy of the test catalog with one hostile edit. Every case runs in its own
process under a wall-clock cap, so a case that would hang shows as "stopped" instead of
hanging the benchmark. Figures, not pass/fail.

Run: .venv/bin/python scripts/benchmark_hostile.py [--cap SECONDS] [CASE ...]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEST_CATALOG = ROOT / "tests" / "data" / "catalog"
CLAIM = """  - id: vip-hostile-{n}
    quote: {quote}
    statement: A hostile claim.
    topics: [circuit-reset]
    speaks_of: humans
    source_citation: {{level: none}}
    verdict: unsupported
    rationale: Hostile.
    no_evidence: none found
"""
WORDS = ("ketamine glutamate receptor synapse neuron cortex plasticity depression dose "
         "infusion brain signal mood network memory").split()


def _words(count: int, seed: int = 1) -> str:
    """Deterministic prose-like filler: no two long windows are identical."""
    out, x = [], seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) % 2**31
        out.append(WORDS[x % len(WORDS)])
    return " ".join(out)


def _set_archive(catalog: Path, text: str) -> None:
    folder = catalog / "sources" / "vip"
    (folder / "archive.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    source = (folder / "source.yml").read_text(encoding="utf-8")
    lines = [f"archive_sha256: {sha}" if line.startswith("archive_sha256:") else line
             for line in source.splitlines()]
    (folder / "source.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _append_claims(catalog: Path, text: str) -> None:
    with (catalog / "sources" / "vip" / "claims.yml").open("a", encoding="utf-8") as f:
        f.write(text)


def scalar_aliases(catalog: Path) -> None:
    """A ~1 MB claims file repeating one 500-character quote 2,000 times by alias."""
    quote = _words(80, seed=7)
    text = CLAIM.format(n=0, quote=f"&q '{quote}'")
    text += "".join(CLAIM.format(n=n, quote="*q") for n in range(1, 2000))
    _append_claims(catalog, text)


def oversized_field(catalog: Path) -> None:
    """One 10 MB single-line statement."""
    _append_claims(catalog, CLAIM.format(n=0, quote="'x'").replace(
        "A hostile claim.", "A" * 10_000_000))


def long_field(catalog: Path) -> None:
    """One 1 MB single-line statement: the file is under its limit, the field is not."""
    _append_claims(catalog, CLAIM.format(n=0, quote="'x'").replace(
        "A hostile claim.", "A" * 1_000_000))


def worst_quote(catalog: Path) -> None:
    """A 2 kB quote that is not in a 1.1 MB archive."""
    _set_archive(catalog, _words(160_000, seed=3) + "\n")
    _append_claims(catalog, CLAIM.format(n=0, quote="'" + _words(300, seed=11)[:2000] + "'"))


def careless_quotes(catalog: Path) -> None:
    """Fifty 1,000-character quotes with typos against a 17 kB archive."""
    archive = _words(2_500, seed=5)
    _set_archive(catalog, archive + "\n")
    text = ""
    for n in range(50):
        start = (n * 331) % (len(archive) - 1100)
        quote = archive[start:start + 1000].replace("e", "3", 5)
        text += CLAIM.format(n=n, quote="'" + quote + "'")
    _append_claims(catalog, text)


def deep_nesting(catalog: Path) -> None:
    """YAML nested 990 levels deep."""
    _append_claims(catalog, "  - id: deep\n    statement: " + "[" * 990 + "]" * 990 + "\n")


def tiny_values(catalog: Path) -> None:
    """Four million one-letter list items in one 8 MiB claims file (December 2026, F7)."""
    path = catalog / "sources" / "vip" / "claims.yml"
    head = path.read_text(encoding="utf-8").splitlines(True)[0]  # the schema line
    path.write_text(head + "claims: [" + "a," * (4 * 2**20 - 64) + "a]\n", encoding="utf-8")


def tiny_values_spread(catalog: Path) -> None:
    """Five source folders of 249,000 one-letter items each: under the limit for one
    file, over the limit for the catalog."""
    vip = catalog / "sources" / "vip"
    head = (vip / "claims.yml").read_text(encoding="utf-8").splitlines(True)[0]
    body = head + "claims: [" + "a," * 248_999 + "a]\n"
    for n in range(5):
        folder = catalog / "sources" / (f"vip{n}" if n else "vip")
        if n:
            shutil.copytree(vip, folder)
            source = (folder / "source.yml").read_text(encoding="utf-8")
            (folder / "source.yml").write_text(source.replace("id: vip\n", f"id: vip{n}\n"),
                                               encoding="utf-8")
        (folder / "claims.yml").write_text(body, encoding="utf-8")


CASES = {f.__name__: f for f in (scalar_aliases, oversized_field, long_field, worst_quote,
                                  careless_quotes, deep_nesting, tiny_values, tiny_values_spread)}


def run_case(name: str, cap: float) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Path(tmp) / "catalog"
        shutil.copytree(TEST_CATALOG, catalog)
        CASES[name](catalog)
        cmd = [sys.executable, "-m", "claimcheck.cli", "check", "--catalog", str(catalog)]
        start = time.perf_counter()
        log = open(Path(tmp) / "output.txt", "w+b")  # a pipe could fill and stall the case
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=tmp)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            elapsed = time.perf_counter() - start
            if pid:
                break
            if elapsed > cap:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                log.close()
                return f"{name:16s} stopped after {cap:.0f} s  peak {usage.ru_maxrss / 1024:7.1f} MiB"
            time.sleep(0.05)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
        log.close()
        code = os.waitstatus_to_exitcode(status)
        lines = output.splitlines()
        first = next((line for line in lines if "yaml-syntax" in line or "size-limit" in line
                      or "Traceback" in line or "Error" in line), lines[0] if lines else "")
        first = f"{lines[-1] if lines else ''} | {first}"
        return (f"{name:16s} exit {code}  {elapsed:7.2f} s  peak {usage.ru_maxrss / 1024:7.1f} MiB  "
                f"{first[:150]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cap", type=float, default=120.0, help="seconds before a case is stopped")
    parser.add_argument("cases", nargs="*", help=f"cases to run (default: all of {', '.join(CASES)})")
    args = parser.parse_args()
    unknown = set(args.cases) - set(CASES)
    if unknown:
        parser.error(f"unknown case(s): {', '.join(sorted(unknown))}")
    for name in args.cases or CASES:
        print(run_case(name, args.cap), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
