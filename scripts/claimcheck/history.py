"""Every claim's public record, read from the catalog's git history in one pass.

The catalog is plain YAML in git, so the history of every verdict is already there. One
``git log`` lists the commits that touched a ``claims.yml``; one ``git cat-file --batch``
reads just the blobs those commits changed. Claims are followed by id across files, so a
claim moved to another file, or a re-wrapped quote, is no change at all: only what a
reader would call a change (a new claim, a verdict, a rationale, the evidence, a claim
withdrawn) becomes an event. The cost grows with the number of changed files, not with
claims times commits.

A shallow clone has only the newest commits: the first of them appears to add everything.
The history then says so (``partial``) and pages write "on or before" that date.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from .gitrev import RevisionError, git

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CLAIMS_FILE = "claims.yml"

# What kind of change an event is, and how the site names it. A correction changes what
# the site concludes (the verdict) or withdraws a claim; an update adds to the reasons.
KINDS = {
    "added": "Published",
    "verdict": "Correction",
    "withdrawn": "Withdrawn",
    "rationale": "Update",
    "evidence": "Update",
}
CORRECTIONS = ("verdict", "withdrawn")


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str      # YYYY-MM-DD, the commit date
    subject: str
    order: int = 0  # position in history, oldest 0: orders commits made on one day


@dataclass(frozen=True)
class Event:
    """One reader-visible change to one claim, made by one commit."""

    claim: str
    kind: str              # a key of KINDS
    commit: Commit
    detail: str = ""       # plain text, e.g. "overstated -> contradicted"
    old: str = ""          # verdicts, for "verdict", "added" and "withdrawn"
    new: str = ""
    refs_added: tuple[str, ...] = ()      # reference ids, for "evidence"
    refs_removed: tuple[str, ...] = ()
    refs_changed: tuple[str, ...] = ()    # same reference, another relation

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    @property
    def is_correction(self) -> bool:
        return self.kind in CORRECTIONS


@dataclass
class History:
    """Events per claim, oldest first, and the whole site's events, newest first."""

    events: dict[str, list[Event]] = field(default_factory=dict)
    available: bool = False   # git answered and the catalog is tracked
    partial: bool = False     # a shallow clone: history before ``since`` is missing
    since: str = ""           # date of the oldest commit read
    commits_read: int = 0

    def of(self, claim_id: str) -> list[Event]:
        return self.events.get(claim_id, [])

    def first_published(self, claim_id: str) -> str:
        """Date of the commit that added the claim, '' when it is not committed yet."""
        added = [e for e in self.of(claim_id) if e.kind == "added"]
        return added[0].commit.date if added else ""

    def last_changed(self, claim_id: str) -> str:
        """Date the verdict, rationale or evidence last changed ('' if never since added)."""
        changed = [e for e in self.of(claim_id) if e.kind in ("verdict", "rationale", "evidence")]
        return changed[-1].commit.date if changed else ""

    def recent(self, limit: int | None = None) -> list[Event]:
        """Every event of the site, newest first (the Changes page and the feed)."""
        every = [e for events in self.events.values() for e in events]
        every.sort(key=lambda e: (e.commit.order, e.claim), reverse=True)
        return every if limit is None else every[:limit]


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes | None:
    """git's output, or None: the history never stops a build (see read_history)."""
    try:
        done = git(args, cwd, stdin, timeout=300)
    except (RevisionError, OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _log(catalog_dir: Path) -> tuple[list[tuple[Commit, list[tuple[str, str]]]], bool]:
    """Commits touching the catalog, oldest first, each with (status, path) of changed
    claims files; and whether the clone is shallow. Paths are relative to the top level."""
    # --first-parent: the catalog's own line of history. Replaying both sides of a merge in
    # date order would invent changes (one branch's copy of a file undoing the other's);
    # a branch's changes are dated at the merge that published them.
    out = _git(["log", "--reverse", "--first-parent", "--diff-merges=first-parent",
                "--no-renames", "--format=%x01%H%x00%cs%x00%s", "--name-status", "-z",
                "--", "."], catalog_dir)
    if out is None:
        return [], False
    shallow = (_git(["rev-parse", "--is-shallow-repository"], catalog_dir) or b"").strip() == b"true"
    commits = []
    for record in out.decode("utf-8", "replace").split("\x01")[1:]:
        head, _, rest = record.partition("\n")
        sha, date, subject = (head.split("\x00") + ["", ""])[:3]
        fields = [f for f in rest.strip("\n\x00").split("\x00")]
        changes = []
        for status, path in zip(fields[0::2], fields[1::2]):
            status, path = status.strip(), path.strip()
            if PurePosixPath(path).name == CLAIMS_FILE:  # `-- .` keeps paths in the catalog
                changes.append((status[:1], path))
        commits.append((Commit(sha, date, subject, len(commits)), changes))
    return commits, shallow


def _read_blobs(catalog_dir: Path, specs: list[str]) -> dict[str, bytes]:
    """``git cat-file --batch`` for many ``sha:path`` specs in one process."""
    if not specs:
        return {}
    out = _git(["cat-file", "--batch"], catalog_dir, "\n".join(specs).encode() + b"\n")
    blobs: dict[str, bytes] = {}
    if out is None:
        return blobs
    pos = 0
    for spec in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs[spec] = out[pos:pos + size]
            pos += size + 1
    return blobs


def _fields(node) -> dict:
    """A mapping node's scalar and list children by key, without PyYAML's (slow, pure
    Python) constructor: the C parser's nodes are walked directly."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _scalar(node) -> str:
    return node.value if isinstance(node, yaml.ScalarNode) else ""


def _claims_in(blob: bytes) -> dict[str, dict]:
    """The claims of one claims.yml as {id: the fields whose change readers see}. A file
    that does not parse (a broken commit) counts as holding nothing."""
    try:
        root = yaml.compose(blob.decode("utf-8"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return {}
    entries = _fields(root).get("claims")
    found = {}
    for entry in entries.value if isinstance(entries, yaml.SequenceNode) else []:
        fields = _fields(entry)
        claim_id = _scalar(fields.get("id"))
        if not claim_id:
            continue
        evidence = fields.get("evidence")
        items = evidence.value if isinstance(evidence, yaml.SequenceNode) else []
        found[claim_id] = {
            "verdict": _scalar(fields.get("verdict")),
            "rationale": " ".join(_scalar(fields.get("rationale")).split()),
            "evidence": {(_scalar(_fields(e).get("ref")), _scalar(_fields(e).get("relation")))
                         for e in items if _scalar(_fields(e).get("ref"))},
        }
    return found


def _events(claim_id: str, old: dict | None, new: dict | None, commit: Commit) -> list[Event]:
    if old is None and new is not None:
        return [Event(claim_id, "added", commit, new["verdict"], "", new["verdict"])]
    if new is None:
        return [Event(claim_id, "withdrawn", commit, "", old["verdict"], "")]
    events = []
    if old["verdict"] != new["verdict"]:
        events.append(Event(claim_id, "verdict", commit, f"{old['verdict']} -> {new['verdict']}",
                            old["verdict"], new["verdict"]))
    if old["rationale"] != new["rationale"]:
        events.append(Event(claim_id, "rationale", commit, "reasons reworded"))
    old_refs, new_refs = {r for r, _ in old["evidence"]}, {r for r, _ in new["evidence"]}
    gained, lost = sorted(new_refs - old_refs), sorted(old_refs - new_refs)
    moved = sorted({r for r, _ in new["evidence"] ^ old["evidence"]} & old_refs & new_refs)
    parts = ([f"added {', '.join(gained)}"] if gained else []) + \
            ([f"removed {', '.join(lost)}"] if lost else []) + \
            ([f"relation of {', '.join(moved)} changed"] if moved else [])
    if parts:
        events.append(Event(claim_id, "evidence", commit, "; ".join(parts),
                            refs_added=tuple(gained), refs_removed=tuple(lost),
                            refs_changed=tuple(moved)))
    return events


def read_history(catalog_dir: Path) -> History:
    """The history of every claim ever committed under ``catalog_dir``.

    Never raises: without git, outside a repository, or with nothing committed, the
    history is empty and ``available`` is False."""
    catalog_dir = Path(catalog_dir)
    if not catalog_dir.is_dir():
        return History()
    commits, shallow = _log(catalog_dir)
    history = History(available=bool(commits), partial=shallow and bool(commits),
                      since=commits[0][0].date if commits else "", commits_read=len(commits))
    specs = [f"{c.sha}:{path}" for c, changes in commits for status, path in changes if status != "D"]
    blobs = _read_blobs(catalog_dir, specs)  # sha:path names are read from the top level
    files: dict[str, dict[str, dict]] = {}     # path -> its claims, as of the last commit
    where: dict[str, set[str]] = {}            # claim id -> the files that hold it

    def lookup(claim_id: str) -> dict | None:
        """A claim briefly in two files (a move) counts once: the first file's copy."""
        paths = where.get(claim_id)
        return files[min(paths)][claim_id] if paths else None

    for commit, changes in commits:
        incoming = {path: ({} if status == "D" else
                           _claims_in(blobs.get(f"{commit.sha}:{path}", b"")))
                    for status, path in changes}
        affected = sorted({i for path, claims in incoming.items()
                           for i in (*files.get(path, {}), *claims)})
        before = {i: lookup(i) for i in affected}
        for path, claims in incoming.items():
            for claim_id in files.pop(path, {}):
                where[claim_id].discard(path)
            if claims:
                files[path] = claims
                for claim_id in claims:
                    where.setdefault(claim_id, set()).add(path)
        for claim_id in affected:
            old, new = before[claim_id], lookup(claim_id)
            if old != new:
                history.events.setdefault(claim_id, []).extend(_events(claim_id, old, new, commit))
    return history
