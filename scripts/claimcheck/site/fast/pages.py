"""What both fast builds do to pages: generated Markdown rendered with its raw HTML blocks
set aside (markdown.py), and claim pages filled into shells of Material's page (shells.py)."""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from . import markdown, shells
from .plain import NoAcceleration

log = get_plugin_logger(__name__)
CACHED_TEMPLATE = "claimcheck_cached.html"  # in theme/: prints the page's HTML as given


class FastPages(NoAcceleration):
    def __init__(self):
        self.shells = None
        self.shelled: set[str] = set()  # pages whose HTML a shell makes

    def templates(self, env, files, config) -> None:
        self.shells = shells.Shells(env.get_template("main.html"), log)

    def page_render(self, page, plain, html_page: bool):
        if not html_page:
            return lambda config, files: markdown.render(page, config, files)

        def render(config, files):
            plain(config, files)
            page.meta["template"] = CACHED_TEMPLATE  # filled in by page_html
            self.shelled.add(page.file.src_uri)
        return render

    def page_html(self, page, context) -> str | None:
        if page.file.src_uri in self.shelled:
            return self.shells.render(page, context)
        return None

    def finish(self, config) -> bool:
        if self.shells is not None and self.shells.filled:
            log.info(f"{self.shells.filled} claim pages written into Material's page rendered "
                     f"once for each of {len(self.shells.kinds)} kinds of claim page")
        self.shelled = set()
        return False

    def abort(self) -> None:
        self.shelled = set()
