"""Ids are unique, claim ids carry their source's id, and source ids match their folders."""

from __future__ import annotations

from ..problems import Problem

ID = "duplicate-id"
DESCRIPTION = "No two sources, topics, references or claims share an id."


def _duplicates(records, kind, loc_of):
    first: dict = {}  # id -> its first record; placed only when a duplicate is reported
    for record in records:
        if not record.id:
            continue
        if record.id in first:
            yield Problem(loc_of(record),
                          f"duplicate {kind} id '{record.id}' (first defined at "
                          f"{loc_of(first[record.id])}); ids must be unique: rename one", ID)
        else:
            first[record.id] = record


# Names the site's own pages take in the folders where sources, topics and claims get
# pages (sources/index.md...): an id with one of them would need the same page.
RESERVED = frozenset({"index"})


def check(catalog):
    for kind, records in (("source", catalog.sources), ("topic", catalog.topics)):
        for record in records:
            if record.id in RESERVED:
                loc = record.doc.where(("id",)) if kind == "source" else record.loc
                yield Problem(loc, f"{kind} id '{record.id}' is the name of the site's own "
                              f"list of {kind}s; choose another id", ID)
    yield from _duplicates(catalog.sources, "source", lambda s: s.doc.where(("id",)))
    yield from _duplicates(catalog.topics, "topic", lambda t: t.loc)
    yield from _duplicates(catalog.references, "reference", lambda r: r.loc)
    yield from _duplicates(catalog.claims, "claim", lambda c: c.loc)
    for source in catalog.sources:
        if source.id and source.id != source.folder.name:
            yield Problem(source.doc.where(("id",)),
                          f"source id '{source.id}' differs from its folder name "
                          f"'{source.folder.name}'; they must be the same", ID)
    for claim in catalog.claims:
        if claim.id and not claim.id.startswith(claim.source + "-"):
            yield Problem(claim.loc,
                          f"claim id '{claim.id}' must start with its source id and a hyphen "
                          f"('{claim.source}-...')", ID)
