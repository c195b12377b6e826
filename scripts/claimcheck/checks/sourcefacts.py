"""What a source says about where its text came from holds together, and no placeholder
stands in for a fact: the site shows these fields to readers who cite them."""

from __future__ import annotations

from ..problems import Problem

ID = "source-facts"
DESCRIPTION = ("A source's provenance agrees with its address (found with url, not-found "
               "without), and no placeholder stands for its publisher or title.")

_PLACEHOLDER_PUBLISHERS = ("not named", "unknown")


def check(catalog):
    for source in catalog.sources:
        doc = source.doc
        status = source.provenance.get("status")
        if status == "found" and not source.url:
            yield Problem(doc.where(("provenance", "status")),
                          "provenance status 'found' needs the address of the page that was "
                          "seen: add url: https://... to source.yml, or write status: not-found "
                          "if the original page was not found", ID)
        elif status == "not-found" and source.url:
            yield Problem(doc.where(("provenance", "status")),
                          f"provenance status 'not-found', but url gives the page's address "
                          f"({source.url}); write status: found if that page was seen and its "
                          "text matches the archive, or remove url", ID)
        if source.publisher.strip().lower().startswith(_PLACEHOLDER_PUBLISHERS):
            yield Problem(doc.where(("publisher",)),
                          f"publisher '{source.publisher}' is a placeholder, not a name; leave "
                          "publisher out when the article names none (the site then says so)", ID)
        if source.title.strip().lower().startswith("(untitled"):
            yield Problem(doc.where(("title",)),
                          f"title '{source.title}' is a placeholder; write the article's own "
                          "title, or a short description of it when it has none, and say so "
                          "under venue", ID)
