"""Every speed mechanism of the site build, behind one interface.

The plugin hands each step of a build that can be done faster to its accelerator.
``NoAcceleration`` does the plain thing: the catalog read as ``claimcheck check`` reads
it, the pages made in order by render.render_site's renderer, each page rendered by
Markdown (or, written in HTML, handed over as site/pages.py does) and Material, search
indexed from the written site. It is the reference path, selected by ``fast_pages:
false``: tests/test_fastpage.py builds the real, test and hostile catalogs both ways and
compares every file byte for byte. ``BuildAccelerator`` (build.py) and
``ServeAccelerator`` (serve.py) do the same steps faster.
"""

from __future__ import annotations

from .build import BuildAccelerator
from .plain import NoAcceleration
from .serve import ServeAccelerator

__all__ = ["NoAcceleration", "choose"]


def choose(fast: bool, serving: bool, search: bool) -> NoAcceleration:
    """The accelerator for ``mkdocs build`` or ``mkdocs serve``; the plain one unless ``fast``."""
    if not fast:
        return NoAcceleration()
    if serving:
        return ServeAccelerator()
    return BuildAccelerator(search)
