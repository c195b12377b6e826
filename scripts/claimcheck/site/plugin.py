"""The thin mkdocs layer: check the catalog in on_config, add generated pages in on_files.

A catalog with any problem stops ``mkdocs build`` here, before mkdocs writes anything, with
the same lines ``claimcheck check`` prints. Under ``mkdocs serve`` it builds an error page
instead (see serveerrors.py), so the server keeps answering and the browser shows the list.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import containment, report
from ..catalog import CatalogNotFound, load_catalog, paused_cycle_collection
from ..checks import run_checks
from ..history import read_history
from ..render import render_site
from ..render.cite import fill as fill_cite
from ..render.conflictmap import LayoutToolMissing
from ..render.feed import head_link
from ..render.pages import SiteInfo, claim_page, last_commit_date, source_page, topic_page
from . import errors as serveerrors, head as sitehead, search
from .fast import (early as searchearly, folders as sitefolders, idlegc, markdown as fastpage,
                   servecache, shells as shellpage)

log = get_plugin_logger(__name__)


class ClaimcheckConfig(Config):
    catalog = c.Type(str, default="claims")
    # Set generated pages' raw HTML blocks aside from Markdown (fastpage.py) and fill claim
    # pages into shells of Material's page (shellpage.py); off only to compare the output
    # with mkdocs' and Material's ordinary rendering, page by page.
    fast_pages = c.Type(bool, default=True)
    # Index the built site with Pagefind (see search.py).
    search = c.Type(bool, default=True)


class ClaimcheckPlugin(BasePlugin[ClaimcheckConfig]):
    serving = False
    problems: list = []
    last_paths: tuple = ()  # generated pages of the last good build, for the error page
    render_cache = None     # servecache.RenderCache under serve, else None
    finished = None         # servecache.FinishedPages under serve, else None
    parsed = None           # servecache.ParsedFiles under serve, else None
    early = None            # searchearly.Early while mkdocs build writes the site
    folders = None          # sitefolders.Folders while mkdocs build renders the pages

    def on_startup(self, *, command, dirty):
        """Note whether this is ``mkdocs serve``, where the search index is rebuilt in the
        background after each build instead of holding up the page reload."""
        self.serving = command == "serve"
        self.indexer = search.Background(log)
        if self.serving:  # reuse what an edit cannot have changed (servecache.py)
            self.render_cache = servecache.RenderCache()
            self.compiled = servecache.CompiledTemplates()
            self.finished = servecache.FinishedPages()
            self.idle = idlegc.IdleCollector()  # garbage collected between rebuilds
            self.parsed = servecache.ParsedFiles()  # each catalog file parsed once per change
        # (having on_startup also keeps this plugin object across serve's rebuilds, so
        # last_paths survives them)

    def on_config(self, config):
        """Load and check the catalog; abort the build on any problem (under serve, build
        the error page instead).

        Args:
            config: the mkdocs configuration.
        Returns:
            The configuration, unchanged.
        """
        if self.serving:  # the site is about to be rebuilt: stop indexing the last one
            self.indexer.stop()
            self.idle.build_started()
        self.root = Path(config.config_file_path).parent / self.config.catalog
        self.problems = []
        self.heads: dict = {}       # generated page path -> (title, description), plain text
        self.page_heads: dict = {}  # page path -> sitehead.Head
        self.reused: dict = {}      # page path -> finished HTML reused from the last build
        self.catalog = None
        self._watch_catalog()
        try:
            catalog = load_catalog(self.root, self.parsed)
            if self.parsed is not None:
                self.parsed.keep_only(doc.path for doc in catalog.docs)
        except CatalogNotFound as err:
            if not self.serving:
                raise PluginError(f"claimcheck: {err}") from None
            self.problems = serveerrors.not_found(str(err))
            return self._serve_errors(config)
        with paused_cycle_collection():
            problems = run_checks(catalog)
        if problems and self.serving:
            self.problems, self.catalog = problems, catalog  # its ids name the error pages
            return self._serve_errors(config)
        if problems:
            for line in report.text(problems).splitlines():
                log.error(line)
            raise PluginError(f"claimcheck: the catalog has {len(problems)} problem"
                              f"{'s' if len(problems) != 1 else ''}; no site was built "
                              "(run 'claimcheck check' for the same list)")
        self.catalog = catalog
        _set_aside(self.serving)
        self.published = last_commit_date(self.root)  # once per build: git is slow to start
        self.history = read_history(self.root)        # once per build, never per claim
        if catalog.release:  # the footer of every page names the data version it shows
            note = f"Data version {catalog.release.version} ({catalog.release.date})."
            config.copyright = f"{config.copyright} {note}" if config.copyright else note
        return config

    def _serve_errors(self, config):
        """Print the problems to the terminal without failing the build: a failed rebuild
        leaves mkdocs serve's requests waiting forever. Printed, not logged, because a
        logged error would fail a strict build all the same."""
        print("ERROR    -  claimcheck: the catalog has problems; the browser shows them until "
              "they are fixed:", file=sys.stderr)
        for line in report.text(self.problems).splitlines():
            print(f"ERROR    -  {line}", file=sys.stderr)
        sys.stderr.flush()
        return config

    def on_page_markdown(self, markdown, page, config, files):
        """Fill the Data page's "Cite this" block from release.yml; under serve with a
        broken catalog, hand-written pages show the problems instead."""
        if self.problems:
            return markdown if page.file.generated_by else serveerrors.page(self.problems)
        if page.file.src_uri in self.reused:
            page.meta["template"] = servecache.CACHED_TEMPLATE
            return markdown
        return fill_cite(markdown, self.catalog, config.site_name, config.site_url or "")

    @event_priority(100)  # before any plugin that inspects pages, such as link checkers
    def on_files(self, files: Files, config) -> Files:
        """Add every generated page and download to the build.

        Args:
            files: the files mkdocs found in docs/.
            config: the mkdocs configuration.
        Returns:
            The files, with the generated ones added.
        """
        docs = Path(os.path.abspath(config.docs_dir))
        hand_written = [f.abs_src_path for f in files if f.abs_src_path and not f.generated_by
                        and Path(os.path.abspath(f.abs_src_path)).is_relative_to(docs)]
        if outside := containment.leaving(hand_written, Path(config.docs_dir)):
            raise PluginError("claimcheck: these files in docs/ are symbolic links that lead "
                              f"outside it; nothing was built: {', '.join(outside)}")
        self.generated: set[str] = set()
        self.html_pages: dict = {}  # generated pages written in HTML (claim pages), by path
        self.early, self.early_tried = None, False
        if self.problems:
            return self._error_files(files, config)
        site = SiteInfo(name=config.site_name, url=config.site_url or "",
                        repo_url=config.repo_url or "", edit_uri=config.edit_uri or "",
                        docs_dir=config.docs_dir, root=str(Path(config.config_file_path).parent),
                        published=self.published)
        if not self.serving:  # the pages' folders are made while the pages are rendered
            self.folders = sitefolders.Folders()
            self.folders.start(_page_folders(self.catalog, config))
        try:
            generated_files = render_site(self.catalog, config.use_directory_urls, site,
                                          self.history, self.render_cache)
        except LayoutToolMissing as err:
            raise PluginError(f"claimcheck: {err}") from None
        _set_aside(self.serving)
        # pages written in HTML last: mkdocs reads pages in this order, and once it reaches
        # them every page's article is known, so search indexing can start (on_pre_page)
        for generated in sorted(generated_files, key=lambda g: g.toc is not None):
            self.heads[generated.path] = (generated.title, generated.description)
            if files.get_file_from_path(generated.path):
                raise PluginError(f"claimcheck: docs/{generated.path} would hide a generated "
                                  "page; remove it from docs/")
            files.append(File.generated(config, generated.path, content=generated.content,
                                        inclusion=_inclusion(generated.path)))
            self.generated.add(generated.path)
            if generated.toc is not None:
                self.html_pages[generated.path] = generated
        self.last_paths = tuple(g.path for g in generated_files if g.path.endswith(".md"))
        if self.serving:
            theme = config.theme.custom_dir or config.docs_dir
            self.finished.start(servecache.shared_key(config, theme), generated_files)
        return files

    def _error_files(self, files: Files, config) -> Files:
        """Under serve with a broken catalog: the error page at every generated address."""
        content = serveerrors.page(self.problems)
        for path in serveerrors.addresses(config.nav, self.catalog, self.last_paths):
            if not files.get_file_from_path(path):
                files.append(File.generated(config, path, content=content,
                                            inclusion=_inclusion(path)))
        return files

    def on_env(self, env, config, files):
        """Under serve, keep the theme's compiled templates from one build to the next; set
        up this build's shells of Material's page for claim pages (shellpage.py)."""
        if self.serving:
            env.bytecode_cache = self.compiled
        _set_aside(self.serving)  # every page is rendered by now
        self.shells = shellpage.Shells(env.get_template("main.html"), log)
        if self.early is None:  # every page is rendered by now, if not at the first HTML page
            self._start_early(files, config, lambda f: f.page.content)
        return env

    def _start_early(self, files, config, content) -> None:
        """Start indexing every page's article for search while the site is written
        (searchearly.py), each page's article being ``content(file)``."""
        if not self.config.search or self.serving or self.problems:
            return
        self.early = searchearly.Early()
        articles = ((f.dest_uri, content(f)) for f in files.documentation_pages()
                    if f.page is not None)
        try:
            self.early.start(((path, text) for path, text in articles if text is not None),
                             config.site_dir)
        except search.SearchIndexError as err:
            self.early.stop()
            raise PluginError(f"claimcheck: {err}") from None

    def _start_early_before_html_pages(self, files, config) -> None:
        """At the first page written in HTML, if every other page is rendered already
        (on_files put those pages last): their articles are the HTML as generated, so
        Pagefind can start now and index alongside mkdocs reading them (at 10,000 claims,
        4 s with the second core otherwise idle)."""
        if not all(f.src_uri in self.html_pages or (f.page is not None and f.page.content is not None)
                   for f in files.documentation_pages()):
            return  # some page is not rendered yet: start at on_env, as ever

        def article(f):
            made = self.html_pages.get(f.src_uri)
            return made.content.strip() if made is not None else f.page.content
        try:
            self._start_early(files, config, article)
        except PluginError:  # raised again from on_env, not blamed on the page being read
            self.early = None

    def on_pre_page(self, page, config, files):
        """Render generated pages through fastpage, which mkdocs' own rendering backs; under
        serve, a page unchanged since the last build is not rendered at all."""
        path = page.file.src_uri
        if path in self.generated and self.serving and not self.problems:
            html = self.finished.cached(path)
            if html is not None:
                self.reused[path] = html
                page.render = lambda config, files: setattr(page, "content", "")
                return page
        if path in self.html_pages:  # written in HTML: no Markdown at all
            if self.early is None and not self.early_tried:
                self.early_tried = True
                self._start_early_before_html_pages(files, config)
            page.render = lambda config, files: self._render_html(page)
        elif self.config.fast_pages and path in self.generated:
            page.render = lambda config, files: fastpage.render(page, config, files)
        return page

    def _render_html(self, page) -> None:
        """Render a page written in HTML; the generated text is let go once it is the page's
        (at 10,000 claims every claim page's text kept to the end of the build was 150 MB)."""
        made = self.html_pages[page.file.src_uri]
        fastpage.render_html(page, made.content, made.toc, made.heading)
        if not self.serving:
            self.html_pages[page.file.src_uri] = None

    def on_page_content(self, html: str, page, config, files) -> str:
        """Set the page's title and description from plain text, escaped (sitehead.py).

        Args:
            html: the page body, unchanged.
            page: the page; its meta title and description are replaced.
            config: the mkdocs configuration.
            files: the site's files.
        Returns:
            The body, unchanged.
        """
        if page.file.src_uri in self.reused:
            return html
        if not self.serving and page.file.src_uri in self.generated:
            _release(page)
        title, description = self.heads.get(page.file.src_uri, ("", ""))
        head = sitehead.page_head(page, config.site_name, config.site_description or "",
                                  title, description)
        sitehead.apply(page, head)
        self.page_heads[page.file.src_uri] = head
        if self.config.fast_pages and page.file.src_uri in self.html_pages:
            page.meta["template"] = servecache.CACHED_TEMPLATE  # filled in on_page_context
        return html

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context, page, config, nav):
        """Hand the theme override the plain title and description, and give the page's
        search entry the same safe title.

        Args:
            context: the template context; gains ``claimcheck_head``.
            page: the page being built.
            config: the mkdocs configuration.
            nav: the site navigation.
        Returns:
            The context.
        """
        if page.file.src_uri in self.reused:
            context["claimcheck_cached"] = self.reused[page.file.src_uri]
            return context
        head = self.page_heads.get(page.file.src_uri)
        if head is not None:
            context["claimcheck_head"] = head
            material_search = config.plugins.get("material/search") or config.plugins.get("search")
            sitehead.retitle_search_entry(material_search, page, head)
        if self.config.fast_pages and page.file.src_uri in self.html_pages:
            context["claimcheck_cached"] = self.shells.render(page, context)
        return context

    def on_post_page(self, output: str, page, config) -> str:
        """Announce the Atom feed of corrections in every page's <head>; mark the part of the
        page the search index reads."""
        if page.file.src_uri in self.reused:
            return output
        output = output.replace("</head>", head_link(page.url and _root(page.url),
                                                     config.site_name) + "</head>", 1)
        output = search.mark(output) if self.config.search else output
        if self.early is not None:
            self.early.check(page.file.dest_uri, output)
        if self.serving and not self.problems:
            self.finished.keep(page.file.src_uri, output)
        elif page.file.src_uri in self.generated:
            page.content = None  # written: nothing after this reads it (_release)
        return output

    def on_post_build(self, config):
        """Index the built site for search (Pagefind); a failure fails the build. Under
        serve the site is indexed in the background instead."""
        if self.folders is not None:
            self.folders.finish()
        if self.shells.filled:
            log.info(f"{self.shells.filled} claim pages written into Material's page rendered "
                     f"once for each of {len(self.shells.kinds)} kinds of claim page")
        if self.serving:
            self.idle.build_finished()
            if not self.problems:  # only a completed build of a sound catalog is kept
                self.finished.finish()
            else:  # any other address answers with the problems too
                shutil.copyfile(Path(config.site_dir) / "index.html",
                                Path(config.site_dir) / "404.html")
            if self.reused:
                done = self.render_cache.rendered
                log.info(f"{done['claim']} claim and {done['source']} source pages rendered "
                         f"again, {len(self.reused)} pages reused unchanged from the last build")
        if not self.config.search:
            return
        if self.serving:
            self.indexer.request(config.site_dir)
            return
        try:
            done = self.early.finish(config.site_dir)
        except search.SearchIndexError as err:
            raise PluginError(f"claimcheck: {err}") from None
        log.info(f"the site was {done} (searchearly.py)")

    def on_build_error(self, error):
        """A failed build leaves no indexer or folder maker running and no temporary pages."""
        if self.early is not None:
            self.early.stop()
        if self.folders is not None:
            self.folders.stop()
        if self.serving:
            self.idle.build_finished()

    def on_serve(self, server, config, builder):
        """Rebuild when any catalog file changes under ``mkdocs serve``."""
        self.server = server
        self._watch_catalog()
        return server

    server = None
    watched = None  # the folder watched for catalog edits

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


