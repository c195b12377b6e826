"""``mkdocs serve``, faster: each catalog file parsed once per change, Material's templates
compiled once, each unchanged generated page written again as the last build finished it
(servecache.py), and garbage collected between rebuilds rather than during them
(idlegc.py)."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from ...catalog import load_catalog
from . import idlegc, servecache
from .pages import CACHED_TEMPLATE, FastPages

log = get_plugin_logger(__name__)


class ServeAccelerator(FastPages):
    def __init__(self):
        super().__init__()
        self.parsed = servecache.ParsedFiles()
        self.compiled = servecache.CompiledTemplates()
        self.finished = servecache.FinishedPages()
        self.idle = idlegc.IdleCollector()
        self.reused: dict[str, str] = {}  # page path -> its HTML from the last build

    def load(self, root):
        self.idle.build_started()
        self.reused = {}
        catalog = load_catalog(root, self.parsed)
        self.parsed.keep_only(doc.path for doc in catalog.docs)
        return catalog

    def render(self, renderer, config) -> list:
        generated = renderer.all()
        theme = config.theme.custom_dir or config.docs_dir
        self.finished.start(servecache.shared_key(config, theme), generated)
        return generated

    def templates(self, env, files, config) -> None:
        env.bytecode_cache = self.compiled
        super().templates(env, files, config)

    def page_render(self, page, plain, html_page: bool):
        html = self.finished.cached(page.file.src_uri)
        if html is None:
            return super().page_render(page, plain, html_page)
        self.reused[page.file.src_uri] = html

        def reuse(config, files):
            page.content = ""
            page.meta["template"] = CACHED_TEMPLATE
        return reuse

    def page_html(self, page, context) -> str | None:
        html = self.reused.get(page.file.src_uri)
        return html if html is not None else super().page_html(page, context)

    def written(self, page, raw: str, final: str) -> None:
        self.finished.keep(page.file.src_uri, raw)

    def finish(self, config) -> bool:
        super().finish(config)
        self.idle.build_finished()
        self.finished.finish()  # only a completed build of a sound catalog is kept
        if self.reused:
            log.info(f"{len(self.reused)} pages reused unchanged from the last build")
        return False

    def abort(self) -> None:
        super().abort()
        self.idle.build_finished()
