"""Measure the checker and the site at 155, 1,000 and 10,000 claims, beside their floors.

For each size it generates a valid synthetic catalog (the five real sources copied as new
sources, with their archives, evidence and conflicts of both kinds), then measures:
- parse: libyaml's C loader alone reading the same YAML files (the floor for ``check``);
- check: ``claimcheck check`` in a fresh process, time and peak RSS;
- build: ``mkdocs build`` of the real mkdocs.yml and docs/ on that catalog, time and peak RSS,
  site size and the median claim page, and just before it how fast the disk makes a page's
  folder and file (the build makes thousands);
- plain: Material building the same number of plain Markdown pages (same text, no plugin);
- search: a reader's first search in Chromium, bytes of search files fetched and time from
  typing to results;
- check: the Check a text page in Chromium slowed four times (CDP's CPU throttling, a
  phone-class CPU), a 1,000-word clinic text pasted: KB the page and the check fetch (as
  served, and gzipped as a static host sends them) and the ms to the results, the first
  check (fetching the index) and a second one (index in memory); apart, the KB of any
  sitemap.xml the page fetches (none since the feed's link says rel="alternate feed");
- serve: after editing one claim under ``mkdocs serve``, seconds until the page has the edit;
  then after breaking the file, seconds until the page is the error page listing the problem,
  and after fixing it, seconds until the site is back.

Run: .venv/bin/python scripts/benchmark.py [--sizes 155,1000,10000] [--skip serve,search,check].
Figures, not pass/fail; docs/performance.md records a run and the machine it ran on.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SEARCH_WORD = "glutamate"
SERVE_PORT = int(os.environ.get("BENCH_PORT", "8160"))
# Serve as scripts/serve.sh does, with the served site in memory; BENCH_SERVE_ON_DISK=1
# measures mkdocs serve's own default (a temporary folder on disk) instead.
SERVE_IN_MEMORY = os.environ.get("BENCH_SERVE_ON_DISK") != "1"


# --- Synthetic catalogs ----------------------------------------------------------------

def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _dump(data, path: Path, head: str = "") -> None:
    path.write_text(head + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                                     width=100), encoding="utf-8")


def _schema_comment(path: Path) -> str:
    """A catalog file's first line naming its schema, which the checker requires."""
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    return first + "\n" if first.startswith("# yaml-language-server:") else ""


def synthetic_catalog(claims: int, dest: Path) -> Path:
    """A valid catalog of exactly ``claims`` claims at ``dest``.

    Copy n of the five real sources becomes source '<id>-g<n>' (copy 0 keeps the real ids),
    with the same archive, and each claim id is renamed to match; conflicts point at the
    claims of the same copy, alternately as contradictions and tensions, so both kinds are
    present (a tension between two supported claims), and so do same_as and all_of. The
    last copy is cut short to hit the count, and its links to claims left out are dropped."""
    src = ROOT / "claims"
    dest.mkdir(parents=True)
    for name in ("topics.yml", "references.yml"):
        shutil.copy2(src / name, dest / name)
    real = [(folder, _load(folder / "source.yml"), _load(folder / "claims.yml")["claims"])
            for folder in sorted(p for p in (src / "sources").iterdir() if p.is_dir())]
    made, copy_no = 0, 0
    while made < claims:
        renamed: dict[str, str] = {}
        chosen = []
        for folder, _, entries in real:
            old_sid = folder.name
            new_sid = old_sid if copy_no == 0 else f"{old_sid}-g{copy_no}"
            for entry in entries:
                renamed[entry["id"]] = new_sid + entry["id"][len(old_sid):]
            take = entries[:max(0, claims - made)]
            made += len(take)
            chosen.append((folder, new_sid, take))
        kept = {renamed[e["id"]] for _, _, take in chosen for e in take}
        verdict = {renamed[e["id"]]: e.get("verdict") for _, _, take in chosen for e in take}
        kinds = 0
        for folder, new_sid, take in chosen:
            out = dest / "sources" / new_sid
            out.mkdir(parents=True)
            source = _load(folder / "source.yml")
            source["id"] = new_sid
            _dump(source, out / "source.yml", _schema_comment(folder / "source.yml"))
            archive = source.get("archive", "archive.txt")
            shutil.copy2(folder / archive, out / archive)
            entries = []
            for entry in take:
                clone = copy.deepcopy(entry)  # shared lists would be dumped as YAML aliases
                clone["id"] = renamed[entry["id"]]
                conflicts = []
                for conflict in clone.get("conflicts", []):
                    target = renamed.get(conflict["claim"])
                    if target in kept:
                        conflict["claim"] = target
                        conflict["kind"] = ("contradiction", "tension")[kinds % 2]
                        if verdict[target] == entry.get("verdict") == "supported":
                            conflict["kind"] = "tension"  # two supported claims cannot contradict
                        kinds += 1
                        conflicts.append(conflict)
                if conflicts:
                    clone["conflicts"] = conflicts
                else:
                    clone.pop("conflicts", None)
                for key in ("same_as", "all_of"):  # claims of the same copy, when kept
                    if key in clone:
                        ids = [renamed.get(i) for i in clone[key]]
                        ids = [i for i in ids if i in kept]
                        if ids:
                            clone[key] = ids
                        else:
                            clone.pop(key)
                entries.append(clone)
            _dump({"claims": entries}, out / "claims.yml", _schema_comment(folder / "claims.yml"))
        copy_no += 1
    return dest


