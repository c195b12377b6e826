"""The "Cite this" block of the Data page: the data version and date from release.yml, so
the page never states a version by hand that the export does not carry."""

from __future__ import annotations

from ..model import Catalog
from ..release import CONTENT_LICENSE, HOLDER
from .pages import environment

MARKER = "<!-- claimcheck:cite -->"


def cite_block(catalog: Catalog, site_name: str, site_url: str) -> str:
    """Markdown for the block; the marker's own text when the catalog has no release."""
    if catalog.release is None:
        return "*This catalog has no data release yet (no `claims/release.yml`).*\n"
    return environment().get_template("cite.md.j2").render(
        release=catalog.release, name=site_name, url=site_url, holder=HOLDER,
        license=CONTENT_LICENSE)


def fill(markdown: str, catalog: Catalog, site_name: str, site_url: str) -> str:
    return markdown.replace(MARKER, cite_block(catalog, site_name, site_url)) if MARKER in markdown else markdown
