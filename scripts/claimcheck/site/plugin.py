"""The mkdocs layer: check the catalog in on_config, add the generated pages in on_files,
hand each page's title to the theme, and leave every speed mechanism to the accelerator
(site/fast/): ``fast_pages: false`` builds the same site the plain way.

A catalog with any problem stops ``mkdocs build`` here, before mkdocs writes anything, with
the same lines ``claimcheck check`` prints. Under ``mkdocs serve`` it builds an error page
instead (site/errors.py), so the server keeps answering and the browser shows the list.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import shutil
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .. import containment, report, themefix
from ..catalog import CatalogNotFound, paused_cycle_collection
from ..checks import run_checks
from ..history import read_history
from ..render import SiteRenderer, cards
from ..render.cite import fill as fill_cite
from ..render.conflictmap import LayoutToolMissing
from ..render.feed import head_link
from ..render.lastmod import page_dates
from ..render.pages import SiteInfo, last_commit_date
from . import errors, fast, head, pages, search

log = get_plugin_logger(__name__)


class ClaimcheckConfig(Config):
    catalog = c.Type(str, default="claims")
    # Every speed mechanism (site/fast/); off, the plain build that gives the same site.
    fast_pages = c.Type(bool, default=True)
    # Index the built site with Pagefind (see search.py).
    search = c.Type(bool, default=True)


class ClaimcheckPlugin(BasePlugin[ClaimcheckConfig]):
    serving = False
    server = None     # mkdocs serve's server, to watch the catalog
    watched = None    # the folder watched for catalog edits
    last_paths: tuple = ()  # generated pages of the last good build, for the error page
    accel = None      # site/fast/'s accelerator, chosen at the first build
    chosen = None     # (fast_pages, serving, search) the accelerator was chosen for
    indexer = None    # search.Background, under serve

    def on_startup(self, *, command, dirty):
        """Note whether this is ``mkdocs serve``. (Having on_startup also keeps this plugin
        object, and its accelerator's caches, across serve's rebuilds.)"""
        self.serving = command == "serve"

    def on_config(self, config):
        """Load and check the catalog; abort the build on any problem (under serve, build
        the error page instead)."""
        # mkdocs keeps this plugin object across builds (serve's rebuilds, and builds in one
        # process): the accelerator and its caches last while what chose it stays the same
        choice = (self.config.fast_pages, self.serving, self.config.search)
        if self.accel is None or choice != self.chosen:
            self.accel, self.chosen = fast.choose(*choice), choice
        if self.indexer is None:  # under serve the search index is rebuilt in the background
            self.indexer = search.Background(log)
        self.indexer.stop()  # the site is about to be rebuilt: stop indexing the last one
        self.root = Path(config.config_file_path).parent / self.config.catalog
        self.problems, self.catalog = [], None
        self.made: dict = {}   # generated page path -> render.GeneratedFile
        self.heads: dict = {}  # page path -> head.Head, from its content to its context
        self._watch_catalog()
        try:
            catalog = self.accel.load(self.root)
        except CatalogNotFound as err:
            if not self.serving:
                raise PluginError(f"claimcheck: {err}") from None
            return self._serve_errors(config, errors.not_found(str(err)), None)
        with paused_cycle_collection():
            problems = run_checks(catalog)
        if problems and self.serving:
            return self._serve_errors(config, problems, catalog)
        if problems:
            for line in report.text(problems).splitlines():
                log.error(line)
            raise PluginError(f"claimcheck: the catalog has {len(problems)} problem"
                              f"{'s' if len(problems) != 1 else ''}; no site was built "
                              "(run 'claimcheck check' for the same list)")
        self.catalog = catalog
        if catalog.release:  # the footer of every page names the data version it shows
            note = f"Data version {catalog.release.version} ({catalog.release.date})."
            config.copyright = f"{config.copyright} {note}" if config.copyright else note
        return config

    def _serve_errors(self, config, problems, catalog):
        """Under serve, a broken catalog builds the error page; the catalog's ids name the
        addresses it is shown at."""
        self.problems, self.catalog = problems, catalog
        errors.tell_terminal(problems)
        return config

    @event_priority(100)  # before any plugin that inspects pages, such as link checkers
    def on_files(self, files: Files, config) -> Files:
        """Add every generated page and download to the build (or, under serve with a broken
        catalog, the error page at every address the site has)."""
        docs = Path(os.path.abspath(config.docs_dir))
        hand_written = [f.abs_src_path for f in files if f.abs_src_path and not f.generated_by
                        and Path(os.path.abspath(f.abs_src_path)).is_relative_to(docs)]
        if outside := containment.leaving(hand_written, Path(config.docs_dir)):
            raise PluginError("claimcheck: these files in docs/ are symbolic links that lead "
                              f"outside it; nothing was built: {', '.join(outside)}")
        if self.problems:
            return errors.add_pages(files, config, self.problems, self.catalog, self.last_paths)
        # pages written in HTML (claim pages) after the others: the sitemap lists them so
        for made in sorted(self._render(config), key=lambda made: made.toc is not None):
            if files.get_file_from_path(made.path):
                raise PluginError(f"claimcheck: docs/{made.path} would hide a generated "
                                  "page; remove it from docs/")
            files.append(File.generated(config, made.path, content=made.content,
                                        inclusion=pages.inclusion(made.path)))
            # the text is the file's now; a page written in HTML keeps it until rendered
            self.made[made.path] = made if made.toc is not None else dataclasses.replace(made, content="")
        self.last_paths = tuple(p for p in self.made if p.endswith(".md"))
        return files

    def _render(self, config) -> list:
        site = SiteInfo(name=config.site_name, url=config.site_url or "",
                        repo_url=config.repo_url or "", edit_uri=config.edit_uri or "",
                        docs_dir=config.docs_dir, root=str(Path(config.config_file_path).parent),
                        published=last_commit_date(self.root))  # once: git is slow to start
        history = read_history(self.root)  # once per build, never per claim
        self.dates = page_dates(self.catalog, history, site.published)  # sitemap lastmod
        self.published = site.published
        for line in history.warning_lines():  # printed: past commits never fail a build
            print(f"WARNING  -  claimcheck history: {line}", file=sys.stderr)
        renderer = SiteRenderer(self.catalog, config.use_directory_urls, site, history)
        try:
            return self.accel.render(renderer, config)
        except LayoutToolMissing as err:
            raise PluginError(f"claimcheck: {err}") from None

    def on_page_markdown(self, markdown, page, config, files):
        """Fill the Data page's "Cite this" block from release.yml; under serve with a
        broken catalog, hand-written pages show the problems instead."""
        if self.problems:
            return markdown if page.file.generated_by else errors.page(self.problems)
        return fill_cite(markdown, self.catalog, config.site_name, config.site_url or "")

    def on_env(self, env, config, files):
        """Every page is rendered and the theme's templates are ready."""
        with _search_errors():
            self.accel.templates(env, files, config)
        return env

    def on_pre_page(self, page, config, files):
        """Each generated page's route, decided here once: written in HTML (claim pages,
        handed to mkdocs by site/pages.py) or in Markdown, as the accelerator renders it."""
        made = self.made.get(page.file.src_uri)
        if made is not None:
            html_page = made.toc is not None
            plain = functools.partial(self._render_html, page) if html_page else page.render
            page.render = self.accel.page_render(page, plain, html_page)
        return page

    def _render_html(self, page, config, files) -> None:
        made = self.made[page.file.src_uri]
        self.made[page.file.src_uri] = dataclasses.replace(made, content="")  # the page's now
        pages.render_html(page, made.content, made.toc, made.heading)

    def on_page_content(self, html: str, page, config, files) -> str:
        """Set the page's title and description from plain text, escaped (head.py)."""
        made = self.made.get(page.file.src_uri)
        card = cards.page_card(page.file.src_uri, config.site_url or "") if made else ""
        page_head = head.page_head(page, config.site_name, config.site_description or "",
                                   made.title if made else "", made.description if made else "",
                                   card)
        head.apply(page, page_head)
        self.heads[page.file.src_uri] = page_head
        if not self.problems:  # the sitemap's lastmod: when the page's claims last changed
            page.update_date = self.dates.get(page.file.src_uri, self.published)
        return html

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, page, config, nav):
        """Hand the theme the page's plain title and description, and the page's search
        entry the same safe title; the page's HTML, if the accelerator makes it."""
        page_head = self.heads.pop(page.file.src_uri, None)
        if page_head is not None:
            context["claimcheck_head"] = page_head
            material_search = config.plugins.get("material/search") or config.plugins.get("search")
            head.retitle_search_entry(material_search, page, page_head)
        html = self.accel.page_html(page, context)
        if html is not None:
            context["claimcheck_cached"] = html
        return context

    def on_post_page(self, output: str, page, config) -> str:
        """Announce the Atom feed of corrections in every page's <head>; mark the part of the
        page the search index reads."""
        final = output.replace("</head>", head_link(page.url and _root(page.url),
                                                    config.site_name) + "</head>", 1)
        final = search.mark(final) if self.config.search else final
        final = themefix.valid(final)  # Material's invalid attributes (themefix.py)
        self.accel.written(page, output, final)
        return final

    def on_post_template(self, output_content, template_name, config):
        """The 404 page, written from a template rather than a page: mended as pages are."""
        return themefix.valid(output_content)

    def on_post_build(self, config):
        """Index the built site for search (Pagefind), unless the accelerator has; a failure
        fails the build. Under serve the site is indexed in the background instead."""
        if self.problems:
            self.accel.abort()
            # any other address answers with the problems too
            shutil.copyfile(Path(config.site_dir) / "index.html", Path(config.site_dir) / "404.html")
            return
        self._write_cards(config)
        with _search_errors():
            indexed = self.accel.finish(config)
        if self.serving and self.config.search:
            self.indexer.request(config.site_dir)
        elif self.config.search and not indexed:
            with _search_errors():
                search.index(config.site_dir)

    def _write_cards(self, config) -> None:
        """One share card per claim, cached by content (render/cards.py)."""
        cache = Path(config.config_file_path).parent / ".cache" / "cards"
        try:
            drawn, copied = cards.write_cards(self.catalog, config.site_name, config.site_dir, str(cache))
        except cards.CardFontMissing as err:
            raise PluginError(f"claimcheck: {err}") from None
        log.info(f"share cards: {drawn} drawn, {copied} from the cache")

    def on_build_error(self, error):
        """A failed build leaves no helper process running and no temporary pages."""
        if self.accel is not None:
            self.accel.abort()

    def on_serve(self, server, config, builder):
        """Rebuild when any catalog file changes under ``mkdocs serve``."""
        self.server = server
        self._watch_catalog()
        return server

    def _watch_catalog(self) -> None:
        """Watch the catalog folder, or while it is missing the nearest folder above it
        that exists (so creating it rebuilds the site), then the catalog itself again."""
        if self.server is None:
            return
        folder = next(p for p in (self.root, *self.root.parents) if p.is_dir())
        if folder != self.watched:
            if self.watched is not None:
                self.server.unwatch(str(self.watched))
            self.server.watch(str(folder))
            self.watched = folder


@contextlib.contextmanager
def _search_errors():
    """Pagefind's failures fail the build with their own message, not a traceback."""
    try:
        yield
    except search.SearchIndexError as err:
        raise PluginError(f"claimcheck: {err}") from None


def _root(page_url: str) -> str:
    """The relative path from a page's URL back to the site root ('' at the root)."""
    return "/".join([".."] * page_url.count("/"))