def plain_project(catalog: Path, dest: Path) -> Path:
    """A Material site of one plain Markdown page per claim, with the claim's own text and
    no claimcheck plugin: what Material costs for the same number of pages."""
    docs = dest / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Plain pages\n\nOne page per claim.\n", encoding="utf-8")
    for path in sorted(catalog.glob("sources/*/claims.yml")):
        for claim in _load(path)["claims"]:
            lines = [f"# {claim['statement']}", "", f"> {claim['quote']}", "",
                     "## Rationale", "", claim["rationale"], "", "## Evidence", ""]
            lines += [f"- **{e['relation']}** {e['ref']}: {e.get('note', '')}"
                      for e in claim.get("evidence", [])]
            (docs / "p" / f"{claim['id']}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(
        "site_name: Plain\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n"
        "  font: false\nplugins:\n  - search\nnav:\n  - index.md\nnot_in_nav: |\n  /p/*.md\n",
        encoding="utf-8")
    return dest


def site_project(catalog_size: int, dest: Path) -> Path:
    """The real mkdocs.yml and docs/ with a synthetic catalog of ``catalog_size`` claims."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    # the theme overrides mkdocs.yml names as custom_dir, relative to it
    shutil.copytree(ROOT / "scripts" / "claimcheck" / "theme", dest / "scripts" / "claimcheck" / "theme")
    synthetic_catalog(catalog_size, dest / "claims")
    return dest


# --- Measuring -------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float  # user + system seconds: steadier than wall time on a shared machine
    code: int
    output: str


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run ``cmd`` to the end; wall time and the child's peak resident memory."""
    log = tempfile.TemporaryFile()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # Files just written (a generated catalog, the last run's site) are still going to disk;
    # on this machine's disk that writeback, landing in the timed run, moved a 10,000-claim
    # build by 20 s. Flush it first.
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    log.seek(0)
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, proc.returncode,
               log.read().decode(errors="replace"))


def parse_seconds(catalog: Path) -> tuple[float, float]:
    """libyaml's C loader alone over every YAML file of the catalog: (wall, CPU) seconds,
    best of three each."""
    files = sorted(catalog.rglob("*.yml"))
    wall = cpu = float("inf")
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def disk_ms_per_page(near: Path, pages: int = 1000) -> float:
    """Milliseconds this disk takes to make a page's folder and write a 28 KiB page into
    it, as a build does for each page, measured beside the project. A 10,000-claim build
    makes some 20,000 files (pages and search fragments), and on this machine the same
    probe has given from 0.1 to 1.6 ms from one hour to the next: the build time is read
    beside it."""
    page = b"x" * 28 * 1024
    os.sync()
    with tempfile.TemporaryDirectory(prefix="disk-probe-", dir=near) as tmp:
        start = time.perf_counter()
        for i in range(pages):
            folder = os.path.join(tmp, f"p{i}")
            os.mkdir(folder)
            with open(os.path.join(folder, "index.html"), "wb") as out:
                out.write(page)
        seconds = time.perf_counter() - start
    os.sync()
    return 1000 * seconds / pages


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def claim_page_kib(site: Path) -> float:
    sizes = [p.stat().st_size for p in (site / "claims").glob("*/index.html")]
    return statistics.median(sizes) / 1024 if sizes else 0.0


