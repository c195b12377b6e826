"""Typed records of the catalog. Each remembers where it was written.

Records are built leniently from whatever the YAML holds (a wrong type becomes an empty
value) so that cross-reference checks still run on a file whose schema check failed;
the schema check reports the type error itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .containment import Refused, archive_bytes
from .problems import Location
from .textmatch import Archive
from .yamlfile import YamlDoc

VERDICTS = ("supported", "overstated", "misleading", "contested", "unsupported", "contradicted",
            "not-checkable")
CONFLICT_KINDS = ("contradiction", "tension")
RELATIONS = ("supports", "qualifies", "contradicts")
CITATION_LEVELS = ("none", "vague", "specific")
FLAGS = ("uncited", "vague-citation", "conflict", "tension", "species-gap", "no-evidence")


def text(value: object) -> str:
    """A string field, or '' when absent or of the wrong type."""
    return value if isinstance(value, str) else ""


def items(value: object) -> list:
    return value if isinstance(value, list) else []


def mapping(value: object) -> dict:
    return value if isinstance(value, dict) else {}


@dataclass
class Source:
    id: str
    title: str
    publisher: str
    venue: str
    commercial_interest: str
    archive: str
    archive_sha256: str
    folder: Path
    doc: YamlDoc
    publisher_url: str = ""
    url: str = ""
    original_file: str = ""
    published: str = ""     # YYYY-MM-DD, as the original page shows it
    retrieved: str = ""     # YYYY-MM-DD, when the text was collected
    provenance: dict = field(default_factory=dict)  # {status, checked, how}, or {} when unrecorded

    @property
    def archive_path(self) -> Path:
        return self.folder / self.archive

    @property
    def loc(self) -> Location:
        return self.doc.where(())


@dataclass
class Topic:
    id: str
    title: str
    description: str
    loc: Location


@dataclass
class Reference:
    id: str
    citation: str
    design: str
    population: list[str]
    subjects: str
    finding: str
    loc: Location
    path: tuple
    doi: str = ""
    pmid: str = ""
    url: str = ""
    sample_size: int | None = None
    unverified: list[str] = field(default_factory=list)
    unverified_reason: str = ""
    verified: list[dict] = field(default_factory=list)  # [{url, seen, fields}]

    @property
    def is_human(self) -> bool:
        return "human" in self.population

    @property
    def has_record(self) -> bool:
        """False when no record of the work itself was found: its title is listed under
        `unverified`. Such a reference is shown to readers as "record not found", and no
        verdict may rest on such references alone (methodology, Evidence)."""
        return "title" not in self.unverified

    # The addresses the site links to; the weekly link check tests these same addresses.
    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pmid_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


@dataclass
class Evidence:
    ref: str
    relation: str
    note: str
    path: tuple
    why_different: str = ""  # why this relation differs from a same_as claim's to the same ref


@dataclass
class Correction:
    """One recorded change of a claim's verdict: when, from what, to what, and why."""

    date: str      # YYYY-MM-DD
    old: str       # the verdict before (`from` in YAML)
    new: str       # the verdict after (`to`)
    reason: str
    path: tuple


@dataclass
class Conflict:
    claim: str
    note: str
    path: tuple
    kind: str = "contradiction"  # or "tension"; see CONFLICT_KINDS


@dataclass
class Claim:
    id: str
    source: str
    quote: str
    statement: str
    topics: list[str]
    speaks_of: str
    citation_level: str
    citation_text: str
    verdict: str
    rationale: str
    evidence: list[Evidence]
    conflicts: list[Conflict]
    no_evidence: str
    doc: YamlDoc
    path: tuple
    reviewed: str = ""  # YYYY-MM-DD
    corrections: list[Correction] = field(default_factory=list)  # oldest first
    all_of: list[str] = field(default_factory=list)   # members of the set a claim says "all" of
    same_as: list[str] = field(default_factory=list)  # claims that state the same thing

    @property
    def loc(self) -> Location:
        return self.doc.where(self.path + ("id",))

    def where(self, *field_path) -> Location:
        return self.doc.where(self.path + tuple(field_path))


@dataclass
class Catalog:
    """Everything loaded from one catalog folder, plus the problems met while reading it."""

    root: Path
    docs: list[YamlDoc] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    load_problems: list = field(default_factory=list)
    release: object = None  # release.DataRelease from release.yml, if the catalog has one
    values_read: int = 0    # YAML values read so far (limits.MAX_CATALOG_VALUES)
    over_budget: bool = False
    _reads: dict = field(default_factory=dict, repr=False)     # archive: bytes or why not
    _archives: dict = field(default_factory=dict, repr=False)  # archive: Archive or None

    def archive_bytes(self, source: Source) -> bytes:
        """The bytes of the source's archived text, read once for every check and page;
        raises what reading raised (containment.Refused or Missing, OSError)."""
        key = (source.folder, source.archive)
        if key not in self._reads:
            try:
                self._reads[key] = archive_bytes(source)
            except (Refused, OSError) as err:
                self._reads[key] = err
        found = self._reads[key]
        if isinstance(found, Exception):
            raise found
        return found

    def archive(self, source: Source) -> Archive | None:
        """The source's archived text; None when it cannot be read as UTF-8 or failed
        containment (the archive check reports why)."""
        key = (source.folder, source.archive)
        if key not in self._archives:
            try:
                self._archives[key] = Archive(self.archive_bytes(source).decode("utf-8"))
            except (Refused, OSError, UnicodeDecodeError):
                self._archives[key] = None
        return self._archives[key]

    def by_id(self, kind: str) -> dict:
        """First record of each id (duplicates are reported by the ids check)."""
        table: dict = {}
        for record in getattr(self, kind):
            table.setdefault(record.id, record)
        return table
