"""The error page ``mkdocs serve`` shows while the catalog has problems.

``mkdocs build`` stops on a broken catalog and writes nothing. Under ``mkdocs serve`` the
same stop left the server stuck: mkdocs makes every request wait for a build that never
finishes. So while serving, the plugin builds a site made only of this page instead, at
every address the site has (so an open tab reloads into it, and a serve started on a
broken catalog answers at once), listing each problem as ``FILE:LINE:COL: message``;
once the file is fixed the next build is the real site again and the tab reloads into it.
"""

from __future__ import annotations

import re
import sys

from markupsafe import Markup
from mkdocs.structure.files import File

from .. import report
from ..render.escape import h
from ..render.pages import claim_page, source_page, topic_page
from .pages import inclusion

TITLE = "The catalog has problems"

# Pages the site always generates, so that a serve started on a broken catalog still
# answers at the addresses the index pages lead to.
ALWAYS = ("index.md", "claims/index.md", "sources/index.md", "topics/index.md",
          "conflicts.md", "gaps.md", "matrix.md", "references.md", "changes.md", "glossary.md")

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # the catalog's id pattern (schemas/*.json)
_ID_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?id:[ \t]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?[ \t]*$",
                      re.MULTILINE)
_PAGES = {"claims": claim_page, "source": source_page, "topics": topic_page}


def addresses(nav, catalog, last_paths: tuple) -> list[str]:
    """Every page address the site has, as far as a broken catalog lets us tell: the nav's
    pages, the generated lists, a page for each claim, source and topic id the catalog
    names (read from the text of a file YAML could not parse), and the pages of the last
    good build. A serve started on a broken catalog must answer at all of them, and a nav
    entry with no page would stop a strict build."""
    return list(dict.fromkeys([*_nav_pages(nav), *ALWAYS, *_item_pages(catalog), *last_paths]))


def add_pages(files, config, problems: list, catalog, last_paths: tuple):
    """The error page at every address the site has that no hand-written page holds."""
    content = page(problems)
    for path in addresses(config.nav, catalog, last_paths):
        if not files.get_file_from_path(path):
            files.append(File.generated(config, path, content=content, inclusion=inclusion(path)))
    return files


def _item_pages(catalog) -> list[str]:
    if catalog is None:
        return []
    named = [*((claim_page, c.id) for c in catalog.claims),
             *((source_page, s.id) for s in catalog.sources),
             *((topic_page, t.id) for t in catalog.topics),
             *((topic_page, t) for c in catalog.claims for t in c.topics)]
    named += [(_PAGES[doc.kind], found) for doc in catalog.docs
              if not doc.ok and doc.kind in _PAGES for found in _ID_LINE.findall(doc.text)]
    return [page(i) for page, i in named if _ID.fullmatch(i)]


def _nav_pages(nav) -> list[str]:
    """The Markdown pages a configured nav names (links to other sites left out)."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") and "://" not in nav else []
    if isinstance(nav, dict):
        nav = list(nav.values())
    return [page for entry in nav or [] if isinstance(entry, (str, dict, list))
            for page in _nav_pages(entry)]


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


def tell_terminal(problems: list) -> None:
    """Print the problems to the terminal without failing the build: a failed rebuild
    leaves mkdocs serve's requests waiting forever. Printed, not logged, because a logged
    error would fail a strict build all the same."""
    print("ERROR    -  claimcheck: the catalog has problems; the browser shows them until "
          "they are fixed:", file=sys.stderr)
    for line in report.text(problems).splitlines():
        print(f"ERROR    -  {line}", file=sys.stderr)
    sys.stderr.flush()


def not_found(message: str) -> list:
    """A catalog that cannot be found at all, as one problem-like line."""
    from ..problems import Location, Problem

    return [Problem(Location("mkdocs.yml", 1, 1), message, "catalog")]