def counting_page(p, size: tuple[int, int], count):
    """Debian's Chromium, headless, with one page of ``size`` whose finished requests are
    handed to ``count``: what the first-search and Check a text measurements download."""
    browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                args=["--headless", "--no-sandbox", "--disable-gpu"])
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    context.on("requestfinished", count)
    return browser, context, context.new_page()


def first_search(site: Path) -> tuple[float, float]:
    """(KB of search files fetched, ms from typing to the first result) in Chromium.

    Search files are those whose address names search or pagefind: Material's index and
    worker, or Pagefind's script, WebAssembly, index chunks and result fragments."""
    from playwright.sync_api import sync_playwright

    from claimcheck.siteserver import make_server

    server = make_server(str(site), SERVE_PORT + 1)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{SERVE_PORT + 1}/"
    fetched: dict[str, int] = {}

    def count(request):
        url = request.url
        if "search" in url or "pagefind" in url:
            try:
                fetched[url] = request.sizes()["responseBodySize"]
            except Exception:  # noqa: BLE001 - a request that failed adds nothing
                pass

    try:
        with sync_playwright() as p:
            browser, _, page = counting_page(p, (1366, 900), count)
            pagefind = (site / "pagefind").is_dir()
            page.goto(base + ("search/" if pagefind else ""), wait_until="networkidle")
            box = "#cc-search input" if pagefind else "input.md-search__input"
            hit = ".pagefind-ui__result a" if pagefind else ".md-search-result__item a"
            page.locator(box).first.click()
            start = time.perf_counter()
            page.locator(box).first.fill(SEARCH_WORD)
            page.locator(hit).first.wait_for(state="visible", timeout=60000)
            ms = 1000 * (time.perf_counter() - start)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return sum(fetched.values()) / 1024, ms


def paste_words(words: int = 1000) -> str:
    """The first ``words`` words of the real articles' archived texts, whole lines, as a
    reader would paste a clinic's text."""
    out, count = [], 0
    for archive in sorted((ROOT / "claims" / "sources").glob("*/archive.txt")):
        for line in archive.read_text(encoding="utf-8").splitlines():
            taken = line.split()[:words - count]
            if taken:
                out.append(" ".join(taken))
                count += len(taken)
            if count >= words:
                return "\n".join(out)
    return "\n".join(out)


