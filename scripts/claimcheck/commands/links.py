"""claimcheck links: check every external address the catalog gives, over HTTP.

Run weekly, not on every pull request: the web changes under the catalog, not because of
it. Sources are already archived, so a dead source address is a warning that names the
archived copy; a dead reference is an error, since readers follow it to check a verdict.
Links known to fail for a stated reason go in an allow-list; an entry that starts passing
again is reported so the list does not rot. Without a network the check says so and
skips (exit 0) unless --strict.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import OpenerDirector, Request, getproxies

from .. import __version__, publicurl, report
from ..model import items, mapping, text
from ..problems import Location, Problem, display_path
from ..yamlfile import load_yaml
from .common import UsageError, add_catalog_argument, load


DEFAULT_ALLOW = Path(".github/linkcheck-allow.yml")
USER_AGENT = f"claimcheck/{__version__} (link check of a claims catalog; Python urllib)"
ID = "link"


def add_arguments(parser):
    add_catalog_argument(parser)
    parser.add_argument("--strict", action="store_true",
                        help="fail (exit 1) when the network is unreachable instead of skipping")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="S",
                        help="seconds to wait for each response (default: 20)")
    parser.add_argument("--retries", type=int, default=2, metavar="N",
                        help="retries after a timeout, connection error or 5xx/429 (default: 2)")
    parser.add_argument("--backoff", type=float, default=2.0, metavar="S",
                        help="first wait before a retry, doubled each time (default: 2)")
    parser.add_argument("--allow", type=Path, default=None, metavar="FILE",
                        help=f"allow-list of known failures with reasons (default: {DEFAULT_ALLOW} if present)")
    parser.add_argument("--allow-host", action="append", default=[], metavar="HOST",
                        help="fetch from this host even though it is not public (for tests "
                             "against a local server; repeatable)")
    parser.add_argument("--format", choices=("text", "github"), default=None,
                        help="output format (default: github under GitHub Actions, else text)")


@dataclass(frozen=True)
class Target:
    """One address written in the catalog, and where."""

    url: str
    what: str                 # e.g. "reference yang2018 doi"
    location: Location
    archive: str = ""         # for a source's own addresses: its archived copy


def targets(catalog) -> list[Target]:
    found = []
    for source in catalog.sources:
        for name in ("url", "publisher_url"):
            if value := getattr(source, name):
                found.append(Target(value, f"source {source.id} {name}", source.doc.where((name,)),
                                    display_path(source.archive_path)))
    doc = next((d for d in catalog.docs if d.kind == "references"), None)
    for ref in catalog.references if doc else ():
        for name, url in (("doi", ref.doi_url), ("pmid", ref.pmid_url), ("url", ref.url)):
            if url:
                found.append(Target(url, f"reference {ref.id} {name}", doc.where(ref.path + (name,))))
    return found


@dataclass(frozen=True)
class Result:
    ok: bool
    detail: str


def _once(url: str, timeout: float, opener: OpenerDirector) -> tuple[Result, bool]:
    """One attempt, HEAD then GET (many servers refuse HEAD): the result, and whether a
    retry could change it."""
    for method in ("HEAD", "GET"):
        request = Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with opener.open(request, timeout=timeout) as response:
                return Result(True, f"HTTP {response.status}"), False
        except HTTPError as err:
            if method == "HEAD":
                continue
            return Result(False, f"HTTP {err.code} {err.reason}"), err.code >= 500 or err.code == 429
        except (URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, publicurl.NotPublic):  # resolved differently at fetch time
                return Result(False, f"not fetched: {reason}"), False
            if isinstance(reason, (TimeoutError, socket.timeout)):
                return Result(False, f"no response within {timeout:g} s"), True
            return Result(False, f"cannot connect: {reason}"), True
    raise AssertionError("unreachable")


def fetch(url: str, timeout: float, retries: int, backoff: float, opener: OpenerDirector) -> Result:
    result, retry = _once(url, timeout, opener)
    for attempt in range(retries):
        if not retry:
            break
        time.sleep(backoff * 2 ** attempt)
        result, retry = _once(url, timeout, opener)
    return result


def offline_reason(urls: list[str], timeout: float = 3.0, allow: frozenset = frozenset()) -> str | None:
    """Why the network looks unreachable, or None. A few distinct hosts are tried: one
    dead host is a dead link, not a missing network. A host that turns out not to be
    public is not connected to (see publicurl.connect_public), and proves nothing."""
    reasons = []
    hosts = list(dict.fromkeys((urlsplit(u).scheme, urlsplit(u).hostname, urlsplit(u).port) for u in urls))
    for scheme, host, port in hosts[:3]:
        proxy = getproxies().get(scheme)
        connect = socket.create_connection if proxy else partial(publicurl.connect_public, allow=allow)
        if proxy:
            parts = urlsplit(proxy)
            host, port = parts.hostname, parts.port or 80
        port = port or (443 if scheme == "https" else 80)
        try:
            connect((host, port), timeout=timeout).close()
            return None
        except publicurl.NotPublic:
            continue
        except socket.gaierror as err:
            reasons.append(f"cannot resolve {host}: {err.strerror}")
        except OSError as err:
            reasons.append(f"cannot connect to {host}:{port}: {err.strerror or err}")
    return reasons[0] if reasons else None


def load_allow_list(path: Path) -> dict[str, tuple[str, Location]]:
    """url -> (reason, location of the entry). Entries without a reason are refused."""
    doc, problems = load_yaml(path)
    if problems:
        raise UsageError(f"{problems[0].location}: {problems[0].message}")
    allowed = {}
    for i, entry in enumerate(items(mapping(doc.data).get("allow"))):
        entry = mapping(entry)
        where = doc.where(("allow", i))
        url, reason = text(entry.get("url")), text(entry.get("reason")).strip()
        if not url or not reason:
            raise UsageError(f"{where}: every allow-list entry needs a 'url' and a 'reason' "
                             "(why the link may fail, and since when)")
        allowed[url] = (reason, where)
    return allowed


def _refused(target: Target, why: str) -> Problem:
    return Problem(target.location, f"{target.what} {target.url} is not fetched: {why}; the "
                   "catalog may only give public web addresses", ID)


def run(args) -> int:
    allow_hosts = frozenset(args.allow_host)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    catalog, catalog_problems = load(args.catalog)
    if catalog_problems:  # checked anyway, saying what could not be read; see publicurl
        unread = [d.display for d in catalog.docs if not d.ok]
        print(f"claimcheck links: note: the catalog fails its check ({len(catalog_problems)} "
              "problems; run 'claimcheck check'); addresses are checked as written"
              + (f"; skipped unreadable files: {', '.join(unread)}" if unread else ""))
    allow_path = args.allow or (DEFAULT_ALLOW if DEFAULT_ALLOW.is_file() else None)
    allowed = load_allow_list(allow_path) if allow_path else {}
    found, refused = [], []
    for target in targets(catalog):  # what the address itself says; no name is resolved yet
        if why := publicurl.refusal(target.url, resolve=False, allow=allow_hosts):
            refused.append(_refused(target, why))
        else:
            found.append(target)
    urls = list(dict.fromkeys(t.url for t in found))
    reason = offline_reason(urls, allow=allow_hosts) if urls else None
    if urls and not reason:  # online: now the names, each resolved for the check
        named = {u: publicurl.refusal(u, allow=allow_hosts) for u in urls}
        refused += [_refused(t, named[t.url]) for t in found if named[t.url]]
        found = [t for t in found if not named[t.url]]
        urls = [u for u in urls if not named[u]]
    if refused and (reason or not urls):  # reported here, since no fetch report follows
        sys.stdout.write(report.REPORTERS[fmt](sorted(refused, key=Problem.sort_key)))
    if not urls:
        print("claimcheck links: the catalog gives no public addresses to check")
        return 1 if refused else 0
    if reason:
        print(f"claimcheck links: skipped: no network ({reason}); {len(urls)} addresses not checked")
        return 1 if args.strict or refused else 0

    opener = publicurl.opener(allow_hosts)  # one opener; every connection and redirect checked
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(urls, pool.map(
            lambda u: fetch(u, args.timeout, args.retries, args.backoff, opener), urls)))

    problems, notes = list(refused), []
    for target in found:
        result = results[target.url]
        if result.ok:
            continue
        if target.url in allowed:
            notes.append(f"allowed: {target.url} ({result.detail}): {allowed[target.url][0]}")
        elif target.archive:
            problems.append(Problem(target.location, f"{target.what} {target.url} is unreachable "
                                    f"({result.detail}); readers still have the archived copy "
                                    f"{target.archive}", ID, "warning"))
        else:
            problems.append(Problem(target.location, f"{target.what} {target.url} is unreachable "
                                    f"({result.detail}); fix the address, or add it to the "
                                    "allow-list with a reason if it is known to fail", ID))
    for url, (why, where) in allowed.items():
        if url not in results:
            problems.append(Problem(where, f"allow-list entry {url} is not an address in the "
                                    "catalog any more; remove it", ID, "warning"))
        elif results[url].ok:
            problems.append(Problem(where, f"allow-list entry {url} passes now "
                                    f"({results[url].detail}); remove it", ID, "warning"))
    problems.sort(key=Problem.sort_key)
    sys.stdout.write(report.REPORTERS[fmt](problems))
    for note in notes:
        print(note)
    failed = sum(not r.ok for r in results.values())
    errors = sum(p.severity == "error" for p in problems)
    print(f"claimcheck links: {len(urls)} addresses checked: {len(urls) - failed} ok, "
          f"{failed} unreachable ({errors} errors, {len(notes)} allowed)")
    return 1 if errors else 0
