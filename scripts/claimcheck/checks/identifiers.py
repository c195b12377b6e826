"""DOIs, PMIDs and URLs are written in the form their resolvers accept."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..problems import Problem

ID = "identifier"
DESCRIPTION = "DOIs, PMIDs and URLs have valid syntax."

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID = re.compile(r"^[1-9][0-9]{0,8}$")


def doi_problem(value: str) -> str | None:
    if value.lower().startswith(("http://", "https://", "doi:")):
        return f"DOI '{value}' should be written bare, like 10.1038/nature25509 (no prefix)"
    if not DOI.fullmatch(value):
        return f"'{value}' is not a DOI; expected 10.<registrant>/<suffix>, like 10.1038/nature25509"
    return None


def url_problem(value: str) -> str | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or "." not in parts.netloc \
            or any(c.isspace() for c in value):
        return f"'{value}' is not a web address; expected https://host/path"
    return None


def check(catalog):
    doc = next((d for d in catalog.docs if d.kind == "references"), None)
    for ref in catalog.references if doc else ():
        if ref.doi and (msg := doi_problem(ref.doi)):
            yield Problem(doc.where(ref.path + ("doi",)), msg, ID)
        if ref.pmid and not PMID.fullmatch(ref.pmid):
            yield Problem(doc.where(ref.path + ("pmid",)),
                          f"'{ref.pmid}' is not a PMID; expected digits only, like 29446381", ID)
        if ref.url and (msg := url_problem(ref.url)):
            yield Problem(doc.where(ref.path + ("url",)), msg, ID)
    for source in catalog.sources:
        for name in ("url", "publisher_url"):
            value = getattr(source, name)
            if value and (msg := url_problem(value)):
                yield Problem(source.doc.where((name,)), msg, ID)
