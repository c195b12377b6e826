"""Mend the few places where Material's page markup is not valid HTML, in each written page.

The Nu HTML checker rejects three things Material 9 writes on every page: ``autocomplete``
on its checkbox toggles (allowed on text-like inputs only), an empty ``tabindex`` on section
labels in the navigation (``navigation.sections`` leaves it unset), and a table-of-contents
label pointing at the ``__toc`` toggle, which exists only on pages listed in the navigation.
None of them changes what the page does: the toggles are never autofilled, an empty
tabindex is ignored, and the label has nothing to toggle. Each is a plain text replacement
(no parsing), so it costs nothing at 10,000 pages.
"""

from __future__ import annotations

_TOGGLES = [(f'type="checkbox" id="{name}" autocomplete="off">', f'type="checkbox" id="{name}">')
            for name in ("__drawer", "__search")]
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'


def valid(page: str) -> str:
    """The page with Material's invalid attributes removed (see the module docstring)."""
    for bad, good in _TOGGLES:
        page = page.replace(bad, good, 1)
    page = page.replace(' tabindex=""', "")
    if _TOC_LABEL in page and 'id="__toc"' not in page:
        page = page.replace(_TOC_LABEL, '<label class="md-nav__title">', 1)
    return page
