"""The plain build, and the interface every accelerator keeps (see __init__.py)."""

from __future__ import annotations

from ...catalog import load_catalog


class NoAcceleration:
    """The plain build, and the interface every accelerator keeps."""

    def load(self, root):
        """The catalog at ``root``, read (catalog.load_catalog)."""
        return load_catalog(root)

    def render(self, renderer, config) -> list:
        """Every generated page and download of a checked catalog (render.SiteRenderer)."""
        return renderer.all()

    def templates(self, env, files, config) -> None:
        """The theme's templates are ready, and every page is rendered."""

    def page_render(self, page, plain, html_page: bool):
        """What renders a generated page (as Page.render: called with config and files);
        ``plain`` is the plain way, for a page written in HTML or in Markdown."""
        return plain

    def page_html(self, page, context) -> str | None:
        """The page's HTML when the accelerator makes it; None: Material's template does."""
        return None

    def written(self, page, raw: str, final: str) -> None:
        """A page's HTML as the theme gave it (``raw``) and as it is written (``final``)."""

    def finish(self, config) -> bool:
        """The build completed; True when the site is indexed for search already."""
        return False

    def abort(self) -> None:
        """The build failed, or shows the error page: nothing of it is kept."""
