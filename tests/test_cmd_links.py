"""claimcheck links against a local HTTP server on 127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from claimcheck.catalog import load_catalog
from claimcheck.cli import main
from claimcheck.commands.links import targets

from conftest import TEST_CATALOG, Handler


REFERENCES = """\
references:
{entries}
"""


def make_catalog(catalog: Path, base: str, paths: list[str], source_url: str | None = None) -> None:
    """Point the test catalog's references (and optionally its source) at local addresses."""
    entries = "".join(
        f"  - id: ref{i}\n    citation: Test record {i}.\n    url: {base}{p}\n    population: [human]\n"
        f"    subjects: people\n    design: review\n    finding: Something.\n" for i, p in enumerate(paths))
    (catalog / "references.yml").write_text(REFERENCES.format(entries=entries))
    if source_url:
        source = catalog / "sources/vip/source.yml"
        text = source.read_text()
        assert "provenance:\n  status: not-found" in text
        source.write_text(text.replace("provenance:\n  status: not-found",
                                       f"url: {source_url}\nprovenance:\n  status: found"))


def links(catalog: Path, *args: str) -> int:
    return main(["links", "--catalog", str(catalog), "--format", "text", "--retries", "0",
                 "--backoff", "0.01", "--timeout", "5", "--allow-host", "127.0.0.1", *args])


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_targets_cover_dois_pmids_urls_and_source_addresses():
    found = {(t.what, t.url) for t in targets(load_catalog(TEST_CATALOG))}
    assert ("reference yang2018 doi", "https://doi.org/10.1038/nature25509") in found
    assert ("reference yang2018 pmid", "https://pubmed.ncbi.nlm.nih.gov/29446381/") in found
    assert len(found) == 4  # three DOIs and one PMID; the test source gives no address


def test_good_links_pass(catalog_copy, server, capsys):
    make_catalog(catalog_copy, server, ["/ok", "/nohead"])
    assert links(catalog_copy) == 0
    out = capsys.readouterr().out
    assert "2 addresses checked: 2 ok, 0 unreachable" in out
    assert Handler.hits[("GET", "/nohead")] == 1  # HEAD refused, GET used instead


def test_dead_references_fail_with_their_location(catalog_copy, server, capsys):
    make_catalog(catalog_copy, server, ["/ok", "/missing", "/error"])
    assert links(catalog_copy) == 1
    out = capsys.readouterr().out
    assert f"catalog/references.yml:11:10: error: reference ref1 url {server}/missing is unreachable (HTTP 404" in out
    assert f"reference ref2 url {server}/error is unreachable (HTTP 500" in out
    assert "3 addresses checked: 1 ok, 2 unreachable (2 errors, 0 allowed)" in out


def test_retries_with_backoff_on_server_errors_only(catalog_copy, server, capsys):
    make_catalog(catalog_copy, server, ["/flaky", "/error", "/missing"])
    assert links(catalog_copy, "--retries", "2") == 1
    out = capsys.readouterr().out
    assert "/flaky is unreachable" not in out
    assert Handler.hits[("GET", "/error")] == 3      # first try and two retries
    assert Handler.hits[("GET", "/missing")] == 1    # a 404 is not retried


def test_slow_answers_time_out(catalog_copy, server, capsys):
    make_catalog(catalog_copy, server, ["/ok", "/slow"])
    started = time.monotonic()
    assert links(catalog_copy, "--timeout", "0.3") == 1
    assert time.monotonic() - started < 1.4
    assert "/slow is unreachable (no response within 0.3 s)" in capsys.readouterr().out


def test_dead_source_address_is_a_warning_naming_the_archive(catalog_copy, server, capsys):
    make_catalog(catalog_copy, server, ["/ok"], source_url=f"{server}/missing")
    assert links(catalog_copy, "--format", "github") == 0
    out = capsys.readouterr().out
    assert "::warning file=catalog/sources/vip/source.yml,line=12,col=6" in out
    assert "readers still have the archived copy catalog/sources/vip/archive.txt" in out


def test_allow_list(catalog_copy, server, capsys, tmp_path):
    make_catalog(catalog_copy, server, ["/ok", "/missing"])
    allow = tmp_path / "allow.yml"
    allow.write_text(f"allow:\n  - url: {server}/missing\n    reason: known to fail in tests\n"
                     f"  - url: {server}/ok\n    reason: was down last week\n"
                     f"  - url: {server}/gone\n    reason: no longer cited\n")
    assert links(catalog_copy, "--allow", str(allow)) == 0
    out = capsys.readouterr().out
    assert f"allowed: {server}/missing (HTTP 404 Not Found): known to fail in tests" in out
    assert f"allow.yml:4:5: warning: allow-list entry {server}/ok passes now (HTTP 200); remove it" in out
    assert f"allow.yml:6:5: warning: allow-list entry {server}/gone is not an address in the catalog" in out
    allow.write_text(f"allow:\n  - url: {server}/missing\n")
    assert links(catalog_copy, "--allow", str(allow)) == 2
    assert "needs a 'url' and a 'reason'" in capsys.readouterr().err


def test_offline_skips_clearly_and_strict_fails(catalog_copy, capsys):
    make_catalog(catalog_copy, f"http://127.0.0.1:{closed_port()}", ["/a", "/b"])
    assert links(catalog_copy) == 0
    out = capsys.readouterr().out
    assert "claimcheck links: skipped: no network (cannot connect to 127.0.0.1:" in out
    assert "2 addresses not checked" in out
    assert links(catalog_copy, "--strict") == 1


def test_the_repository_allow_list_is_valid():
    from claimcheck.commands.links import DEFAULT_ALLOW, load_allow_list
    root = Path(__file__).resolve().parents[1]
    entries = load_allow_list(root / DEFAULT_ALLOW)
    assert all(reason for reason, _ in entries.values())


def test_offline_no_catalog_host_name_is_resolved(catalog_copy, capsys, monkeypatch):
    """Without a network the check skips before any name in the catalog is looked up:
    only the offline probe connects (here to closed local ports, which need no lookup)."""
    looked_up = []
    real = socket.getaddrinfo

    def recording(host, *args, **kwargs):
        looked_up.append(host)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", recording)
    ports = [closed_port() for _ in range(3)]
    make_catalog(catalog_copy, "", [f"http://127.0.0.1:{p}/a" for p in ports]
                 + ["http://names-a-host.invalid/b"])
    assert links(catalog_copy) == 0
    assert "claimcheck links: skipped: no network" in capsys.readouterr().out
    assert "names-a-host.invalid" not in looked_up


def test_the_opener_connects_only_to_checked_public_addresses(server):
    """The fetch resolves a name once and connects to the address it checked: a name
    that resolves to this machine (as a rebinding DNS answer would) is never reached,
    unless the host is allowed on the command line."""
    from urllib.error import URLError

    from claimcheck.publicurl import NotPublic, connect_public, opener
    port = server.rsplit(":", 1)[1]
    Handler.hits = {}
    with pytest.raises(URLError) as refused:
        opener().open(f"http://localhost:{port}/ok", timeout=5)
    assert isinstance(refused.value.reason, NotPublic)
    assert "its host localhost resolves to a loopback address" in str(refused.value.reason)
    with pytest.raises(NotPublic):
        connect_public(("localhost", int(port)), 5)
    assert Handler.hits == {}
    with opener(frozenset({"localhost"})).open(f"http://localhost:{port}/ok", timeout=5) as answer:
        assert answer.status == 200
    assert Handler.hits == {("GET", "/ok"): 1}
