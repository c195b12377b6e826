"""Under ``mkdocs serve``: after an edit, do again only what the edit can change, with
caches that cannot go stale, each keyed on the very input it replaces the work on:

- ``ParsedFiles`` keeps each catalog file's parse under the file's bytes.
- ``FinishedPages`` keeps each generated page's HTML as Material's template gave it,
  under the page's generated text, title and description plus a digest of what every page
  shares (mkdocs.yml, the theme overrides, the nav, which hand-written pages exist). An
  unchanged page is written again from the cache through a one-line template instead of
  going through Markdown and Material.
- ``CompiledTemplates`` keeps Material's templates compiled between builds, checked
  against each template's source by Jinja.

Every page is still generated from the catalog on every build (render.SiteRenderer):
keeping generated pages under a key listing what each shows saved under a second a
rebuild at 1,000 claims, with nothing tying the list to the templates. Nothing here
depends on the files a build left behind: every build writes every page again (reused
pages from memory), so a build that failed or showed the error page leaves the caches as
the last completed build of a sound catalog made them. ``mkdocs build`` never uses them.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from jinja2 import BytecodeCache

from ...containment import read_at_most
from ...limits import MAX_YAML_BYTES, MAX_YAML_VALUES
from ...yamlfile import load_yaml


def digest(*parts) -> str:
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def text_digest(*texts: str) -> str:
    """A digest of some texts, without the copy repr() makes of each (pages are long)."""
    hasher = hashlib.blake2b(digest_size=16)
    for text in texts:
        hasher.update(text.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class ParsedFiles:
    """Each catalog file's parse, kept under its bytes: a rebuild after editing one file
    parses that file again and reuses the rest (parsing was most of reading a 1,000-claim
    catalog). Safe because nothing changes a parse once made: the records share its lists
    and mappings and only read them."""

    def __init__(self):
        self.files: dict[Path, tuple[bytes, object, list, int]] = {}

    def load(self, path: Path, max_values: int | None = None):
        """(doc, problems) as yamlfile.load_yaml gives them (a parse is reused only when
        read with the same value budget)."""
        try:
            raw = read_at_most(path, MAX_YAML_BYTES)
        except OSError:
            self.files.pop(path, None)
            return load_yaml(path)  # which reports the failure as it always does
        limit = MAX_YAML_VALUES if max_values is None else max_values
        kept = self.files.get(path)
        if kept is not None and kept[0] == raw and kept[3] == limit:
            return kept[1], kept[2]
        doc, problems = load_yaml(path, raw, limit)
        self.files[path] = (raw, doc, problems, limit)
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
