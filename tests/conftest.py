"""Shared fixtures: the repository root, the small valid test catalog, and copies of it."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEST_CATALOG = ROOT / "tests" / "data" / "catalog"


def pytest_addoption(parser):
    parser.addoption("--catalog", default=str(ROOT / "claims"), metavar="DIR",
                     help="the catalog the catalog tests read (default: the repository's claims/)")


def pytest_report_header(config):
    return f"catalog: {Path(config.getoption('--catalog')).resolve()}"


@pytest.fixture(scope="session")
def catalog_root(request) -> Path:
    """The catalog the catalog tests hold to the rules: claims/, or --catalog DIR."""
    return Path(request.config.getoption("--catalog")).resolve()


@pytest.fixture
def catalog_copy(tmp_path, monkeypatch) -> Path:
    """A writable copy of the test catalog at tmp/catalog, with tmp as the working directory
    so that problems are reported as catalog/..."""
    dest = tmp_path / "catalog"
    shutil.copytree(TEST_CATALOG, dest)
    monkeypatch.chdir(tmp_path)
    return dest


# --- Site fixtures (render/templates/browser tests) ------------------------------------
# A catalog for site tests: the test catalog plus a generated second source, so that
# filters, conflicts across articles and overlapping quotes all have something to show.

import hashlib  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from claimcheck.stubs import schema_line  # noqa: E402

SCRIPT_QUOTE = "<script>alert('quoted')</script> cures everything"
GENERATED_PROVENANCE = ("provenance:\n  status: not-found\n  checked: 2026-11-28\n"
                        "  how: A generated article; there is no original page to look for.\n")


def write_source(catalog: Path, source_id: str, claims: int, extra_text: str = "",
                 conflict_with: str = "", publisher: str = "Demo Clinic") -> list[str]:
    """Add a source with ``claims`` numbered sentences, each quoted by one claim, to a
    catalog folder; returns the claim ids. Claim 1 and 2 quote overlapping spans; the
    optional ``extra_text`` is appended and quoted verbatim by one more claim."""
    folder = catalog / "sources" / source_id
    folder.mkdir(parents=True)
    sentences = [f"Sentence {i} says that ketamine changes brain region number {i}."
                 for i in range(1, claims + 1)]
    text = "Demo article.\n\n" + " ".join(sentences) + "\n\n" + (extra_text + "\n" if extra_text else "")
    (folder / "archive.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (folder / "source.yml").write_text(
        schema_line(folder / "source.yml", "source") + f"id: {source_id}\ntitle: A generated article about {source_id}\npublisher: {publisher}\n"
        f"publisher_url: https://example.org/{source_id}\nvenue: A test fixture\n"
        f"commercial_interest: Sells a test treatment.\narchive: archive.txt\n"
        f"archive_sha256: {sha}\n{GENERATED_PROVENANCE}", encoding="utf-8")
    entries, ids = [], []
    for i in range(1, claims + 1):
        quote = f"ketamine changes brain region number {i}"
        if i == 1:  # overlaps claim 2's quote, which starts in sentence 1
            quote = "Sentence 1 says that ketamine changes brain region number 1"
        if i == 2 and claims > 1:
            quote = "brain region number 1. Sentence 2 says"
        ids.append(f"{source_id}-claim-{i}")
        entries.append(_claim_yaml(ids[-1], quote, "lateral-habenula" if i % 2 else "gaba",
                                   "overstated" if i % 3 else "supported"))
    if extra_text:
        ids.append(f"{source_id}-claim-extra")
        entries.append(_claim_yaml(ids[-1], extra_text, "circuit-reset", "contradicted"))
    if conflict_with:
        entries[0] += (f"    conflicts:\n      - claim: {conflict_with}\n        kind: contradiction\n"
                       f"        note: A generated conflict across articles.\n")
    (folder / "claims.yml").write_text(schema_line(folder / "claims.yml") + "claims:\n" + "".join(entries),
                                       encoding="utf-8")
    return ids


def _claim_yaml(claim_id: str, quote: str, topic: str, verdict: str) -> str:
    relation = "supports" if verdict == "supported" else "contradicts" if verdict == "contradicted" else "qualifies"
    ref = "luscher2011" if verdict == "supported" else "yang2018"
    return (f"  - id: {claim_id}\n    quote: {json.dumps(quote)}\n"
            f"    statement: Generated claim {claim_id}.\n    topics: [{topic}]\n"
            f"    speaks_of: humans\n    source_citation:\n      level: none\n"
            f"    verdict: {verdict}\n    rationale: A generated rationale (see {ref}).\n"
            f"    evidence:\n      - ref: {ref}\n        relation: {relation}\n"
            f"        note: A generated note.\n")


def site_catalog(dest: Path, claims: int = 4, extra_text: str = SCRIPT_QUOTE) -> Path:
    """The test catalog plus a generated 'demo' source, at dest."""
    shutil.copytree(TEST_CATALOG, dest)
    write_source(dest, "demo", claims, extra_text=extra_text, conflict_with="vip-gaba-depletion")
    return dest


def site_config(folder: Path, catalog: Path, extra: str = "", plugins: str = "",
                options: str = "") -> Path:
    """An mkdocs.yml in ``folder`` that inherits the project's and reads another catalog;
    ``extra`` adds top-level lines, ``plugins`` list items before claimcheck, ``options``
    claimcheck's own settings (each a line of YAML ending in a newline)."""
    config = folder / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'docs'}\n"
                      f"theme:\n  custom_dir: {ROOT / 'scripts' / 'claimcheck' / 'theme'}\n"  # resolved from here
                      f"{extra}plugins:\n{plugins}  - claimcheck:\n      catalog: {catalog}\n"
                      f"{options}", encoding="utf-8")
    return config