def check_text(site: Path) -> tuple[float, float, float, float]:
    """(KB fetched, KB gzipped, ms to the first check's results, ms to a second check's)
    for the Check a text page and a 1,000-word paste, the CPU slowed 4 times."""
    import gzip

    from playwright.sync_api import sync_playwright

    from claimcheck.siteserver import make_server

    port = SERVE_PORT + 2
    server = make_server(str(site), port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    fetched: dict[str, int] = {}

    def count(request):
        try:
            fetched[request.url] = request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a request that failed adds nothing
            pass

    def gzipped(url: str) -> int:
        path = site / url[len(base):].split("?")[0].split("#")[0]
        path = path / "index.html" if path.is_dir() else path
        return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0

    def timed_check() -> float:
        page.evaluate("document.getElementById('cc-check').removeAttribute('data-checked-ms')")
        page.click("#cc-check button[type=submit]")
        page.wait_for_selector("#cc-check[data-checked-ms]", timeout=120000)
        return float(page.get_attribute("#cc-check", "data-checked-ms"))

    try:
        with sync_playwright() as p:
            browser, context, page = counting_page(p, (390, 844), count)
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
            page.goto(base + "check/", wait_until="networkidle")
            page.fill("#cc-check-text", paste_words())
            first = timed_check()
            page.wait_for_load_state("networkidle")
            again = timed_check()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    # Material's script would fetch sitemap.xml on every page (1.5 MB at 10,000 claims) if
    # a <link rel="alternate"> said nothing else: a cost of the whole site, shown apart
    sitemap = sum(size for url, size in fetched.items() if url.endswith("/sitemap.xml")) / 1024
    own = [url for url in fetched if not url.endswith("/sitemap.xml")]
    return (sum(fetched[u] for u in own) / 1024, sum(gzipped(u) for u in own) / 1024, first, again,
            sitemap)


def serve_refresh(project: Path) -> tuple[float, float, float]:
    """Seconds from saving an edited claim to ``mkdocs serve`` serving the edited page; from
    breaking it to the error page; from fixing it to the page again."""
    import re
    import urllib.request

    def get(url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    claims_file = sorted(project.glob("claims/sources/*/claims.yml"))[0]
    data = _load(claims_file)
    first = data["claims"][0]
    url = f"http://127.0.0.1:{SERVE_PORT}/claims/{first['id']}/"
    log = tempfile.TemporaryFile()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if SERVE_IN_MEMORY and "TMPDIR" not in os.environ and os.access("/dev/shm", os.W_OK):
        env["TMPDIR"] = "/dev/shm"  # as scripts/serve.sh serves: the served site in memory
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{SERVE_PORT}"],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.time() + 600
        while first["id"] not in get(url):  # the page is served once it names its claim
            if proc.poll() is not None or time.time() > deadline:
                log.seek(0)
                raise SystemExit(f"mkdocs serve did not start:\n{log.read().decode()[-2000:]}")
            time.sleep(0.5)
        time.sleep(2)  # let the watcher settle after the first build
        marker = f"benchmarkedit{time.time_ns()}"  # one word: pages may recase or cut text

        def timed(write, shown, what: str) -> float:
            """Seconds from ``write()`` to the page passing ``shown``."""
            start = time.perf_counter()
            write()
            while not shown(page := get(url)):
                if time.perf_counter() - start > 600 or proc.poll() is not None:
                    raise SystemExit(f"mkdocs serve never {what}")
                if what == "showed the edit" and "cc-serve-errors" in page:
                    raise SystemExit("the benchmark's edit broke the catalog: mkdocs serve "
                                     "shows the error page")
                time.sleep(0.1)
            return time.perf_counter() - start

        first["statement"] = f"{first['statement']} {marker}"
        head = _schema_comment(claims_file)  # the checker requires it first
        edited = timed(lambda: _dump(data, claims_file, head), lambda page: marker in page,
                       "showed the edit")
        time.sleep(2)
        good = claims_file.read_text(encoding="utf-8")
        broken = timed(lambda: claims_file.write_text(
            re.sub(r"verdict: [a-z-]+", "verdict: not-a-verdict", good, count=1), encoding="utf-8"),
            lambda page: "cc-serve-errors" in page, "showed the error page")
        time.sleep(2)
        back = timed(lambda: claims_file.write_text(good, encoding="utf-8"),
                     lambda page: marker in page and "cc-serve-errors" not in page,
                     "came back from the error page")
        return edited, broken, back
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# --- The table -------------------------------------------------------------------------

@dataclass
class Row:
    claims: int
    figures: dict = field(default_factory=dict)


COLUMNS = [
    ("claims", "claims", "{:d}"),
    ("parse", "parse s", "{:.2f}"),
    ("check", "check s", "{:.2f}"),
    ("check_cpu", "check CPU s", "{:.2f}"),
    ("parse_cpu", "parse CPU s", "{:.2f}"),
    ("check_ratio", "check/parse CPU", "{:.2f}x"),
    ("check_mb", "check MB", "{:.0f}"),
    ("build", "build s", "{:.1f}"),
    ("build_cpu", "build CPU s", "{:.1f}"),
    ("build_mb", "build MB", "{:.0f}"),
    ("disk_ms", "disk ms/page", "{:.2f}"),
    ("plain", "plain s", "{:.1f}"),
    ("build_ratio", "build/plain", "{:.2f}x"),
    ("site_mb", "site MB", "{:.0f}"),
    ("page_kib", "claim page KiB", "{:.1f}"),
    ("search_kb", "1st search KB", "{:.0f}"),
    ("search_ms", "1st search ms", "{:.0f}"),
    ("check_kb", "check page KB", "{:.0f}"),
    ("check_gz_kb", "check page KB gz", "{:.0f}"),
    ("check_ms", "check ms (4x slower CPU)", "{:.0f}"),
    ("check_again_ms", "again ms", "{:.0f}"),
    ("sitemap_kb", "sitemap.xml KB", "{:.0f}"),
    ("serve_s", "serve refresh s", "{:.1f}"),
    ("serve_err_s", "to error page s", "{:.1f}"),
    ("serve_fix_s", "back to site s", "{:.1f}"),
]


def table(rows: list[Row]) -> str:
    head = [title for _, title, _ in COLUMNS]
    body = []
    for row in rows:
        figures = {"claims": row.claims, **row.figures}
        body.append([fmt.format(figures[key]) if key in figures else "-" for key, _, fmt in COLUMNS])
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" for _ in head) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    if len(rows) > 1 and "build" in rows[0].figures and "build" in rows[-1].figures:
        growth = rows[-1].figures["build"] / rows[0].figures["build"]
        lines.append(f"\nBuild growth {rows[0].claims:,} -> {rows[-1].claims:,} claims: {growth:.1f}x")
    return "\n".join(lines)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu or 'unknown CPU'}), "
            f"Python {platform.python_version()}")


