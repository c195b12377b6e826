"""Build every generated page from the catalog through the Jinja templates.

The output is a list of files (path below docs/, text); the mkdocs plugin only adds
them to the build, so another generator could consume the same list.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..analysis import all_flags, conflict_pairs, conflicts_by_claim
from ..export import to_csv, to_json
from ..model import VERDICTS, Catalog
from . import vocabulary
from .escape import h, json_script, md, strict_finalize


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # below docs/, with forward slashes
    content: str


class Linker:
    """Relative links from one generated page to another, for Markdown and raw HTML."""

    def __init__(self, page: str, directory_urls: bool):
        self.page = page
        self.directory_urls = directory_urls

    def md(self, target: str, anchor: str = "") -> str:
        """A link mkdocs resolves and validates: a relative path to the .md file.

        Targets are built from ids, which the schema restricts to [a-z0-9-]."""
        rel = posixpath.relpath(target, posixpath.dirname(self.page) or ".")
        return Markup(rel + (f"#{anchor}" if anchor else ""))

    def url(self, target: str) -> str:
        if not self.directory_urls:
            return target[:-3] + ".html"
        if target == "index.md" or target.endswith("/index.md"):
            return target[: -len("index.md")]
        return target[:-3] + "/"

    def html(self, target: str, anchor: str = "") -> str:
        """A link for raw HTML, which mkdocs leaves alone: the final relative URL."""
        here = self.url(self.page)
        base = here.rstrip("/") if self.directory_urls else posixpath.dirname(here)
        dest = self.url(target)
        rel = posixpath.relpath(dest.rstrip("/") or ".", base or ".")
        if self.directory_urls:
            rel = rel.rstrip("/") + "/"
        return h(rel + (f"#{anchor}" if anchor else ""))


def claim_page(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def environment() -> Environment:
    env = Environment(loader=PackageLoader("claimcheck", "templates"), autoescape=True,
                      undefined=StrictUndefined, finalize=strict_finalize,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=md, h=h, json_script=json_script)
    env.globals.update(claim_page=claim_page, vocab=vocabulary)
    return env


def render_site(catalog: Catalog, directory_urls: bool = True) -> list[GeneratedFile]:
    """All generated pages and downloads for a catalog that passed every check."""
    env = environment()
    flags = all_flags(catalog)
    conflicts = conflicts_by_claim(catalog)
    sources = catalog.by_id("sources")
    topics = catalog.by_id("topics")
    refs = catalog.by_id("references")
    claims = catalog.by_id("claims")
    verdict_counts = Counter(c.verdict for c in catalog.claims)
    flag_counts = Counter(f for fs in flags.values() for f in fs)
    common = dict(catalog=catalog, flags=flags, conflicts=conflicts, sources=sources,
                  topics=topics, refs=refs, claims=claims, verdict_counts=verdict_counts,
                  flag_counts=flag_counts, verdicts=VERDICTS,
                  pairs=conflict_pairs(catalog))

    def page(path: str, template: str, **extra) -> GeneratedFile:
        link = Linker(path, directory_urls)
        return GeneratedFile(path, env.get_template(template).render(link=link, **common, **extra))

    files = [page("index.md", "home.md.j2"), page("claims/index.md", "claims_index.md.j2")]
    files += [page(claim_page(c.id), "claim.md.j2", claim=c) for c in catalog.claims]
    files += [GeneratedFile("api/claims.json", to_json(catalog)),
              GeneratedFile("claims.csv", to_csv(catalog))]
    return files
