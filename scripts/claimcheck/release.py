"""The catalog's data release and licences: one place for the version readers cite.

``claims/release.yml`` holds the data version and its date; the export, the site and
CITATION.cff show them, and a release tag is ``v`` + version. The content licence is a
decision of the project, not of one catalog, so it is a constant here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .yamlfile import load_yaml

RELEASE_FILE = "release.yml"
VERSION = re.compile(r"\d+\.\d+\.\d+")
DATE = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")

CONTENT_LICENSE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "covers": "the catalog: claim statements, verdicts, rationales, evidence notes, topics "
              "and reference summaries; quotes and archived articles stay the copyright of "
              "their publishers, quoted for criticism and review",
}
CODE_LICENSE = "MIT"
HOLDER = "the contributors of this repository"


@dataclass(frozen=True)
class DataRelease:
    version: str
    date: str

    @property
    def tag(self) -> str:
        return f"v{self.version}"


def read_release(root: Path) -> tuple[DataRelease | None, list[Problem]]:
    """The release named in ``root/release.yml``; (None, []) when the catalog has none."""
    path = Path(root) / RELEASE_FILE
    if not path.is_file():
        return None, []
    doc, problems = load_yaml(path)
    if problems:
        return None, problems
    data = doc.data if isinstance(doc.data, dict) else {}
    found = {}
    for key, pattern, example in (("version", VERSION, "1.2.0"), ("date", DATE, "2026-11-28")):
        value = data.get(key)
        if isinstance(value, str) and pattern.fullmatch(value):
            found[key] = value
        else:
            where = doc.where((key,)) if key in data else doc.where()
            problems.append(Problem(where, f"release {key} must be text like '{example}' "
                                           f"(quote it in YAML), got {value!r}", "release"))
    for key in sorted(set(data) - {"version", "date"}):
        problems.append(Problem(doc.where((key,), key=True),
                                f"unknown key '{key}' in {RELEASE_FILE}; expected version and date",
                                "release"))
    if problems:
        return None, problems
    return DataRelease(found["version"], found["date"]), []
