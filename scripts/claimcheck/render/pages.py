"""Build every generated page from the catalog through the Jinja templates.

The output is a list of files (path below docs/, text); the mkdocs plugin only adds
them to the build, so another generator could consume the same list.
"""

from __future__ import annotations

import datetime
import functools
import os
import posixpath
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urljoin

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..analysis import all_flags, conflict_pairs, conflicts_by_claim
from .. import exportschema
from ..export import csv_text, export_data, json_text
from ..history import History
from ..model import FLAGS, VERDICTS, Catalog, Claim
from . import checkindex, conflictmap, context, glossary, refcite, snippets, titles, vocabulary
from .changes import correction_for, feed_file, history_context, unmatched_corrections
from .findings import article_bottom_line, bottom_line
from .escape import h, json_script, md, strict_finalize
from .highlight import highlight
from .robots import robots_txt
from .outline import Outline
from .titles import source_name


_BEFORE_BLANK = re.compile(r"\n(?=[ \t]*\n)")


@dataclass(frozen=True)
class GeneratedFile:
    path: str  # below docs/, with forward slashes
    content: str
    # What the browser tab, link previews (og:/twitter:) and search show for the page,
    # as plain text; the site layer escapes it for each context. '' = derive from content.
    title: str = ""
    description: str = ""
    # For a page written in HTML rather than Markdown (claim pages): its headings as
    # Markdown's toc tokens and its title as mkdocs would take them (render/outline.py).
    # None for a Markdown page or a download.
    toc: list | None = None
    heading: str = ""


@dataclass(frozen=True)
class SiteInfo:
    """What the pages need to know about the site they are published in.

    Every field is optional, so render_site works without mkdocs. ``published`` is the
    ClaimReview datePublished (the plugin passes the date of the last git commit, so a
    rebuild of the same tree gives the same pages); ``root`` is the folder paths are
    shown relative to (the one holding mkdocs.yml) and ``docs_dir`` anchors ``edit_uri``.
    """

    name: str = "Ketamine claims, checked"
    url: str = ""           # site_url; absolute page URLs are built on it
    repo_url: str = ""
    edit_uri: str = ""      # relative to repo_url, pointing at docs_dir, as in mkdocs
    docs_dir: str = ""
    root: str = ""
    published: str = ""     # YYYY-MM-DD

    def edit_url(self, path: Path) -> str:
        """The edit address of a catalog file, or '' when no repository is configured.

        mkdocs' edit_uri points at docs_dir inside the repository, so the file's path
        relative to docs_dir (usually '../claims/...') is resolved against it."""
        if not (self.repo_url and self.edit_uri and self.docs_dir):
            return ""
        base = urljoin(self.repo_url.rstrip("/") + "/", self.edit_uri)
        rel = os.path.relpath(path, self.docs_dir).replace(os.sep, "/")
        return urljoin(base.rstrip("/") + "/", rel)

    def issue_url(self, form: str, title: str, **fields: str) -> str:
        """A new-issue address on the configured repository, opening one of its issue forms
        (.github/ISSUE_TEMPLATE/<form>) with the title and the named fields filled in (GitHub
        fills a form's field from the query parameter named after its id); '' without a
        repository. Empty fields are left out. The caller escapes the result for its context."""
        if not self.repo_url:
            return ""
        query = urlencode({"template": form, "title": title,
                           **{name: value for name, value in fields.items() if value}})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"

    def shown_path(self, path: Path, catalog_root: Path) -> str:
        """A file's path relative to the project root (else to the catalog's parent folder),
        never an absolute path of the machine that built the site."""
        path = Path(path).resolve()
        for base in (Path(self.root or "."), Path(catalog_root).parent):
            try:
                return path.relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
        return path.name


