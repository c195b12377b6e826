"""Every claim's public record, read from the catalog's git history.

The catalog is plain YAML in git, so the history of every verdict is already there. The
commits of the catalog's own line of history (first parent) are listed, each diffed
against the one before it; the ``claims.yml`` blobs they changed are read by object id
and parsed with the same reader, patterns and verdicts as ``claimcheck check``. Claims are
followed by id across files, so a claim moved to another file, or a re-wrapped quote, is
no change at all: only what a reader would call a change (a new claim, a verdict, a
rationale, the evidence, a claim withdrawn) becomes an event.

Commits are input like any other, and old ones can never be fixed, so nothing in them may
stop a build or put words on the site that no one wrote:

- only the files ``check`` reads count: ``sources/<id>/claims.yml``, the id a valid one;
- git's output is read as NUL-separated records and raw objects of known size, never
  split on characters a subject or a file name can hold; blobs are named by object id;
- a blob over the size limit, or with more values than one file may hold, or that does not
  parse, is skipped with a located warning: its file keeps its previous state;
- a claim record that does not read as ``check`` wants it (a ``verdict: TODO`` stub, an id
  with a line break) is skipped with a located warning: the claim keeps its previous state;
- parsed blobs are cached by object id in the build's cache folder, so a build pays only
  for blobs it has not seen before.

A change that reached the first-parent line through a merge is credited to the commit on
the merged branch that made it, not to the merge ("Merge main into ...").

A shallow clone has only the newest commits: the first of them appears to add everything.
The history then says so (``partial``) and pages write "on or before" that date.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import yaml

from .gitrev import RevisionError, git
from .limits import MAX_YAML_BYTES, MAX_YAML_VALUES
from .problems import display_path
from .quickschema import schema
from .report import for_terminal
from .yamlfile import load_yaml

CLAIMS_FILE = "claims.yml"
CACHE_FORMAT = 3           # bump when what is cached per blob changes
CACHE_MAX_FILES = 20_000   # parsed blobs kept; the oldest used go first
CACHE_MAX_BYTES = 256 * 2**20
SUBJECT_CHARS = 300        # a subject is a commit's one-line summary
MAX_WARNINGS = 50          # warnings printed; the rest are counted
LOAD_AHEAD = 32            # commits whose blobs are read together

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

_HEX = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")
# C0 and C1 controls, DEL, and the invisible direction controls ("Trojan Source").
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str      # YYYY-MM-DD, the commit date (in the committer's time zone)
    subject: str
    order: int = 0  # position in history, oldest 0: orders commits made on one day
    time: str = ""  # the commit time in UTC, ISO 8601 ("2026-01-03T12:00:00Z")


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
    warnings: list[str] = field(default_factory=list)  # records skipped, located
    blobs_parsed: int = 0     # blobs read and parsed by this build (the rest from the cache)
    items_parsed: int = 0     # distinct claim list items among them, each parsed once

    def warning_lines(self) -> list[str]:
        """The warnings to print, at most MAX_WARNINGS, then how many more; control
        characters (a YAML escape can put one in a key) shown as \\uXXXX."""
        lines = [for_terminal(w) for w in self.warnings[:MAX_WARNINGS]]
        if len(self.warnings) > MAX_WARNINGS:
            lines.append(f"... and {len(self.warnings) - MAX_WARNINGS:,} more warnings about "
                         "past versions of the catalog")
        return lines

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


# ---------------------------------------------------------------------------- git

def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes | None:
    """git's output, or None: the history never stops a build (see read_history)."""
    try:
        done = git(args, cwd, stdin, timeout=300)
    except (RevisionError, OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _shas(out: bytes | None) -> list[list[str]]:
    """Lines of object ids (rev-list, optionally with parents); anything else is dropped."""
    rows = []
    for line in (out or b"").split(b"\n"):
        ids = line.split(b" ")
        if line and all(_HEX.fullmatch(i) for i in ids):
            rows.append([i.decode() for i in ids])
    return rows


def clean_subject(raw: str) -> str:
    """A commit subject fit for a web page and a feed: control and direction characters
    become spaces, white space is collapsed, the length bounded."""
    text = " ".join(_CONTROL.sub(" ", raw).split())
    return text if len(text) <= SUBJECT_CHARS else text[:SUBJECT_CHARS - 1] + "…"


def _commit_objects(top: Path, shas: list[str]) -> dict[str, tuple[list[str], int, int, str]]:
    """{sha: (parents, committer time, its UTC offset in minutes, subject)}, read as raw
    commit objects of known size: nothing in a message can be taken for a field."""
    found: dict[str, tuple[list[str], int, int, str]] = {}
    for sha, body in _batch(top, shas, "commit"):
        head, _, message = body.partition(b"\n\n")
        parents, when, offset = [], 0, 0
        for line in head.split(b"\n"):
            if line.startswith(b"parent ") and _HEX.fullmatch(line[7:]):
                parents.append(line[7:].decode())
            elif line.startswith(b"committer "):
                parts = line.rsplit(b" ", 2)
                zone = parts[-1] if len(parts) == 3 else b""
                if parts[-2:-1] and parts[-2].isdigit() and re.fullmatch(rb"[+-]\d{4}", zone):
                    when = int(parts[-2])
                    sign = -1 if zone[:1] == b"-" else 1
                    offset = sign * (int(zone[1:3]) * 60 + int(zone[3:5]))
        paragraph = message[:64 * SUBJECT_CHARS].decode("utf-8", "replace").lstrip("\n")
        found[sha] = (parents, when, offset, clean_subject(paragraph.split("\n\n")[0]))
    missing = [sha for sha in shas if sha not in found]  # a commit object over the size limit
    if missing:  # its parents and time from git's own fixed-format fields; no subject
        out = _git(["log", "--no-walk=unsorted", "--format=%H %P%x00%ct %cI", "--stdin"], top,
                   "\n".join(missing).encode() + b"\n") or b""
        for line in out.split(b"\n"):
            ids, _, when = line.partition(b"\x00")
            rows = _shas(ids.strip())
            parts = when.split(b" ")
            zone = re.search(rb"([+-])(\d\d):(\d\d)$", parts[-1]) if len(parts) == 2 else None
            if rows and parts[0].isdigit() and zone:
                offset = (-1 if zone[1] == b"-" else 1) * (int(zone[2]) * 60 + int(zone[3]))
                found[rows[0][0]] = (rows[0][1:], int(parts[0]), offset, "")
    return found


def _sizes(top: Path, ids: list[str], kind: str) -> dict[str, int]:
    """{id: size} of the objects of type ``kind`` among ``ids`` (``cat-file --batch-check``)."""
    check = _git(["cat-file", "--batch-check"], top, "\n".join(ids).encode() + b"\n") or b""
    sizes = {}
    for line in check.split(b"\n"):
        parts = line.split(b" ")
        if len(parts) == 3 and parts[1] == kind.encode() and parts[2].isdigit():
            sizes[parts[0].decode()] = int(parts[2])
    return sizes


def _batch(top: Path, ids: list[str], kind: str, sizes: dict[str, int] | None = None,
           max_bytes: int = 64 * 2**20):
    """(id, content) of each object of type ``kind``, read with ``cat-file --batch`` in
    runs of at most ``max_bytes``, so memory holds one run, not the whole history. Objects
    over MAX_YAML_BYTES are never read."""
    if not ids:
        return
    sizes = _sizes(top, ids, kind) if sizes is None else sizes
    wanted = [i for i in ids if i in sizes and sizes[i] <= MAX_YAML_BYTES]
    run: list[str] = []
    total = 0
    for n, oid in enumerate(wanted):
        run.append(oid)
        total += sizes[oid]
        if total < max_bytes and n < len(wanted) - 1:
            continue
        out = _git(["cat-file", "--batch"], top, "\n".join(run).encode() + b"\n") or b""
        pos = 0
        for expected in run:
            end = out.find(b"\n", pos)
            if end < 0:
                break
            header = out[pos:end].split(b" ")
            pos = end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                if header[0].decode() == expected and header[1] == kind.encode():
                    yield expected, out[pos:pos + size]
                pos += size + 1
        run, total = [], 0


def _diffs(top: Path, pairs: list[tuple[str, str]], pathspec: str) -> dict[str, list[tuple[str, str, str]]]:
    """{commit: [(old blob, new blob, path)]} for each (commit, parent or ''), from one
    ``git diff-tree -z --stdin``: raw records of fixed shape, paths NUL-terminated."""
    if not pairs:
        return {}
    lines = "".join(f"{c} {p}\n" if p else f"{c}\n" for c, p in pairs).encode()
    out = _git(["diff-tree", "-r", "-z", "--root", "--no-renames", "--stdin", "--",
                f":(literal){pathspec}"], top, lines)
    changes: dict[str, list[tuple[str, str, str]]] = {c: [] for c, _ in pairs}
    fields = (out or b"").split(b"\0")
    current, i = None, 0
    while i < len(fields):
        item = fields[i]
        if item.startswith(b":") and i + 1 < len(fields):
            parts = item[1:].split(b" ")
            path = fields[i + 1]
            i += 2
            if current in changes and len(parts) == 5:
                new = parts[3].decode()
                if parts[1] not in (b"100644", b"100755", b"000000"):
                    new = _LINK  # a symbolic link or a submodule: check reads neither
                changes[current].append((parts[2].decode(), new,
                                         path.decode("utf-8", "surrogateescape")))
        else:
            i += 1
            if _HEX.fullmatch(item):
                current = item.decode()
    return changes


# --------------------------------------------------------------------- reading blobs

_ZERO = re.compile("0+")
_LINK = "link"  # stands for the blob of anything but a plain file


def _rules() -> tuple[re.Pattern, frozenset, frozenset]:
    """The id pattern, verdicts and relations of the claims schema: check's own rules."""
    claim = schema("claims")["properties"]["claims"]["items"]["properties"]
    pattern = re.compile(claim["id"]["pattern"])  # used with fullmatch
    relations = claim["evidence"]["items"]["properties"]["relation"]["enum"]
    return pattern, frozenset(claim["verdict"]["enum"]), frozenset(relations)


def _entries(doc) -> list[tuple]:
    """A parsed claims.yml's records: ("claim", id, record, line) for each claim as the
    history keeps it, ("skip", key, line, col, why) for each check would refuse in a field
    the history uses (line and column 1-based in ``doc``; the key is the claim's id when
    that id is valid, so the claim can keep its previous state). A file that is not a
    mapping with a list of claims is ("refused", why): check refuses it whole."""
    ident, verdicts, relations = _rules()
    data = doc.data if isinstance(doc.data, dict) else None
    entries = data.get("claims") if data is not None else None
    if not isinstance(entries, list):
        return [("refused", "the file is not a mapping with a list of claims")]
    found = []
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        entry = entry if isinstance(entry, dict) else {}
        claim_id, verdict = entry.get("id"), entry.get("verdict")
        where = doc.where(("claims", i))
        if not isinstance(claim_id, str) or not ident.fullmatch(claim_id):
            found.append(("skip", f"#{where.line}", where.line, where.col,
                          f"claim id {claim_id!r} is not a valid id; this record was skipped"))
            continue
        evidence = entry.get("evidence")
        pairs = []
        bad = not isinstance(verdict, str) or verdict not in verdicts
        for item in evidence if isinstance(evidence, list) else []:
            item = item if isinstance(item, dict) else {}
            ref, relation = item.get("ref"), item.get("relation")
            if not (isinstance(ref, str) and ident.fullmatch(ref)
                    and isinstance(relation, str) and relation in relations):
                bad = True
            else:
                pairs.append([ref, relation])
        rationale = entry.get("rationale")
        if bad or not isinstance(rationale, str):
            found.append(("skip", claim_id, where.line, where.col,
                          f"claim '{claim_id}' has no valid verdict, rationale or evidence (as "
                          "claimcheck check reads them); this version of it was skipped"))
            continue
        found.append(("claim", claim_id, [verdict, " ".join(rationale.split()), sorted(pairs)],
                      where.line))
    return found


def _refused(display: str, problems, offset: int = 0) -> dict:
    first = problems[0] if problems else None
    warning = (f"{display}:{first.location.line + offset}:{first.location.col}: warning: "
               f"{first.message}" if first else f"{display}: warning: could not be read")
    return {"ok": False, "claims": {}, "skipped": {"": warning + "; that version was skipped"}}


_ITEM = re.compile(r"^( *)- ", re.M)


def _pieces(text: str) -> list[tuple[int, str]] | None:
    """A claims.yml in the catalog's own block layout cut into its list items, each with
    the number of its first line: ``claims:`` alone at the top (comments and blank lines
    aside), then items at one indentation, every other line indented deeper, blank or a
    comment. Such an item reads the same alone as in its file. None for any other layout
    (flow style, other keys, a second document...), which is read whole."""
    if any(brk in text for brk in "\r\x85\u2028\u2029"):  # YAML's other line breaks
        return None
    first = _ITEM.search(text)
    if first is None:
        return None
    if yaml.reader.Reader.NON_PRINTABLE.search(text, 0, first.start()):
        return None  # the head is never parsed alone: what YAML refuses there, refuse whole
    head = text[:first.start()].split("\n")[:-1]  # lines as "\n" ends them, as YAML's
    if [h.strip() for h in head if h.strip() and not h.lstrip().startswith("#")] != ["claims:"] \
            or any(h.strip() == "claims:" and h != h.lstrip() for h in head):
        return None
    indent = " " * len(first.group(1))
    # Every line after the head: an item's start at that indentation, a deeper line (not
    # led by a tab), a comment or blank. One search in C, not a loop over lines.
    if re.search(rf"^(?!{indent}- |{indent} +[^ \t]| *#| *$)", text[first.start():], re.M):
        return None
    lines = text.split("\n")
    starts = [n for n in range(len(head), len(lines)) if lines[n].startswith(indent + "- ")]
    return [(a + 1, "\n".join(lines[a:b]) + "\n") for a, b in zip(starts, starts[1:] + [len(lines)])]


def parse_blob(blob: bytes, display: str, items: dict | None = None) -> dict:
    """One claims.yml as committed: {"ok": bool, "claims": {id: [verdict, rationale,
    [[ref, relation], ...]]}, "lines": {id: line}, "skipped": {id or key: warning}}. Read by check's own YAML
    reader (its size, value, depth and alias limits); a claim record check would refuse
    for a field the history uses is left out, with its reason.

    ``items`` (text of one list item -> what it holds) lets a file in the catalog's own
    layout be read item by item: consecutive versions share all but the changed items,
    so each distinct item is parsed once, and the cost follows what changed."""
    try:
        pieces = _pieces(blob.decode("utf-8")) if items is not None else None
    except UnicodeDecodeError:
        pieces = None
    found: list[tuple] = []
    if pieces is None:
        doc, problems = load_yaml(Path(display), raw=blob)
        if not doc.ok:
            return _refused(display, problems)
        found = _entries(doc)
    else:
        values = 0
        for start, piece in pieces:
            got = items.get(piece)
            if got is None:
                doc, problems = load_yaml(Path(display), raw=("claims:\n" + piece).encode())
                got = (doc.ok, len(doc.value_marks), _entries(doc) if doc.ok else problems)
                if len(items) > 500_000:
                    items.clear()
                items[piece] = got
            ok, count, entries = got
            values += count
            if not ok or values > MAX_YAML_VALUES:
                return _refused(display, entries if not ok else [], start - 2)
            found.extend(e[:2] + (e[2] + start - 2,) + e[3:] if e[0] == "skip" else
                         e[:3] + (e[3] + start - 2,) for e in entries)
    claims, lines, skipped = {}, {}, {}
    for entry in found:
        if entry[0] == "refused":
            return {"ok": False, "claims": {}, "skipped": {
                "": f"{display}: warning: {entry[1]}; that version was skipped"}}
        if entry[0] == "claim":
            claims[entry[1]], lines[entry[1]] = entry[2], entry[3]
        else:
            _, key, line, col, why = entry
            skipped[key] = f"{display}:{line}:{col}: warning: {why}"
    return {"ok": True, "claims": claims, "lines": lines, "skipped": skipped}


class _Cache:
    """Parsed blobs by object id, one JSON file each, in the build's cache folder. A blob
    id names its bytes, so an entry never goes stale; the folder is bounded by count and
    size, the least recently used removed first. Any failure only means "parse again"."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: list[Path] = []

    def get(self, oid: str):
        if self.folder is None:
            return None
        path = self.folder / oid[:2] / f"{oid}.json"
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
            os.utime(path)
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) and "claims" in value else None

    def put(self, oid: str, value: dict) -> None:
        if self.folder is None:
            return
        path = self.folder / oid[:2] / f"{oid}.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temp = path.with_suffix(f".{os.getpid()}.tmp")
            temp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")),
                            encoding="utf-8")
            os.replace(temp, path)
        except OSError:
            self.folder = None

    def prune(self) -> None:
        if self.folder is None:
            return
        try:
            entries = [(p.stat().st_mtime, p.stat().st_size, p) for p in self.folder.glob("*/*.json")]
        except OSError:
            return
        entries.sort(reverse=True)
        count = size = 0
        for _, bytes_, path in entries:
            count, size = count + 1, size + bytes_
            if count > CACHE_MAX_FILES or size > CACHE_MAX_BYTES:
                try:
                    path.unlink()
                except OSError:
                    pass


def cache_folder(top: Path) -> Path:
    """Where parsed history blobs are kept: the repository's .cache folder (gitignored)."""
    return top / ".cache" / "claimcheck" / f"history-{CACHE_FORMAT}"


# ---------------------------------------------------------------------- the history

def _events(claim_id: str, old: list | None, new: list | None, commit: Commit) -> list[Event]:
    if old is None and new is not None:
        return [Event(claim_id, "added", commit, new[0], "", new[0])]
    if new is None:
        return [Event(claim_id, "withdrawn", commit, "", old[0], "")]
    events = []
    if old[0] != new[0]:
        events.append(Event(claim_id, "verdict", commit, f"{old[0]} -> {new[0]}", old[0], new[0]))
    if old[1] != new[1]:
        events.append(Event(claim_id, "rationale", commit, "reasons reworded"))
    old_ev, new_ev = {tuple(p) for p in old[2]}, {tuple(p) for p in new[2]}
    old_refs, new_refs = {r for r, _ in old_ev}, {r for r, _ in new_ev}
    gained, lost = sorted(new_refs - old_refs), sorted(old_refs - new_refs)
    moved = sorted({r for r, _ in new_ev ^ old_ev} & old_refs & new_refs)
    parts = ([f"added {', '.join(gained)}"] if gained else []) + \
            ([f"removed {', '.join(lost)}"] if lost else []) + \
            ([f"relation of {', '.join(moved)} changed"] if moved else [])
    if parts:
        events.append(Event(claim_id, "evidence", commit, "; ".join(parts),
                            refs_added=tuple(gained), refs_removed=tuple(lost),
                            refs_changed=tuple(moved)))
    return events


def _aspect(kind: str, record: list | None):
    """The part of a claim's record an event of ``kind`` is about."""
    if record is None or kind in ("added", "withdrawn"):
        return record is None
    return record[{"verdict": 0, "rationale": 1, "evidence": 2}[kind]]


class _Reader:
    def __init__(self, top: Path, relative: str, cache: _Cache):
        self.top, self.cache = top, cache
        self.prefix = f"{relative}/sources/" if relative else "sources/"
        self.ident = _rules()[0]
        self.parsed: dict[str, dict] = {}
        self.warnings: list[str] = []
        self.seen: set[str] = set()
        self.items: dict = {}  # list items already parsed, by text (parse_blob)
        self.fresh = 0

    def source_of(self, path: str) -> str | None:
        """The source id of a claims file ``check`` reads, None for any other path."""
        if not path.startswith(self.prefix) or not path.endswith("/" + CLAIMS_FILE):
            return None
        folder = path[len(self.prefix):-len(CLAIMS_FILE) - 1]
        return folder if self.ident.fullmatch(folder) else None

    def load(self, wanted: dict[str, tuple[str, str]]) -> None:
        """Parse (or take from the cache) each blob in {oid: (path, commit)}."""
        todo = {}
        for oid, where in wanted.items():
            if oid in self.parsed:
                continue
            cached = self.cache.get(oid)
            if cached is not None:
                self.parsed[oid] = cached
            else:
                todo[oid] = where
        if not todo:
            return
        sizes = _sizes(self.top, list(todo), "blob")
        for oid, (path, sha) in todo.items():
            if oid not in sizes:
                self.parsed[oid] = {"ok": False, "claims": {}, "skipped": {
                    "": f"{path}: warning: blob {oid[:12]} of commit {sha[:12]} is missing "
                        "from this clone; that version was skipped"}}
            elif sizes[oid] > MAX_YAML_BYTES:
                self.parsed[oid] = {"ok": False, "claims": {}, "skipped": {
                    "": f"{path}: warning: the version in commit {sha[:12]} is "
                        f"{sizes[oid]:,} bytes, over the {MAX_YAML_BYTES // 2**20} MiB limit "
                        "for one catalog file; that version was skipped"}}
                self.cache.put(oid, self.parsed[oid])
        for oid, blob in _batch(self.top, [o for o in todo if o not in self.parsed], "blob", sizes):
            path, sha = todo[oid]
            value = parse_blob(blob, f"{path}@{sha[:12]}", self.items)
            self.fresh += 1
            self.parsed[oid] = value
            self.cache.put(oid, value)

    def warn(self, warning: str) -> None:
        if warning not in self.seen:
            self.seen.add(warning)
            self.warnings.append(warning)

    def claims(self, oid: str, path: str, sha: str, previous) -> dict | None:
        """The claims a blob at ``path`` holds. A record check would refuse (a bad field,
        an id without its source's prefix) keeps the claim's ``previous(id)`` state, so a
        broken commit neither withdraws nor re-adds it; None when the whole blob is
        unreadable (the file keeps its previous state)."""
        if oid not in self.parsed:  # read ahead, used and let go, and needed again
            self.load({oid: (path, sha)})
        value = self.parsed.get(oid) or {"ok": False, "claims": {}, "skipped": {}}
        for warning in value["skipped"].values():
            self.warn(warning)
        if not value["ok"]:
            return None
        source = self.source_of(path) or ""
        claims, kept = {}, [key for key in value["skipped"] if not key.startswith("#")]
        for claim_id, record in value["claims"].items():
            if claim_id.startswith(source + "-"):
                claims[claim_id] = record
            else:
                line = value.get("lines", {}).get(claim_id, 1)
                self.warn(f"{path}@{sha[:12]}:{line}:1: warning: claim id '{claim_id}' does not "
                          f"start with its source's id ('{source}-'); this version of it was "
                          "skipped")
                kept.append(claim_id)
        for claim_id in kept:
            record = previous(claim_id)
            if record is not None:
                claims[claim_id] = record
        return claims


def _toplevel(folder: Path) -> tuple[Path, str] | None:
    out = _git(["rev-parse", "--show-toplevel"], folder)
    if not out:
        return None
    top = Path(out.decode("utf-8", "surrogateescape").removesuffix("\n"))
    try:
        relative = folder.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        return None
    return top, "" if relative == "." else relative


def _tracked(top: Path, folder: Path) -> bool:
    """Whether git tracks anything in the repository's folder that holds ``folder`` (or
    cannot say): a cache a commit can write is no cache to trust. .cache/ is ignored, but
    `git add -f` commits into it all the same, and a committed link could stand for it."""
    if not folder.is_relative_to(top) or folder == top:
        return False
    first = folder.relative_to(top).parts[0]
    listed = _git(["ls-files", "-z", "--", f":(literal){first}"], top)
    return listed is None or bool(listed)


def _commit(sha: str, meta: tuple, order: int) -> Commit:
    """A Commit; a date git could not have written (year past 9999, a zone past a day)
    reads as unknown rather than stopping the build."""
    parents, when, offset, subject = meta
    try:
        local = datetime.fromtimestamp(when, timezone(timedelta(minutes=offset)))
        utc = datetime.fromtimestamp(when, timezone.utc)
    except (ValueError, OverflowError, OSError):
        when = 0
    return Commit(sha, local.date().isoformat() if when else "", subject, order,
                  utc.strftime("%Y-%m-%dT%H:%M:%SZ") if when else "")


def read_history(catalog_dir: Path, cache_dir: Path | None | bool = True) -> History:
    """The history of every claim ever committed under ``catalog_dir``.

    ``cache_dir``: where parsed blobs are kept (True: the repository's .cache folder;
    None or False: no cache). Never raises: without git, outside a repository, or with
    nothing committed, the history is empty and ``available`` is False; and should a
    commit still find a way to make reading fail, the site is built without history and
    the build says why, rather than every later build failing for good."""
    catalog_dir = Path(catalog_dir)
    if not catalog_dir.is_dir():
        return History()
    try:
        return _read_history(catalog_dir, cache_dir)
    except (Exception, RecursionError) as err:  # noqa: BLE001 - reported, never raised
        return History(warnings=[f"{display_path(catalog_dir)}: warning: the history could not "
                                 f"be read ({type(err).__name__}: {err}); the site was built "
                                 "without it: please report this with the commit that caused it"])


def _read_history(catalog_dir: Path, cache_dir) -> History:
    located = _toplevel(catalog_dir)
    if located is None:
        return History()
    top, relative = located
    sources = f"{relative}/sources" if relative else "sources"
    # --first-parent: the catalog's own line of history. Replaying both sides of a merge
    # in date order would invent changes (one branch's copy of a file undoing the other's).
    line = _shas(_git(["rev-list", "--first-parent", "--reverse", "--parents", "HEAD", "--",
                       f":(literal){relative}" if relative else "."], top))
    if not line:
        return History()
    shallow = (_git(["rev-parse", "--is-shallow-repository"], top) or b"").strip() == b"true"
    metas = _commit_objects(top, [row[0] for row in line])
    folder = cache_dir if isinstance(cache_dir, Path) else (cache_folder(top) if cache_dir else None)
    warnings = []
    if folder is not None and _tracked(top, folder):
        warnings.append(f"{folder.relative_to(top).parts[0]}: warning: the history cache's "
                        "folder holds committed files, which a pull request could forge; the "
                        "cache was not used")
        folder = None
    reader = _Reader(top, relative, _Cache(folder))
    reader.warnings.extend(warnings)
    diffs = _diffs(top, [(row[0], row[1] if len(row) > 1 else "") for row in line], sources)
    commits = [(_commit(row[0], metas.get(row[0], ([], 0, 0, "")), n), diffs.get(row[0], []))
               for n, row in enumerate(line)]
    history = History(available=True, partial=shallow, since=commits[0][0].date,
                      commits_read=len(commits))

    files: dict[str, dict[str, list]] = {}     # path -> its claims, as of the last commit
    where: dict[str, set[str]] = {}            # claim id -> the files that hold it

    def lookup(claim_id: str) -> list | None:
        """A claim briefly in two files (a move) counts once: the first file's copy."""
        paths = where.get(claim_id)
        return files[min(paths)][claim_id] if paths else None

    commits = [(c, [(o, n, p) for o, n, p in changes if reader.source_of(p)]) for c, changes in commits]
    commits = [(c, changes) for c, changes in commits if changes]
    for at, (commit, changes) in enumerate(commits):
        if at % LOAD_AHEAD == 0:  # two git processes per run of commits, not per commit
            reader.load({new: (path, c.sha) for c, later in commits[at:at + LOAD_AHEAD]
                         for _, new, path in later if not _ZERO.fullmatch(new) and new != _LINK})
        incoming = {}
        for _, new, path in changes:
            if _ZERO.fullmatch(new):
                incoming[path] = {}
            elif new == _LINK:
                reader.warn(f"{path}: warning: in commit {commit.sha[:12]} it is a symbolic link "
                            "or a submodule, which check does not read; that version was skipped")
            else:
                claims = reader.claims(new, path, commit.sha, lookup)
                reader.parsed.pop(new, None)  # memory holds one version of each file
                if claims is not None:
                    incoming[path] = claims
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
        found = []
        for claim_id in affected:
            old, new = before[claim_id], lookup(claim_id)
            if old != new:
                found.extend(_events(claim_id, old, new, commit))
        parents = metas.get(commit.sha, ([], 0, 0, ""))[0]
        if len(parents) > 1 and found:
            found = _credit(top, reader, commit, parents[0], found, sources)
        for event in found:
            history.events.setdefault(event.claim, []).append(event)
    reader.cache.prune()
    history.warnings = reader.warnings
    history.blobs_parsed = reader.fresh
    history.items_parsed = len(reader.items)
    return history


def _credit(top: Path, reader: _Reader, merge: Commit, first: str, events: list[Event],
            sources: str) -> list[Event]:
    """Events a merge brought in, each credited to the newest commit of the merged side
    that changed that part of that claim (its subject and date); the merge keeps its
    place in the order. Events no side commit explains stay with the merge."""
    side = _shas(_git(["rev-list", "--no-merges", "--topo-order", merge.sha, f"^{first}", "--",
                       f":(literal){sources}"], top))
    shas = [row[0] for row in side][:500]
    if not shas:
        return events
    metas = _commit_objects(top, shas)
    pairs = [(s, metas[s][0][0]) for s in shas if s in metas and metas[s][0]]
    diffs = _diffs(top, pairs, sources)
    wanted = {}
    for sha, _ in pairs:
        for old, new, path in diffs.get(sha, []):
            if reader.source_of(path):
                for oid in (old, new):
                    if not _ZERO.fullmatch(oid) and oid != _LINK:
                        wanted[oid] = (path, sha)
    reader.load(wanted)

    def state(oid: str, claim_id: str):
        if _ZERO.fullmatch(oid) or oid == _LINK:
            return None
        value = reader.parsed.get(oid)
        return value["claims"].get(claim_id) if value and value["ok"] else None

    credited = []
    for event in events:
        author = None
        for sha, _ in pairs:  # newest first
            for old, new, path in diffs.get(sha, []):
                if not reader.source_of(path):
                    continue
                before, after = state(old, event.claim), state(new, event.claim)
                if before is None and after is None:
                    continue
                if _aspect(event.kind, before) != _aspect(event.kind, after):
                    author = sha
                    break
            if author:
                break
        if author is None:
            credited.append(event)
            continue
        own = _commit(author, metas[author], merge.order)
        credited.append(Event(event.claim, event.kind, own, event.detail, event.old, event.new,
                              event.refs_added, event.refs_removed, event.refs_changed))
    return credited
