"""Words a reader must never meet: a folder of the machine the catalog was made on, or the
name of a tool readers cannot use. Catalog notes speak of public things (PubMed, Crossref, a
publisher's page, the Wayback Machine) and name a collected text by its own file name.

One list, used by the `public-words` check on the catalog and by the tests on the built site
and the export, so the rule and its proof cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    what: str      # what the words are
    instead: str   # what to write instead


_PATH_INSTEAD = ("name the collected text by its own file name (e.g. 000_819545e722749897.txt) "
                 "and the public place it came from, never a folder of this machine")
_TOOL_INSTEAD = ("say which public database, publisher's page or web archive was searched "
                 "(PubMed, Crossref, the journal's page, the Wayback Machine...) and what was found")

# A folder of a machine: Unix home, work and scratch folders, or a Windows drive. Not inside a
# web address (a letter, dot, colon or slash before it), so https://host/home/ is left alone.
_PATHS = re.compile(
    r"(?<![\w.:/\\-])(?:/(?:home|work|tmp|root|Users|mnt|private|var/folders)(?=/)"
    r"|~/[\w.-]|[A-Za-z]:\\\\?[\w.$ -]|file:/{2,3}[\w/])")
_TOKEN = re.compile(r"[^\s\"'()<>,;]*")
_TOOLS = re.compile(
    r"\b(?:search[ -]tool|look-?up tool|the tool (?:returned|showed|gave|found)"
    r"|parts? (?:of (?:it|the page) )?the (?:search )?tool returned"
    r"|corpus(?!\s+(?:callosum|striatum|luteum|cavernosum))|corpora(?!\s+(?:quadrigemina|cavernosa))"
    r"|LLMs?|large language model|AI agents?)\b",
    re.IGNORECASE)


def hits(text: str) -> list[Hit]:
    """Every machine path and internal tool word in ``text``, in order."""
    found = []
    for m in _PATHS.finditer(text):  # the whole path, to its first space or closing mark
        end = m.start() + len(_TOKEN.match(text, m.start()).group(0))
        found.append(Hit(m.start(), end, text[m.start():end].rstrip(".:"),
                         "a folder of the machine the catalog was made on", _PATH_INSTEAD))
    found += [Hit(m.start(), m.end(), m.group(0), "the name of a tool readers cannot use",
                  _TOOL_INSTEAD) for m in _TOOLS.finditer(text)]
    return sorted(found, key=lambda h: h.start)
