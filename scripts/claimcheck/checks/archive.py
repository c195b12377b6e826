"""Each archived text exists inside its source folder, is UTF-8, and still has the SHA-256
its source records."""

from __future__ import annotations

import hashlib

from ..containment import Missing, Refused
from ..problems import Problem

ID = "archive-hash"
DESCRIPTION = "Archived texts exist and match the SHA-256 recorded in source.yml."


def check(catalog):
    for source in catalog.sources:
        where = source.doc.where(("archive_sha256",))
        try:
            data = catalog.archive_bytes(source)
        except (Missing, FileNotFoundError):
            yield Problem(source.doc.where(("archive",)),
                          f"archived text '{source.archive}' not found beside source.yml; "
                          "copy the article there byte for byte", ID)
            continue
        except Refused as err:
            yield Problem(source.doc.where(("archive",)),
                          f"archived text not read: {err}", ID)
            continue
        except OSError as err:
            yield Problem(source.doc.where(("archive",)),
                          f"archived text '{source.archive}' cannot be read: {err.strerror}", ID)
            continue
        digest = hashlib.sha256(data).hexdigest()
        if source.archive_sha256 and digest != source.archive_sha256:
            yield Problem(where,
                          f"archive '{source.archive}' has SHA-256 {digest}, not the recorded "
                          f"{source.archive_sha256}; archives are byte-for-byte copies and must "
                          "not be edited (restore the file, or record the new hash if the "
                          "article was deliberately re-archived)", ID)
        if catalog.archive(source) is None:  # read above, so only its decoding can fail
            yield Problem(where, f"archive '{source.archive}' is not UTF-8 text", ID)
