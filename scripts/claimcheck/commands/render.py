"""claimcheck render --out DIR: every generated page and download written as plain files.

The site's pages are generated in memory by the mkdocs plugin; written out, they are an
ordinary Markdown folder that another generator (Zensical, Material's successor, for one)
can build, so the catalog is never tied to one generator. Each page with a title or
description gets YAML front matter with them, the convention most generators read.
Their values are HTML-escaped: Zensical (0.0.73, tried) prints front-matter titles and
descriptions into <title> and <meta> as they are, so raw catalog text there would be
markup (see docs/generators.md).
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from pathlib import Path

from .. import containment
from ..history import read_history
from ..render import GeneratedFile, render_site
from ..render.cite import fill as fill_cite
from ..render.pages import SiteInfo, last_commit_date
from .common import UsageError, add_catalog_argument, load_clean


def add_arguments(parser):
    add_catalog_argument(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="DIR",
                        help="folder to write (must not exist, or be empty)")
    parser.add_argument("--docs", type=Path, metavar="DIR",
                        help="also copy these hand-written pages (e.g. docs) so DIR is a whole site")
    parser.add_argument("--site-url", default="", help="the address the site will be served at")
    parser.add_argument("--flat-urls", action="store_true",
                        help="link pages as page.html instead of page/ (use_directory_urls: false)")


def with_front_matter(generated: GeneratedFile) -> str:
    """The page, with its title and description as YAML front matter: HTML-escaped for the
    generator, then a JSON string, which is valid YAML and escapes whatever could end it."""
    meta = [f"{key}: {json.dumps(html.escape(value, quote=True), ensure_ascii=False)}"
            for key, value in (("title", generated.title), ("description", generated.description))
            if value]
    if not meta or not generated.path.endswith(".md"):
        return generated.content
    return "---\n" + "\n".join(meta) + "\n---\n\n" + generated.content


def run(args) -> int:
    out: Path = args.out
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"'{out}' exists and is not an empty folder; choose a new one")
    if args.docs and not args.docs.is_dir():
        raise UsageError(f"no folder '{args.docs}' to copy the hand-written pages from")
    catalog = load_clean(args.catalog)
    if catalog is None:
        return 1
    site = SiteInfo(url=args.site_url, published=last_commit_date(args.catalog))
    history = read_history(args.catalog)
    for line in history.warning_lines():
        print(line, file=sys.stderr)
    files = render_site(catalog, not args.flat_urls, site, history)
    if args.docs:  # decide everything before writing anything
        hidden = [f.path for f in files if (args.docs / f.path).exists()]
        if hidden:
            raise UsageError(f"{args.docs}/{hidden[0]} would hide a generated page; "
                             "remove it from the hand-written pages")
        outside = containment.leaving(args.docs.rglob("*"), args.docs)
        if outside:
            raise UsageError(f"'{outside[0]}' is a symbolic link leading outside '{args.docs}'; "
                             "replace it with the file itself")
    out.mkdir(parents=True, exist_ok=True)
    if args.docs:
        # links are copied as the files they name, so filling a page never writes through one
        shutil.copytree(args.docs, out, dirs_exist_ok=True, symlinks=False)
        for page in out.rglob("*.md"):  # the same filling the plugin does while building
            text = page.read_text(encoding="utf-8")
            filled = fill_cite(text, catalog, site.name, site.url)
            if filled != text:
                page.write_text(filled, encoding="utf-8")
    for generated in files:
        target = out / generated.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(with_front_matter(generated), encoding="utf-8")
    pages = sum(f.path.endswith(".md") for f in files)
    sys.stderr.write(f"claimcheck render: wrote {pages} pages and {len(files) - pages} "
                     f"downloads to {out}\n")
    return 0
