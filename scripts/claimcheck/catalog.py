"""Find and read the catalog's files into records. Reading never judges; checks do."""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path

from . import containment

from .model import (Catalog, Claim, Conflict, Correction, Evidence, Reference, Source, Topic,
                    items, mapping, text)
from .problems import Location, Problem, display_path
from .release import RELEASE_FILE, read_release
from .limits import MAX_CATALOG_VALUES, MAX_YAML_VALUES
from .yamlfile import YamlDoc, load_yaml

SOURCE_FILE = "source.yml"
CLAIMS_FILE = "claims.yml"


class CatalogNotFound(Exception):
    """The folder given is not a catalog at all (a usage error, not a catalog problem)."""


def _read(catalog: Catalog, path: Path, kind: str, parsed=None) -> YamlDoc:
    """One file; once the catalog holds MAX_CATALOG_VALUES values, no more are read
    (memory grows with values: each file is bounded alone, and the total too)."""
    left = MAX_CATALOG_VALUES - catalog.values_read
    if left <= 0:
        doc = YamlDoc(path=path, display=display_path(path), kind=kind, ok=False)
        if not catalog.over_budget:
            catalog.over_budget = True
            catalog.load_problems.append(Problem(
                Location(doc.display), f"not read: the catalog already holds more than "
                f"{MAX_CATALOG_VALUES:,} values (the limit for the whole catalog; 10,000 claims "
                "need about 420,000); this and later files were left unread", "size-limit"))
        catalog.docs.append(doc)
        return doc
    limit = min(MAX_YAML_VALUES, left)
    doc, problems = load_yaml(path, max_values=limit) if parsed is None else parsed.load(path, limit)
    doc.kind = kind
    catalog.values_read += len(doc.value_marks)
    catalog.docs.append(doc)
    catalog.load_problems.extend(problems)
    return doc


def load_catalog(root: Path, parsed=None) -> Catalog:
    """Read every file of the catalog at ``root``; missing files become problems.

    Nothing outside ``root`` is read: symbolic links that leave it are reported, linked
    source folders are not entered, and each file is checked before it is opened
    (containment.py). ``parsed`` (a site.fast.servecache.ParsedFiles, under mkdocs serve) reuses the
    parse of each file whose bytes have not changed since the last load.
    """
    root = Path(root)
    if not root.is_dir():
        raise CatalogNotFound(f"no catalog folder at '{root}'")
    with paused_cycle_collection():
        return _load(root, parsed)