def last_commit_date(folder: Path) -> str:
    """The date of the repository's last commit (YYYY-MM-DD), or today's when git cannot tell.

    A build date would change every page on every build; the last commit's date changes
    only when the content does."""
    try:
        out = subprocess.run(["git", "-C", str(folder), "log", "-1", "--format=%cs"],
                             capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        datetime.date.fromisoformat(out)
        return out
    except (OSError, subprocess.SubprocessError, ValueError):
        return datetime.date.today().isoformat()


def relative(path: str, start: str) -> str:
    """posixpath.relpath for the site's own relative paths, without its two calls to
    os.getcwd(): a list page at 10,000 claims makes some 100,000 links.

    Both paths are relative to the site root with no '..' in them."""
    to = [part for part in path.split("/") if part and part != "."]
    here = [part for part in start.split("/") if part and part != "."]
    common = 0
    for a, b in zip(to, here):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


class Linker:
    """Relative links from one generated page to another, for Markdown and raw HTML."""

    def __init__(self, page: str, directory_urls: bool):
        self.page = page
        self.directory_urls = directory_urls
        self.memo: dict = {}  # snippets made once for this page (render/snippets.py)

    def md(self, target: str, anchor: str = "") -> str:
        """A link mkdocs resolves and validates: a relative path to the .md file.

        Targets are built from ids, which the schema restricts to [a-z0-9-]."""
        rel = relative(target, posixpath.dirname(self.page) or ".")
        return Markup(rel + (f"#{anchor}" if anchor else ""))

    def url(self, target: str) -> str:
        if not self.directory_urls:
            return target[:-3] + ".html"
        if target == "index.md" or target.endswith("/index.md"):
            return target[: -len("index.md")]
        return target[:-3] + "/"

    def html(self, target: str, anchor: str = "", query: str = "") -> str:
        """A link for raw HTML, which mkdocs leaves alone: the final relative URL (made once
        per page for each target: a list page links to the same pages again and again)."""
        key = ("html", target, anchor, query)
        made = self.memo.get(key)
        if made is None:
            here = self.url(self.page)
            base = here.rstrip("/") if self.directory_urls else posixpath.dirname(here)
            if target.endswith(".md"):
                dest = self.url(target)
                rel = relative(dest.rstrip("/") or ".", base or ".")
                if self.directory_urls:
                    rel = rel.rstrip("/") + "/"
            else:  # a download such as api/claims.json
                rel = relative(target, base or ".")
            made = self.memo[key] = h(rel + (f"?{query}" if query else "")
                                      + (f"#{anchor}" if anchor else ""))
        return made


def claim_page(claim_id: str) -> str:
    return f"claims/{claim_id}.md"


def source_page(source_id: str) -> str:
    return f"sources/{source_id}.md"


def topic_page(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates' environment, made once per process: under mkdocs serve each rebuild
    would otherwise compile every template again. render_site sets its per-catalog filters
    (cites_h) on each call."""
    env = Environment(loader=PackageLoader("claimcheck", "templates"), autoescape=True,
                      undefined=StrictUndefined, finalize=strict_finalize,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(md=md, h=h, json_script=json_script)
    env.globals.update(claim_page=claim_page, source_page=source_page, topic_page=topic_page,
                       source_name=source_name, claim_heading=titles.claim_heading,
                       article_bottom_line=article_bottom_line, quote_context=context.around,
                       first_sentence=context.first_sentence,
                       vocab=vocabulary, glossary=glossary, snip=snippets,
                       correction_for=correction_for, unmatched_corrections=unmatched_corrections)
    return env


class Facts:
    """Everything the templates count or sort, computed once per build."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.flags = all_flags(catalog)
        self.conflicts = conflicts_by_claim(catalog)
        self.pairs = conflict_pairs(catalog)
        self.sources = catalog.by_id("sources")
        self.topics = catalog.by_id("topics")
        self.refs = catalog.by_id("references")
        self.claims = catalog.by_id("claims")
        self.verdict_counts = Counter(c.verdict for c in catalog.claims)
        self.flag_counts = Counter(f for fs in self.flags.values() for f in fs)
        self.conflict_ids = {cid for cid, views in self.conflicts.items() if views}
        # one pass over the claims, not one per article (at 10,000 claims, 3 million steps)
        self.by_source: dict[str, list[Claim]] = {s.id: [] for s in catalog.sources}
        self.by_topic: dict[str, list[Claim]] = {t.id: [] for t in catalog.topics}
        self.by_ref: dict[str, list[tuple[Claim, str]]] = {r.id: [] for r in catalog.references}
        for claim in catalog.claims:
            if claim.source in self.by_source:
                self.by_source[claim.source].append(claim)
            for topic in dict.fromkeys(claim.topics):
                if topic in self.by_topic:
                    self.by_topic[topic].append(claim)
            for e in claim.evidence:
                self.by_ref.setdefault(e.ref, []).append((claim, e.relation))

    def claim_line(self, link: Linker, claim: Claim, with_source: bool = True) -> Markup:
        """A claim in a list: verdict first, its words, flags and (``with_source``) article."""
        return snippets.claim_line(link, claim, claim_page(claim.id), self.flags[claim.id],
                                   source_name(self.sources[claim.source]) if with_source else None)

    def claims_row(self, link: Linker, claim: Claim) -> Markup:
        """A claim's row in the All claims table."""
        return snippets.claims_row(
            link, claim, claim_page(claim.id), source_page(claim.source),
            source_name(self.sources[claim.source]),
            [(topic_page(t), self.topics[t].title) for t in claim.topics], self.flags[claim.id])

    def verdicts_worst_first(self) -> list[str]:
        """Every verdict, most serious first, so no chart opens with "Supported"."""
        return sorted(VERDICTS, key=lambda v: -vocabulary.VERDICT_SEVERITY.get(v, 0))

    def pairs_of_kind(self, kind: str) -> list[tuple[Claim, str, str]]:
        """Every conflict of one kind once: (claim it is written on, other claim id, note)."""
        return [(claim, c.claim, c.note) for claim in self.catalog.claims
                for c in claim.conflicts if c.kind == kind]

    def in_conflict(self, claims: list[Claim], kind: str) -> list[Claim]:
        """Those of the claims in at least one conflict of this kind."""
        return [c for c in claims if any(v.kind == kind for v in self.conflicts.get(c.id, []))]

    def severity(self, claim: Claim) -> tuple:
        """Sort key: worst verdict first, then most flags, then catalog order."""
        return (-vocabulary.VERDICT_SEVERITY.get(claim.verdict, 0), -len(self.flags[claim.id]))

    def worst_first(self, claims: list[Claim]) -> list[Claim]:
        return sorted(claims, key=self.severity)

    def flagged_first(self, claims: list[Claim]) -> list[Claim]:
        return sorted(claims, key=lambda c: (not self.flags[c.id],) + self.severity(c))

    def verdict_mix(self, claims: list[Claim]) -> list[tuple[str, int]]:
        """(verdict, count) for the verdicts present, worst first."""
        counts = Counter(c.verdict for c in claims)
        return sorted(((v, n) for v, n in counts.items()),
                      key=lambda vn: -vocabulary.VERDICT_SEVERITY.get(vn[0], 0))

    def share(self, part: int, whole: int) -> int:
        return round(100 * part / whole) if whole else 0

    def most_disputed(self, limit: int) -> list[Claim]:
        ranked = [c for c in self.catalog.claims if self.conflicts[c.id]]
        return sorted(ranked, key=lambda c: -len(self.conflicts[c.id]))[:limit]

    def evidence_refs(self, claims: list[Claim]) -> list:
        """The references cited as evidence by these claims, once each, in first-use order."""
        seen: dict = {}
        for claim in claims:
            for e in claim.evidence:
                if e.ref in self.refs:
                    seen.setdefault(e.ref, self.refs[e.ref])
        return list(seen.values())

    def gaps_by_source(self) -> list[tuple]:
        """(source, its uncited then vaguely cited claims), largest share of gaps first."""
        rows = []
        for source in self.catalog.sources:
            claims = self.by_source[source.id]
            gaps = [c for c in claims if c.citation_level == "none"]
            gaps += [c for c in claims if c.citation_level == "vague"]
            rows.append((source, gaps))
        return sorted(rows, key=lambda r: -self.share(len(r[1]), len(self.by_source[r[0].id])))

    def cell(self, topic_id: str, source_id: str) -> list[Claim]:
        return [c for c in self.by_source[source_id] if topic_id in c.topics]

    def populations(self, refs: list) -> tuple[int, int, int]:
        """How many references studied people, animals (not people), cells only."""
        people = sum(r.is_human for r in refs)
        animals = sum(not r.is_human and "animal" in r.population for r in refs)
        return people, animals, len(refs) - people - animals

    def quote_spans(self, source) -> list[tuple[int, int, str]]:
        archive = self.catalog.archive(source)
        return archive.spans(self.by_source[source.id]) if archive else []


def claim_review(claim: Claim, facts: Facts, site: SiteInfo, link: Linker,
                 history: History | None = None) -> dict:
    """The schema.org ClaimReview of one claim page (see docs/data.md for each field).

    Its dates come from the claim's git history: first publication, and the last change to
    the verdict, reasons or evidence; without history, the date of the last commit."""
    source = facts.sources[claim.source]
    item = {"@type": "Claim"}
    if source.publisher:  # no publisher known: no author, rather than a placeholder name
        item["author"] = {"@type": "Organization", "name": source.publisher}
        if source.publisher_url:
            item["author"]["url"] = source.publisher_url
    appearance = {"@type": "CreativeWork", "name": source.title}
    if source.url:
        appearance["url"] = source.url
    published = (history and history.first_published(claim.id)) or site.published
    modified = (history and history.last_changed(claim.id)) or published
    author = {"@type": "Organization", "name": site.name}
    if site.url:
        author["url"] = site.url
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": urljoin(site.url, link.url(claim_page(claim.id))),
        "claimReviewed": " ".join(claim.quote.split()),
        "author": author,
        "datePublished": published,
        "dateModified": modified,
        "reviewRating": _rating(claim.verdict),
        "itemReviewed": {**item, "appearance": appearance},
    }


def _rating(verdict: str) -> dict:
    """A ClaimReview rating; an opinion (not checkable) is named but given no truth value."""
    rating = {"@type": "Rating", "alternateName": vocabulary.VERDICT_LABELS[verdict]}
    if verdict in vocabulary.VERDICT_RATINGS:
        rating.update(ratingValue=vocabulary.VERDICT_RATINGS[verdict],
                      bestRating=vocabulary.RATING_BEST, worstRating=vocabulary.RATING_WORST)
    return rating


class SiteRenderer:
    """One build's pages of a catalog that passed every check, each made on its own, so
    that a build may make them in any order or process; ``all()`` makes them in order.

    ``history`` (from claimcheck.history.read_history, read once per build) dates each
    claim and feeds the Changes page and the Atom feed; without it they say so."""

    def __init__(self, catalog: Catalog, directory_urls: bool = True,
                 site: SiteInfo | None = None, history: History | None = None):
        self.catalog, self.directory_urls = catalog, directory_urls
        self.site = site or SiteInfo(published=datetime.date.today().isoformat())
        self.history = history or History()
        self.env = environment()
        self.facts = facts = Facts(catalog)
        citer = refcite.Citer(facts.refs)  # reference keys in prose become author-year links
        self.env.filters.update(cites_h=citer.html)
        self.common = dict(catalog=catalog, facts=facts, site=self.site, flags=facts.flags,
                           conflicts=facts.conflicts, sources=facts.sources, topics=facts.topics,
                           refs=facts.refs, claims=facts.claims, verdicts=VERDICTS,
                           all_flags=FLAGS, pairs=facts.pairs, history=self.history,
                           ref_label=refcite.author_year)
        self.shown_path = functools.lru_cache(maxsize=None)(  # one per file, not per claim
            lambda path: self.site.shown_path(path, catalog.root))

    def all(self) -> list[GeneratedFile]:
        return (self.lists() + [self.claim(c) for c in self.catalog.claims]
                + [self.source(s) for s in self.catalog.sources] + self.rest())

    def page(self, path: str, template: str, **extra) -> GeneratedFile:
        link = Linker(path, self.directory_urls)
        return GeneratedFile(path, self.env.get_template(template).render(
            link=link, **self.common, **extra))

    def lists(self) -> list[GeneratedFile]:
        """The home page and the pages that list, count and cross claims."""
        bottom = bottom_line(self.catalog, self.facts.flags)
        home = self.page("index.md", "home.md.j2", bottom=bottom)
        page = self.page
        return [GeneratedFile(home.path, home.content, description=bottom.summary()),
                page("claims/index.md", "claims_index.md.j2"),
                page("sources/index.md", "sources_index.md.j2"),
                page("topics/index.md", "topics_index.md.j2"),
                page("conflicts.md", "conflicts.md.j2", diagrams=self.conflict_diagrams()),
                page("gaps.md", "gaps.md.j2"),
                page("matrix.md", "matrix.md.j2"), page("references.md", "references.md.j2"),
                page("changes.md", "changes.md.j2", **history_context(self.history)),
                page("glossary.md", "glossary.md.j2")]

    def conflict_diagrams(self) -> list:
        link = Linker("conflicts.md", self.directory_urls)
        return conflictmap.diagrams(self.catalog, self.facts,
                                    lambda cid: str(link.html(claim_page(cid))), source_name)

    def claim(self, claim: Claim) -> GeneratedFile:
        """A claim page, written in HTML with its outline (render/outline.py)."""
        link = Linker(claim_page(claim.id), self.directory_urls)
        source = self.facts.sources[claim.source]
        headings = Outline()
        content = self.env.get_template("claim.html.j2").render(
            link=link, claim=claim,
            review=claim_review(claim, self.facts, self.site, link, self.history),
            edit_url=self.site.edit_url(claim.doc.path), yaml_path=self.shown_path(claim.doc.path),
            outline=headings, **self.common)
        return GeneratedFile(claim_page(claim.id), content,
                             title=titles.claim_heading(claim, source),
                             description=titles.claim_description(claim, source),
                             toc=headings.tokens, heading=headings.title)

    def source(self, source) -> GeneratedFile:
        """An article's page: its archived text with each quoted span marked."""
        archive = self.catalog.archive(source)
        link = Linker(source_page(source.id), self.directory_urls)
        facts = self.facts
        numbers = {c.id: i for i, c in enumerate(facts.by_source[source.id], 1)}

        def after(claim_id: str) -> Markup:
            return Markup('<a class="cc-qlink" href="{}" title="{}">[{}]</a>').format(
                link.html(claim_page(claim_id)), titles.verdict_first(facts.claims[claim_id]),
                numbers[claim_id])

        text = highlight(archive.text, facts.quote_spans(source), lambda k: f"q-{k}",
                         after) if archive else Markup("")
        # No blank line: a line break before one is written as a character reference. The
        # archive is shown white-space: pre-wrap, the same either way, and without blank
        # lines it is one raw block Markdown is spared parsing (site/fast/markdown.py): at
        # 10,000 claims that parse took seconds. (As one long line, LinkChecker took minutes.)
        text = Markup(_BEFORE_BLANK.sub("&#10;", str(text)))
        return GeneratedFile(source_page(source.id), self.env.get_template("source.md.j2").render(
            link=link, source=source, archive_html=text, numbers=numbers,
            yaml_path=self.site.shown_path(source.doc.path, self.catalog.root), **self.common))

    def rest(self) -> list[GeneratedFile]:
        """Topic pages, the downloads and the Atom feed."""
        root = Linker("index.md", self.directory_urls)  # addresses below the site, for the feed
        data = export_data(self.catalog, self.facts.flags, self.facts.conflicts)
        return ([self.page(topic_page(t.id), "topic.md.j2", topic=t) for t in self.catalog.topics]
                + [GeneratedFile("api/claims.json", json_text(data)),
                   GeneratedFile(exportschema.PATH, exportschema.schema_text(self.site.url)),
                   GeneratedFile("claims.csv", csv_text(data))]
                + [GeneratedFile(path, text)  # the Check a text page's index (checkindex.py)
                   for path, text in checkindex.index_files(self.catalog, root.url)]
                + [GeneratedFile(*feed_file(self.history, self.facts, self.site,
                                            lambda claim_id: root.url(claim_page(claim_id)),
                                            root.url("changes.md"))),
                   GeneratedFile("robots.txt", robots_txt(self.site.url))])


def render_site(catalog: Catalog, directory_urls: bool = True,
                site: SiteInfo | None = None, history: History | None = None) -> list[GeneratedFile]:
    """All generated pages and downloads for a catalog that passed every check, in order."""
    return SiteRenderer(catalog, directory_urls, site, history).all()
