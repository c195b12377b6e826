"""Turn a checked catalog into site pages: a plain function of the catalog, no mkdocs."""

from .pages import GeneratedFile, SiteRenderer, render_site

__all__ = ["GeneratedFile", "SiteRenderer", "render_site"]
