"""Under ``mkdocs serve``: after an edit, render again only what the edit can change.

A full build at 1,000 claims takes about 20 s, most of it rendering pages whose text did
not change. Two caches, both kept for the life of the serve process, skip that work:

- ``ClaimPages`` keeps each claim page's generated Markdown under a key made of everything
  the page shows: the claim, its article, the claims it conflicts with and their flags and
  articles, its history, and digests of all topics, references and site settings (a
  reference's label depends on the others). A claim whose key is unchanged is not rendered
  again. ``tests/test_servecache.py`` edits each of these and compares the pages with a
  fresh render.
- ``FinishedPages`` keeps each generated page's finished HTML under its generated text,
  title and description plus a digest of what every page shares (mkdocs.yml, the theme
  overrides, the nav, the footer's data version). An unchanged page is written again from
  the cache through a one-line template instead of going through Markdown and Material.

Both are emptied whenever a build does not finish or the catalog has problems, so a page
is only ever reused from a build that completed. ``mkdocs build`` never uses them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import fields
from pathlib import Path

CACHED_TEMPLATE = "claimcheck_cached.html"  # in theme/: prints the cached page as is


def record(obj) -> tuple:
    """A dataclass record's values, without the parsed file it came from (its own location
    is part of what a page shows: the line a claim is written on)."""
    return tuple((f.name, getattr(obj, f.name)) for f in fields(obj) if f.name != "doc")


def digest(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


class ClaimPages:
    """Generated claim pages by the key of everything they show."""

    def __init__(self):
        self.pages: dict[str, tuple[str, object]] = {}  # claim id -> (key, GeneratedFile)
        self.rendered = 0  # claim pages rendered by the last build, for the log and tests

    def shared_key(self, catalog, site, history) -> str:
        """What every claim page shows: topic titles, reference labels, the site, history."""
        return digest([record(t) for t in catalog.topics],
                      [record(r) for r in catalog.references], site,
                      (history.available, history.partial, history.since))

    def key(self, claim, facts, shared: str, history) -> str:
        others = [facts.claims[v.other] for v in facts.conflicts.get(claim.id, [])]
        return digest(shared, record(claim), str(claim.doc.path), claim.loc,
                      record(facts.sources[claim.source]), facts.flags[claim.id],
                      facts.conflicts.get(claim.id, []),
                      [(record(o), facts.flags[o.id], record(facts.sources[o.source]))
                       for o in others],
                      history.of(claim.id), history.first_published(claim.id),
                      history.last_changed(claim.id))

    def get(self, claim_id: str, key: str, render):
        """The cached page when its key is unchanged, else ``render()``'s, kept."""
        cached = self.pages.get(claim_id)
        if cached and cached[0] == key:
            return cached[1]
        self.rendered += 1
        page = render()
        self.pages[claim_id] = (key, page)
        return page

    def start(self):
        self.rendered = 0

    def clear(self):
        self.pages.clear()


class FinishedPages:
    """The finished HTML of generated pages from the last completed build."""

    def __init__(self):
        self.done: dict[str, tuple[str, str]] = {}     # page path -> (key, html)
        self.building: dict[str, tuple[str, str]] = {}
        self.keys: dict[str, str] = {}
        self.reused = 0

    def start(self, shared: str, generated) -> None:
        """Key every generated page of this build; the cache stays the last build's."""
        self.building = {}
        self.reused = 0
        self.keys = {g.path: digest(shared, g.content, g.title, g.description)
                     for g in generated}

    def cached(self, path: str) -> str | None:
        """The page's finished HTML from the last build, if its key has not changed."""
        done = self.done.get(path)
        if done and done[0] == self.keys.get(path):
            self.reused += 1
            self.building[path] = done
            return done[1]
        return None

    def keep(self, path: str, html: str) -> None:
        if path in self.keys:
            self.building[path] = (self.keys[path], html)

    def finish(self) -> None:
        """The build completed: its pages become the cache."""
        self.done, self.building = self.building, {}

    def clear(self) -> None:
        self.done.clear()
        self.building = {}
        self.keys = {}


def shared_key(config, theme_dir: Path) -> str:
    """What every page shares: mkdocs.yml as read (with the footer's data version), the nav,
    which hand-written pages exist (generated pages link to them), and the theme overrides
    (by name, size and time)."""
    overrides = sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns)
                       for p in Path(theme_dir).rglob("*") if p.is_file())
    docs = sorted(str(p) for p in Path(config.docs_dir).rglob("*") if p.is_file())
    config_file = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    return digest(config_file, config.copyright, config.site_url, repr(config.nav),
                  overrides, docs, os.environ.get("SITE_URL", ""))
