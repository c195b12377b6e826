"""``mkdocs build``, faster: pages rendered on both cores (fork.py), their folders made by
a second process (folders.py), search indexed while the site is written (early.py), what
the build keeps set aside from the cyclic garbage collector, and each generated page's
text let go of once it is written."""

from __future__ import annotations

import gc
import os

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File

from ...render.pages import claim_page, source_page, topic_page
from . import early, folders, fork
from .pages import FastPages

log = get_plugin_logger(__name__)


class BuildAccelerator(FastPages):
    def __init__(self, search: bool):
        super().__init__()
        self.search = search
        self.early: early.Early | None = None
        self.folders = folders.Folders()

    def render(self, renderer, config) -> list:
        set_aside()  # the catalog, checked
        self.folders.start(page_folders(renderer.catalog, config))
        generated = fork.render(renderer)
        set_aside()
        return generated

    def templates(self, env, files, config) -> None:
        """Every page is rendered: set it aside, and start indexing their articles."""
        super().templates(env, files, config)
        set_aside()
        if self.search:
            self.early = early.Early()
            self.early.start(((f.dest_uri, f.page.content) for f in files.documentation_pages()
                              if f.page is not None and f.page.content is not None),
                             config.site_dir)  # on failure the plugin's abort stops it

    def page_render(self, page, plain, html_page: bool):
        render = super().page_render(page, plain, html_page)

        def render_and_let_go(config, files):
            render(config, files)
            release(page)
        return render_and_let_go

    def written(self, page, raw: str, final: str) -> None:
        if self.early is not None:
            self.early.check(page.file.dest_uri, final)
        if page.file.generated_by:
            page.content = None  # written: nothing after this reads it (release)

    def finish(self, config) -> bool:
        super().finish(config)
        self.folders.finish()
        if self.early is None:
            return False
        log.info(f"the site was {self.early.finish(config.site_dir)} (site/fast/early.py)")
        return True

    def abort(self) -> None:
        super().abort()
        if self.early is not None:
            self.early.stop()
        self.folders.stop()


def release(page) -> None:
    """Let go of a generated page's Markdown once it is HTML. mkdocs renders every page
    before it writes any, keeping each page's Markdown, HTML and table of contents, so at
    10,000 claims their text was most of the build's memory; the theme reads only the HTML
    and the table of contents, and the HTML is let go once the page is written."""
    page.markdown = ""  # not None: mkdocs reads that as "no title yet"
    page.file.content_string = ""


def set_aside() -> None:
    """Set what the build holds so far (the catalog, the generated pages, then mkdocs'
    rendered pages) aside from the cyclic garbage collector, which would otherwise walk it
    all again at every full collection: 4 s of a 10,000-claim build, in collections that
    found almost nothing to free. All of it lives until the build ends anyway."""
    gc.freeze()


def page_folders(catalog, config) -> list[str]:
    """The folders the claim, source and topic pages will be written into."""
    pages = ([claim_page(c.id) for c in catalog.claims] + [source_page(s.id) for s in catalog.sources]
             + [topic_page(t.id) for t in catalog.topics])
    return [os.path.dirname(File(path, src_dir=None, dest_dir=config.site_dir,
                                 use_directory_urls=config.use_directory_urls).abs_dest_path)
            for path in pages]