def measure(size: int, work: Path, skip: set[str]) -> Row:
    row = Row(size)
    f = row.figures
    project = site_project(size, work / f"site-{size}")
    catalog = project / "claims"
    f["parse"], f["parse_cpu"] = parse_seconds(catalog)
    run = timed([str(BIN / "claimcheck"), "check", "--catalog", "claims"], project)
    if run.code != 0:
        raise SystemExit(f"claimcheck check failed on the {size}-claim catalog:\n{run.output[-3000:]}")
    f["check"], f["check_mb"], f["check_cpu"] = run.seconds, run.peak_mb, run.cpu
    f["check_ratio"] = f["check_cpu"] / f["parse_cpu"]
    if "build" not in skip:
        f["disk_ms"] = disk_ms_per_page(project)
        run = timed([str(BIN / "mkdocs"), "build", "-q", "-d", "site"], project)
        if run.code != 0:
            raise SystemExit(f"mkdocs build failed at {size} claims:\n{run.output[-3000:]}")
        f["build"], f["build_mb"], f["build_cpu"] = run.seconds, run.peak_mb, run.cpu
        f["site_mb"] = folder_mb(project / "site")
        f["page_kib"] = claim_page_kib(project / "site")
        if "search" not in skip:
            f["search_kb"], f["search_ms"] = first_search(project / "site")
        if "check" not in skip:
            (f["check_kb"], f["check_gz_kb"], f["check_ms"], f["check_again_ms"],
             f["sitemap_kb"]) = check_text(project / "site")
    if "plain" not in skip:
        plain = plain_project(catalog, work / f"plain-{size}")
        run = timed([str(BIN / "mkdocs"), "build", "-q", "-d", "site"], plain)
        if run.code != 0:
            raise SystemExit(f"plain Material build failed at {size}:\n{run.output[-3000:]}")
        f["plain"] = run.seconds
        if "build" in f:
            f["build_ratio"] = f["build"] / f["plain"]
    if "serve" not in skip and size <= 1000:
        f["serve_s"], f["serve_err_s"], f["serve_fix_s"] = serve_refresh(project)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="155,1000,10000",
                        help="claim counts, comma-separated (default: 155,1000,10000)")
    parser.add_argument("--skip", default="", help="any of build,plain,search,check,serve")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    skip = {s for s in args.skip.split(",") if s}
    print(f"Machine: {machine()}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="claimcheck-bench-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        for size in sizes:
            rows.append(measure(size, work, skip))
            print(table(rows[-1:]).splitlines()[-1], flush=True)
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