@contextmanager
def paused_cycle_collection():
    """Reading builds hundreds of thousands of small objects and no reference cycles, and
    the cyclic collector, triggered by the allocations, walks the growing catalog again
    and again: half the reading time at 10,000 claims. Reference counting still frees
    everything reading throws away; the collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(root: Path, parsed) -> Catalog:
    catalog = Catalog(root=root)
    if root.is_symlink():
        catalog.load_problems.append(Problem(
            Location(display_path(root)), "the catalog folder is a symbolic link; it must be a "
            "real folder in the repository", containment.ID))
        return catalog
    stray = containment.stray_links(root)
    catalog.load_problems.extend(stray)
    reported = {p.location.file for p in stray}
    for name, kind in (("topics.yml", "topics"), ("references.yml", "references")):
        path = root / name
        if os.path.lexists(path):
            if _contained(catalog, path, root, reported):
                _read_list_file(catalog, _read(catalog, path, kind, parsed), kind)
        else:
            catalog.load_problems.append(Problem(
                Location(display_path(path)), f"missing file {name}: every catalog needs one",
                "missing-file"))
    release_path = root / RELEASE_FILE
    if not os.path.lexists(release_path) or _contained(catalog, release_path, root, reported):
        catalog.release, problems = read_release(root)
        catalog.load_problems.extend(problems)
    sources_dir = root / "sources"
    if sources_dir.is_symlink() and display_path(sources_dir) not in reported:
        catalog.load_problems.append(Problem(
            Location(display_path(sources_dir)), "the sources folder is a symbolic link; make "
            "it a real folder (no source in it was read)", containment.ID))
    folders = sorted(p for p in sources_dir.iterdir() if p.is_dir()) if _is_real_dir(sources_dir) else []
    for folder in folders:
        if folder.is_symlink():
            if display_path(folder) not in reported:
                catalog.load_problems.append(Problem(
                    Location(display_path(folder)), "source folder is a symbolic link; make it a "
                    "real folder (its files were not read)", containment.ID))
            continue
        source_path = folder / SOURCE_FILE
        if not os.path.lexists(source_path):
            catalog.load_problems.append(Problem(
                Location(display_path(folder)),
                f"source folder has no {SOURCE_FILE}; add one (see docs/catalog-format.md) "
                "or remove the folder", "missing-file"))
            continue
        if not _contained(catalog, source_path, folder, reported):
            continue
        catalog.sources.append(_source(_read(catalog, source_path, "source", parsed), folder))
        claims_path = folder / CLAIMS_FILE
        if os.path.lexists(claims_path) and _contained(catalog, claims_path, folder, reported):
            _read_claims(catalog, _read(catalog, claims_path, "claims", parsed), folder.name)
    return catalog


def _is_real_dir(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def _contained(catalog: Catalog, path: Path, folder: Path, reported: set[str]) -> bool:
    """Whether ``path`` may be read; if not, say why (once) and leave it unread."""
    try:
        containment.check_file(path, folder)
        return True
    except containment.Refused as err:
        if display_path(path) not in reported:
            catalog.load_problems.append(Problem(Location(display_path(path)),
                                                 f"{err}; the file was not read", containment.ID))
        return False


def _source(doc: YamlDoc, folder: Path) -> Source:
    data = mapping(doc.data)
    return Source(
        id=text(data.get("id")), title=text(data.get("title")),
        publisher=text(data.get("publisher")), venue=text(data.get("venue")),
        commercial_interest=text(data.get("commercial_interest")),
        archive=text(data.get("archive")) or "archive.txt",
        archive_sha256=text(data.get("archive_sha256")), folder=folder, doc=doc,
        publisher_url=text(data.get("publisher_url")), url=text(data.get("url")),
        original_file=text(data.get("original_file")), published=text(data.get("published")),
        retrieved=text(data.get("retrieved")), provenance=mapping(data.get("provenance")))


def _read_list_file(catalog: Catalog, doc: YamlDoc, kind: str) -> None:
    for i, entry in enumerate(items(mapping(doc.data).get(kind))):
        entry = mapping(entry)
        path = (kind, i)
        if kind == "topics":
            catalog.topics.append(Topic(
                id=text(entry.get("id")), title=text(entry.get("title")),
                description=text(entry.get("description")), loc=doc.where(path + ("id",))))
        else:
            size = entry.get("sample_size")
            catalog.references.append(Reference(
                id=text(entry.get("id")), citation=text(entry.get("citation")),
                design=text(entry.get("design")),
                population=[p for p in items(entry.get("population")) if isinstance(p, str)],
                subjects=text(entry.get("subjects")), finding=text(entry.get("finding")),
                loc=doc.where(path + ("id",)), path=path,
                doi=text(entry.get("doi")), pmid=_pmid(entry.get("pmid")),
                url=text(entry.get("url")),
                sample_size=size if isinstance(size, int) and not isinstance(size, bool) else None,
                unverified=[u for u in items(entry.get("unverified")) if isinstance(u, str)],
                unverified_reason=text(entry.get("unverified_reason")),
                verified=[mapping(v) for v in items(entry.get("verified"))]))


def _pmid(value: object) -> str:
    """PMIDs may be written as numbers or strings; keep them as text."""
    if isinstance(value, bool):
        return ""
    return str(value) if isinstance(value, (int, str)) else ""


def _read_claims(catalog: Catalog, doc: YamlDoc, source_id: str) -> None:
    for i, entry in enumerate(items(mapping(doc.data).get("claims"))):
        entry = mapping(entry)
        path = ("claims", i)
        citation = mapping(entry.get("source_citation"))
        catalog.claims.append(Claim(
            id=text(entry.get("id")), source=source_id, quote=text(entry.get("quote")),
            statement=text(entry.get("statement")),
            topics=[t for t in items(entry.get("topics")) if isinstance(t, str)],
            speaks_of=text(entry.get("speaks_of")),
            citation_level=text(citation.get("level")), citation_text=text(citation.get("text")),
            verdict=text(entry.get("verdict")), rationale=text(entry.get("rationale")),
            evidence=[_evidence(mapping(e), path + ("evidence", j))
                      for j, e in enumerate(items(entry.get("evidence")))],
            conflicts=[_conflict(mapping(c), path + ("conflicts", j))
                       for j, c in enumerate(items(entry.get("conflicts")))],
            no_evidence=text(entry.get("no_evidence")), doc=doc, path=path,
            reviewed=text(entry.get("reviewed")),
            all_of=[m for m in items(entry.get("all_of")) if isinstance(m, str)],
            same_as=[m for m in items(entry.get("same_as")) if isinstance(m, str)],
            corrections=[_correction(mapping(c), path + ("corrections", j))
                         for j, c in enumerate(items(entry.get("corrections")))]))


def _correction(entry: dict, path: tuple) -> Correction:
    return Correction(text(entry.get("date")), text(entry.get("from")), text(entry.get("to")),
                      text(entry.get("reason")), path)


def _evidence(entry: dict, path: tuple) -> Evidence:
    return Evidence(text(entry.get("ref")), text(entry.get("relation")), text(entry.get("note")),
                    path, why_different=text(entry.get("why_different")))


def _conflict(entry: dict, path: tuple) -> Conflict:
    return Conflict(text(entry.get("claim")), text(entry.get("note")), path,
                    text(entry.get("kind")) or "contradiction")