def _release(page) -> None:
    """Let go of a generated page's Markdown once it is HTML. mkdocs renders every page
    before it writes any, keeping each page's Markdown, HTML and table of contents, so at
    10,000 claims their text was most of the build's memory; the theme reads only the HTML
    and the table of contents, and the HTML is let go once the page is written."""
    page.markdown = ""  # not None: mkdocs reads that as "no title yet"
    page.file.content_string = ""


def _set_aside(serving: bool) -> None:
    """Under ``mkdocs build``, set what the build holds so far (the catalog, the generated
    pages, then mkdocs' rendered pages) aside from the cyclic garbage collector, which would
    otherwise walk it all again at every full collection: 4 s of a 10,000-claim build, in
    collections that found almost nothing to free. All of it lives until the build ends
    anyway. Not under serve, where each rebuild's catalog and pages are garbage by the next
    (idlegc.py collects between rebuilds there)."""
    if not serving:
        gc.freeze()


def _page_folders(catalog, config) -> list[str]:
    """The folders the claim, source and topic pages will be written into."""
    pages = ([claim_page(c.id) for c in catalog.claims] + [source_page(s.id) for s in catalog.sources]
             + [topic_page(t.id) for t in catalog.topics])
    return [os.path.dirname(File(path, src_dir=None, dest_dir=config.site_dir,
                                 use_directory_urls=config.use_directory_urls).abs_dest_path)
            for path in pages]


def _root(page_url: str) -> str:
    """The relative path from a page's URL back to the site root ('' at the root)."""
    return "/".join([".."] * page_url.count("/"))


def _inclusion(path: str) -> InclusionLevel:
    """One page per claim, source or topic is reached from its index page, never the nav;
    saying so keeps mkdocs from listing every one of them as left out of it."""
    per_item = "/" in path and not path.endswith("/index.md")
    return InclusionLevel.NOT_IN_NAV if per_item else InclusionLevel.UNDEFINED
