"""Someone answers for the site (issue 22): the repository's address comes from the deploy,
every page links to it, each claim page opens the correction form filled in with the claim's
id and address, and a build that knows no repository names none."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import ROOT, build_site, site_catalog

REPO = 'https://github.com/example/claims"<x>'   # a quote and angle brackets, to be escaped
SITE = "https://example.org/ketamine/"
HREF = re.compile(r'href="([^"]*)"')


def _build(tmp_path: Path, repo: str | None) -> Path:
    catalog = site_catalog(tmp_path / "catalog")
    extra = f"repo_url: {yaml.safe_dump(repo).splitlines()[0]}\n" if repo else ""
    result = build_site(tmp_path, catalog, site_url=SITE, extra_config=extra)
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp_path / "site"


@pytest.fixture(scope="module")
def with_repo(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("with-repo"), REPO)


@pytest.fixture(scope="module")
def without_repo(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("without-repo"), None)


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in site.rglob("*.html")}


def test_every_page_links_to_the_repository_escaped(with_repo):
    pages = _pages(with_repo)
    assert len(pages) > 20
    for name, text in pages.items():
        hrefs = [html.unescape(h) for h in HREF.findall(text)]
        assert REPO in hrefs, f"{name} does not link to the repository"
        assert REPO not in text, f"{name} carries the address unescaped"
        # the header link is plain: Material's source component would fetch the host's API
        assert 'data-md-component="source"' not in text, name


def test_each_claim_page_opens_the_correction_form_filled_in(with_repo):
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/claim-error.yml").read_text())
    field_ids = {item.get("id") for item in form["body"]}
    claims = {n: t for n, t in _pages(with_repo).items()
              if n.startswith("claims/") and n != "claims/index.html"}
    assert len(claims) >= 4
    for name, text in claims.items():
        claim_id = name.split("/")[1]
        link = re.search(r'<a href="([^"]*)">Report an error on this claim</a>', text)
        assert link, f"{name} has no 'Report an error on this claim' link"
        url = html.unescape(link.group(1))
        assert url.startswith(REPO + "/issues/new?")
        query = parse_qs(urlsplit(url).query)
        assert query["template"] == ["claim-error.yml"]
        assert query["claim"] == [claim_id]
        assert query["page"] == [f"{SITE}claims/{claim_id}/"]
        assert claim_id in query["title"][0]
        assert {"claim", "page"} <= field_ids  # GitHub fills the fields named by the query


def test_a_build_without_a_repository_names_none(without_repo):
    pages = _pages(without_repo)
    for name, text in pages.items():
        assert "github.com" not in text, name
        assert "/issues" not in "".join(HREF.findall(text)), name
    claim = pages["claims/vip-gaba-depletion/index.html"]
    assert "Report an error on this claim" not in claim
    assert "vip-gaba-depletion" in claim.split("cc-report", 1)[1][:600]


def test_the_deploys_pass_the_repository_address():
    config = (ROOT / "mkdocs.yml").read_text()
    assert re.search(r"^repo_url: !ENV \[REPO_URL, null\]$", config, re.M)
    assert re.search(r"^edit_uri: !ENV \[EDIT_URI, null\]$", config, re.M)
    expected = "${{ github.server_url }}/${{ github.repository }}"
    for workflow in ("pages.yml", "release.yml"):
        jobs = yaml.safe_load((ROOT / ".github/workflows" / workflow).read_text())["jobs"]
        builds = [s for job in jobs.values() for s in job.get("steps", [])
                  if "mkdocs build" in s.get("run", "")]
        assert builds and all(s.get("env", {}).get("REPO_URL") == expected for s in builds), workflow
        assert all(s["env"].get("EDIT_URI", "").startswith("edit/${{ github.event.repository.default_branch }}")
                   for s in builds), workflow

