"""Under ``mkdocs serve``: after an edit, render again only what the edit can change.

A full build at 1,000 claims takes about 20 s, most of it rendering pages whose text did
not change. Two caches, both kept for the life of the serve process, skip that work:

- ``RenderCache`` keeps each claim page's and source page's generated text (HTML for a
  claim page, Markdown for a source page), and the downloads, under a key made of
  everything they show: for a claim, the claim, its article, the claims it conflicts with
  and their flags and articles, its history, and digests of all topics, references and
  site settings (a reference's label depends on the others). A page whose key is
  unchanged is not rendered again.
  ``tests/test_servecache.py`` edits each of these and compares the pages with a fresh
  render.
- ``FinishedPages`` keeps each generated page's finished HTML under its generated text,
  title and description plus a digest of what every page shares (mkdocs.yml, the theme
  overrides, the nav, the footer's data version). An unchanged page is written again from
  the cache through a one-line template instead of going through Markdown and Material
  (or through a shell of Material's page, shellpage.py).

A third, ``CompiledTemplates``, keeps Material's templates compiled between builds.

Nothing here depends on the files a build left behind: every build writes every page
again (reused pages from memory), so a build that failed or showed the error page leaves
the caches as the last completed build of a sound catalog made them, and fixing the
catalog goes back to the site as quickly as an edit does. ``mkdocs build`` never uses
them.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from dataclasses import fields
from pathlib import Path

from jinja2 import BytecodeCache

from ...containment import read_at_most
from ...limits import MAX_YAML_BYTES
from ...yamlfile import load_yaml

CACHED_TEMPLATE = "claimcheck_cached.html"  # in theme/: prints the cached page as is


def record(obj) -> tuple:
    """A dataclass record's values, without the parsed file it came from (its own location
    is part of what a page shows: the line a claim is written on)."""
    return tuple((f.name, getattr(obj, f.name)) for f in fields(obj) if f.name != "doc")


def digest(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def text_digest(*texts: str) -> str:
    """A digest of some texts, without the copy repr() makes of each (pages are long)."""
    hasher = hashlib.blake2b(digest_size=16)
    for text in texts:
        hasher.update(text.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class RenderCache:
    """Generated pages (and downloads) by the key of everything they show.

    ``get(kind, name, key, render)`` returns the page made for the same key last time, or
    renders it; ``rendered[kind]`` counts what the last build had to render."""

    def __init__(self):
        self.pages: dict[tuple[str, str], tuple[str, object]] = {}
        self.rendered: Counter = Counter()
        self.json_pieces: dict[str, str] = {}  # each claim's encoded JSON (export.json_text)
        self.records: dict[int, str] = {}      # this build's record digests (_record)

    def shared_key(self, catalog, site, history) -> str:
        """What every page shows: topic titles, reference labels, the site, history."""
        return digest([record(t) for t in catalog.topics],
                      [record(r) for r in catalog.references], site,
                      (history.available, history.partial, history.since))

    def _record(self, obj) -> str:
        """A digest of a catalog record, made once per build: an article's record is part
        of the key of every one of its claims, and a claim's of each claim it conflicts with.
        (By id(): the catalog, and so every record, lives until the build ends.)"""
        made = self.records.get(id(obj))
        if made is None:
            made = self.records[id(obj)] = digest(record(obj))
        return made

    def claim_key(self, claim, facts, shared: str, history) -> str:
        """A claim page: the claim (and the line it is on), its article, its flags, the
        claims it conflicts with as their lines show them, and its history."""
        others = [facts.claims[v.other] for v in facts.conflicts.get(claim.id, [])]
        return digest(shared, self._record(claim), str(claim.doc.path), claim.loc,
                      self._record(facts.sources[claim.source]), facts.flags[claim.id],
                      facts.conflicts.get(claim.id, []),
                      [(self._record(o), facts.flags[o.id], self._record(facts.sources[o.source]))
                       for o in others],
                      history.of(claim.id), history.first_published(claim.id),
                      history.last_changed(claim.id))

    def source_key(self, source, archive_text: str, facts, shared: str) -> str:
        """A source page: the article, its archived text, and its claims with their flags
        and conflicts (the page counts those of each kind)."""
        return digest(shared, record(source), str(source.doc.path), archive_text,
                      [(self._record(c), c.loc, facts.flags[c.id], facts.conflicts.get(c.id, []))
                       for c in facts.by_source[source.id]])

    def catalog_key(self, catalog) -> str:
        """The downloads: everything in the catalog, without where it was written."""
        return digest([record(x) for x in catalog.sources], [record(x) for x in catalog.topics],
                      [record(x) for x in catalog.references],
                      [record(x) for x in catalog.claims], catalog.release)

    def get(self, kind: str, name: str, key: str, render):
        """The cached result when its key is unchanged, else ``render()``'s, kept."""
        cached = self.pages.get((kind, name))
        if cached and cached[0] == key:
            return cached[1]
        self.rendered[kind] += 1
        result = render()
        self.pages[(kind, name)] = (key, result)
        return result

    def start(self):
        self.rendered = Counter()
        self.records = {}


class ParsedFiles:
    """Each catalog file's parse, kept under its bytes: a rebuild after editing one file
    parses that file again and reuses the rest (parsing was most of reading a 1,000-claim
    catalog). Safe because nothing changes a parse once made: the records share its lists
    and mappings and only read them."""

    def __init__(self):
        self.files: dict[Path, tuple[bytes, object, list]] = {}

    def load(self, path: Path):
        """(doc, problems) as yamlfile.load_yaml gives them."""
        try:
            raw = read_at_most(path, MAX_YAML_BYTES)
        except OSError:
            self.files.pop(path, None)
            return load_yaml(path)  # which reports the failure as it always does
        kept = self.files.get(path)
        if kept is not None and kept[0] == raw:
            return kept[1], kept[2]
        doc, problems = load_yaml(path, raw)
        self.files[path] = (raw, doc, problems)
        return doc, problems

    def keep_only(self, paths) -> None:
        """Forget the files the last load did not read (removed, renamed, refused)."""
        kept = set(paths)
        self.files = {path: entry for path, entry in self.files.items() if path in kept}


class FinishedPages:
    """The finished HTML of generated pages from the last completed build."""

    def __init__(self):
        self.done: dict[str, tuple[str, str]] = {}     # page path -> (key, html)
        self.building: dict[str, tuple[str, str]] = {}
        self.keys: dict[str, str] = {}

    def start(self, shared: str, generated) -> None:
        """Key every generated page of this build; the cache stays the last build's."""
        self.building = {}
        self.keys = {g.path: text_digest(shared, g.content, g.title, g.description)
                     for g in generated}

    def cached(self, path: str) -> str | None:
        """The page's finished HTML from the last build, if its key has not changed."""
        done = self.done.get(path)
        if done and done[0] == self.keys.get(path):
            self.building[path] = done
            return done[1]
        return None

    def keep(self, path: str, html: str) -> None:
        if path in self.keys:
            self.building[path] = (self.keys[path], html)

    def finish(self) -> None:
        """The build completed: its pages become the cache."""
        self.done, self.building = self.building, {}


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per serve process: mkdocs makes a new template
    environment for every build. Jinja checks each template's source against the checksum
    kept with its compiled form, so an edited template is compiled again."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


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
