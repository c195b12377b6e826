"""claimcheck links fetches only http(s) addresses of public hosts (issue 8)."""

from __future__ import annotations

import pytest

from claimcheck.cli import main
from claimcheck.publicurl import refusal

from conftest import Handler


@pytest.mark.parametrize("url, why", [
    ("file:///etc/passwd", "scheme"),
    ("data:text/html,<script>alert(1)</script>", "scheme"),
    ("ftp://example.org/x", "scheme"),
    ("javascript:alert(1)", "scheme"),
    ("http://127.0.0.1/", "loopback"),
    ("http://[::1]:8080/", "loopback"),
    ("http://localhost:8000/", "local name"),
    ("http://metadata.google.internal/", "local name"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://[fe80::1]/", "link-local"),
    ("http://10.0.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://172.16.0.1/", "private"),
    ("http://0.0.0.0/", "private"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("https://user:secret@example.org/", "password"),
])
def test_non_public_addresses_are_refused(url, why):
    reason = refusal(url, resolve=False)
    assert reason and why in reason


def test_public_addresses_pass():
    for url in ("https://doi.org/10.1038/nature25509", "http://93.184.216.34/", "https://example.org/a?b=c"):
        assert refusal(url, resolve=False) is None


def test_allowed_host_is_exempt():
    assert refusal("http://127.0.0.1:9/x", allow=frozenset({"127.0.0.1"})) is None


def _point_reference_at(catalog, url):
    path = catalog / "references.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    doi: 10.1038/nature25509\n", f"    url: {url}\n", 1), encoding="utf-8")


def test_links_refuses_loopback_and_never_connects(catalog_copy, server, capsys):
    _point_reference_at(catalog_copy, f"{server}/secret")
    code = main(["links", "--catalog", str(catalog_copy), "--format", "text", "--retries", "0",
                 "--timeout", "2"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"reference yang2018 url {server}/secret is not fetched: a loopback" in out
    assert "catalog/references.yml:" in out  # located
    assert Handler.hits == {}


def test_links_on_a_failing_catalog_says_what_it_skipped(catalog_copy, server, capsys):
    _point_reference_at(catalog_copy, f"{server}/x")
    (catalog_copy / "topics.yml").write_text("topics: [\n", encoding="utf-8")
    main(["links", "--catalog", str(catalog_copy), "--allow-host", "127.0.0.1"])
    out = capsys.readouterr().out
    assert "fails its check" in out and "skipped unreadable files: catalog/topics.yml" in out
