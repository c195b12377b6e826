"""Each archived text exists inside its source folder, is UTF-8, and still has the SHA-256
its source records."""

from __future__ import annotations

import hashlib
import re

from ..containment import Missing, Refused
from ..problems import Location, Problem, display_path
from ..textmatch import line_col

ID = "archive-hash"
DESCRIPTION = "Archived texts exist and match the SHA-256 recorded in source.yml."
# Plain text keeps line breaks and tabs; any other C0 or C1 control (ESC starts terminal
# escape codes) and the invisible direction controls have no place in an article's words.
CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
        archive = catalog.archive(source)
        if archive is None:  # read above, so only its decoding can fail
            yield Problem(where, f"archive '{source.archive}' is not UTF-8 text", ID)
        elif hidden := CONTROL.search(archive.text):
            line, col = line_col(archive.text, hidden.start())
            yield Problem(Location(display_path(source.archive_path), line, col),
                          f"archived text holds the invisible control character "
                          f"U+{ord(hidden.group()):04X} (a terminal escape code or a text-direction "
                          "override), which readers of the page never saw and which can hide or "
                          "reorder words; archive the page again with 'claimcheck source add', "
                          "which drops them", ID)