def build_site(tmp: Path, catalog: Path, site_url: str = "", extra_config: str = ""):
    """mkdocs build --strict of the project's docs with another catalog; returns the result."""
    config = site_config(tmp, catalog, extra=f"site_dir: {tmp / 'site'}\n{extra_config}")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
                          capture_output=True, text=True, env=env)


@dataclass
class BuiltSite:
    root: Path      # the built site
    url: str        # where it is served, with a trailing slash
    port: int
    catalog: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The site of the site-test catalog, built once per session, with site_url set to the
    address ``served_site`` serves it at (so absolute URLs and canonical links resolve)."""
    tmp = tmp_path_factory.mktemp("site-build")
    os.chmod(tmp, 0o755)  # LinkChecker, run as root, drops to 'nobody'
    catalog = site_catalog(tmp / "catalog")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    result = build_site(tmp, catalog, site_url=url)
    assert result.returncode == 0, result.stderr
    return BuiltSite(tmp / "site", url, port, catalog)


@pytest.fixture(scope="session")
def served_site(built_site) -> BuiltSite:
    """The built site served over HTTP on 127.0.0.1 for the session."""
    import threading

    from claimcheck.siteserver import make_server

    server = make_server(str(built_site.root), built_site.port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield built_site
    server.shutdown()
    server.server_close()


# --- The hostile catalog (issue 8): OWASP payloads in every free-text and URL field ------

@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> BuiltSite:
    """The site of tests/hostile_catalog.py's catalog, built once per session."""
    from hostile_catalog import write_hostile_catalog

    tmp = tmp_path_factory.mktemp("hostile-site")
    catalog = write_hostile_catalog(tmp / "catalog", TEST_CATALOG)
    port = free_port()
    result = build_site(tmp, catalog, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    return BuiltSite(tmp / "site", f"http://127.0.0.1:{port}/", port, catalog)


# --- A local HTTP server (links and public-address tests); nothing leaves the machine ----

import threading  # noqa: E402
import time  # noqa: E402
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer  # noqa: E402


class Handler(BaseHTTPRequestHandler):
    """/ok 200, /missing 404, /error 500, /flaky 500 once then 200, /slow answers late,
    /nohead refuses HEAD but answers GET."""

    hits: dict = {}

    def _answer(self):
        path = self.path
        self.hits[(self.command, path)] = self.hits.get((self.command, path), 0) + 1
        if path == "/slow":
            time.sleep(1.5)
        status = {"/ok": 200, "/slow": 200, "/missing": 404, "/error": 500}.get(path, 404)
        if path == "/flaky":
            status = 500 if self.hits[(self.command, path)] == 1 else 200
        if path == "/nohead":
            status = 405 if self.command == "HEAD" else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def server():
    Handler.hits = {}
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


_ANCHOR = re.compile(r"""\s(id)\s*=\s*("[^"]*"|'[^']*')|<a\s[^>]*?\bname\s*=\s*("[^"]*"|'[^']*')""")


def anchor_ids(block: str) -> set[str]:
    """The ids (and <a name>s) a block of HTML defines, as mkdocs' anchor finder reads them:
    the general search site.pages.own_ids is held to."""
    found = set()
    for m in _ANCHOR.finditer(block):
        value = m.group(2) or m.group(3)
        found.add(html.unescape(value[1:-1]))
    return found
