"""The error page ``mkdocs serve`` shows while the catalog has problems.

``mkdocs build`` stops on a broken catalog and writes nothing. Under ``mkdocs serve`` the
same stop left the server stuck: mkdocs makes every request wait for a build that never
finishes. So while serving, the plugin builds a site made only of this page instead, at
every address the last good build had (so an open tab reloads into it), listing each
problem as ``FILE:LINE:COL: message``; once the file is fixed the next build is the real
site again and the tab reloads into it.
"""

from __future__ import annotations

from markupsafe import Markup

from . import report
from .render.escape import h

TITLE = "The catalog has problems"

# Pages the site always has, so that a serve started on a broken catalog still answers
# at the addresses the nav leads to.
ALWAYS = ("index.md", "claims/index.md", "sources/index.md", "topics/index.md",
          "conflicts.md", "gaps.md", "matrix.md", "references.md", "glossary.md")


def page(problems: list) -> str:
    """Markdown (a raw-HTML block) listing every problem, escaped for HTML."""
    lines = [line for line in report.text(problems).splitlines() if line]
    count, items = lines[-1], lines[:-1]
    body = Markup("\n").join(Markup("<li><code>{}</code></li>").format(line) for line in items)
    return f"# {TITLE}\n\n" + str(Markup(
        '<div class="cc-serve-errors" role="alert">\n'
        "<p><strong>No site was built</strong>: {count}. Fix each one in its file; this page "
        "reloads into the site once the catalog is clean. The same list is printed in the "
        "terminal running <code>mkdocs serve</code>, and by <code>claimcheck check</code>.</p>\n"
        "<ol class=\"cc-serve-error-list\">\n{body}\n</ol>\n</div>\n").format(
            count=h(count), body=body))


def not_found(message: str) -> list:
    """A catalog that cannot be found at all, as one problem-like line."""
    from .problems import Location, Problem

    return [Problem(Location("mkdocs.yml", 1, 1), message, "catalog")]
