"""Catalog files speak only public words: no folder of the machine the catalog was made on,
no name of a tool readers cannot use (publicwords.py holds the list). Comments too: they are
published with the repository."""

from __future__ import annotations

from .. import publicwords
from ..problems import Location, Problem

ID = "public-words"
DESCRIPTION = ("Notes name public databases, publishers' pages and web archives, and a collected "
               "text by its own file name: never a machine's folder or an internal tool.")


def check(catalog):
    for doc in catalog.docs:
        text = doc.text
        if not text:
            continue
        for hit in publicwords.hits(text):
            line = text.count("\n", 0, hit.start) + 1
            col = hit.start - (text.rfind("\n", 0, hit.start) + 1) + 1
            yield Problem(Location(doc.display, line, col),
                          f"'{hit.text}' is {hit.what}; {hit.instead}", ID)
