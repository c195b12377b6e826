"""claimcheck source add: archive a new article and write its source.yml.

Everything is decided before anything is written: an id in use, an archive identical or
nearly identical to one already catalogued, or a page without article text each refuse
with no file changed. The new folder is written beside the others under a temporary name
and renamed into place, so an interrupted run leaves no half-made source.

Fields only a person can decide (venue, commercial_interest, the title when the page has
none, and the provenance when no --url says where the page was saved from) are left out of
source.yml, with a comment saying what to write: the schema check then reports each as
missing, so the catalog cannot build (and the site cannot publish a placeholder) until
someone has filled them in. With --url the provenance is what the contributor did: saved
the page at that address on the retrieved date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz

from .. import containment
from ..catalog import SOURCE_FILE, load_catalog
from ..extract import ExtractionError, extract
from ..limits import MAX_ARCHIVE_BYTES
from ..problems import display_path
from ..stubs import schema_line, yaml_string
from . import COMMANDS
from .common import UsageError, add_catalog_argument
from .new import ID_PATTERN

ARCHIVE = "archive.txt"
NEAR_DUPLICATE = 90.0  # percent alike (rapidfuzz ratio over normalised text)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

TO_DECIDE = {
    "venue": "where and how the article was published, e.g. \"blog post on the clinic's "
             "website, ending with a booking form\"",
    "commercial_interest": "what the publisher sells that the article bears on, or \"none "
                           "found\" after looking",
}


def add_arguments(parser):
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help=COMMANDS["source"], description=COMMANDS["source"])
    add.add_argument("id", metavar="ID", help="the new source id: lower-case words joined by hyphens")
    given = add.add_mutually_exclusive_group(required=True)
    given.add_argument("--html", type=Path, metavar="FILE",
                       help="a saved web page; its main text is extracted")
    given.add_argument("--text", type=Path, metavar="FILE",
                       help="the article as UTF-8 plain text; archived byte for byte")
    add.add_argument("--url", default="", help="the address the page was saved from")
    add.add_argument("--retrieved", metavar="YYYY-MM-DD",
                     help="when the page was saved (default: today, UTC)")
    add_catalog_argument(add)


def run(args) -> int:
    root: Path = args.catalog
    if not (root / "sources").is_dir():
        raise UsageError(f"no catalog sources folder at '{root}/sources'; run from the "
                         "repository root or pass --catalog DIR")
    source_id = args.id
    if not ID_PATTERN.fullmatch(source_id):
        raise UsageError(f"source id '{source_id}' is not valid; use lower-case words joined "
                         "by hyphens, e.g. 'clinic-how-it-works'")
    folder = root / "sources" / source_id
    if folder.exists() or folder.is_symlink():
        raise UsageError(f"source '{source_id}' already exists ({display_path(folder)}); "
                         "choose another id")
    retrieved = args.retrieved or dt.datetime.now(dt.timezone.utc).date().isoformat()
    if not _valid_date(retrieved):
        raise UsageError(f"--retrieved '{retrieved}' is not a date; expected YYYY-MM-DD")
    if args.url and not re.match(r"^https?://\S+$", args.url):
        raise UsageError(f"--url '{args.url}' is not a web address; expected https://...")

    data, fields, origin = _read_input(args)
    if len(data) > MAX_ARCHIVE_BYTES:  # decided before anything is written
        raise UsageError(f"the article text is {len(data):,} bytes, over the "
                         f"{MAX_ARCHIVE_BYTES // 2**20} MiB limit for one archive; is it the "
                         "article itself? Nothing was written")
    _refuse_duplicates(root, data)
    fields.update(retrieved=retrieved, archive=ARCHIVE,
                  archive_sha256=hashlib.sha256(data).hexdigest())
    if args.url:
        fields["url"] = args.url
        fields["provenance"] = _saved_from(retrieved, plain=bool(args.text))
    _write(folder, data, _source_yml(source_id, fields, origin))

    print(f"{display_path(folder / ARCHIVE)}: archived {len(data)} bytes from {origin}")
    print(f"{display_path(folder / SOURCE_FILE)}: written; check every value against the page")
    missing = [k for k in ("title", *TO_DECIDE, "provenance") if not fields.get(k)]
    print(f"To decide before the catalog builds: {', '.join(missing)} "
          "(claimcheck check reports each one until it is filled in)")
    print(f"Next: claimcheck suggest {source_id}")
    return 0


def _saved_from(retrieved: str, plain: bool) -> dict:
    """The provenance of a page the contributor saved from the address given with --url."""
    what = ("copied into a plain-text file and archived byte for byte" if plain else
            "its main text extracted and archived")
    return {"status": "found", "checked": retrieved,
            "how": f"Saved from the address above on {retrieved}; {what} with claimcheck "
                   "source add."}


def _valid_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _read_input(args) -> tuple[bytes, dict, str]:
    path: Path = args.html or args.text
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read '{path}': {err.strerror or err}") from None
    if args.text:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as err:
            raise UsageError(f"'{path}' is not UTF-8 text (byte {err.start}); save it as "
                             "UTF-8 first") from None
        if not raw.strip():
            raise UsageError(f"'{path}' is empty")
        return raw, {}, path.name
    try:
        page = extract(raw, url=args.url)
    except ExtractionError as err:
        raise UsageError(f"'{path}': {err}") from None
    fields = {"title": page.title, "publisher": page.sitename, "author": page.author,
              "url": page.url if re.match(r"^https?://\S+$", page.url) else "",
              "published": page.published if _valid_date(page.published) else ""}
    return page.text.encode("utf-8"), fields, path.name


def _flat(data: bytes) -> str:
    return " ".join(data.decode("utf-8", "replace").lower().split())


class _Archived(NamedTuple):
    """An archive to compare with, as containment.archive_bytes reads a source's."""

    folder: Path
    archive: str


def _archives(root: Path) -> list[_Archived]:
    """Every archived text: the file each source.yml names, and any archive.txt besides
    (a source folder whose source.yml does not load yet)."""
    found = {_Archived(p.parent, ARCHIVE) for p in (root / "sources").glob(f"*/{ARCHIVE}")}
    found.update(_Archived(s.folder, s.archive) for s in load_catalog(root).sources)
    return sorted(found)


def _refuse_duplicates(root: Path, data: bytes) -> None:
    """Refuse an archive identical, or nearly identical, to one already catalogued. Only
    archives that stay inside their source folder are read (see containment)."""
    new = _flat(data)
    digest = hashlib.sha256(data).hexdigest()
    for named in _archives(root):
        try:
            old = containment.archive_bytes(named)
        except (containment.Refused, OSError):
            continue  # missing, outside its folder, or too large: the archive check says so
        archive = named.folder / named.archive
        name = archive.parent.name
        if hashlib.sha256(old).hexdigest() == digest:
            raise UsageError(f"this text is identical to the archive of source '{name}' "
                             f"({display_path(archive)}); nothing was written")
        alike = fuzz.ratio(new, _flat(old), score_cutoff=NEAR_DUPLICATE)
        if alike:
            raise UsageError(f"this text is nearly identical ({alike:.0f}% alike) to the archive "
                             f"of source '{name}' ({display_path(archive)}); if it is the same "
                             "article, add no new source; nothing was written")


def _source_yml(source_id: str, fields: dict, origin: str) -> str:
    lines = [f"id: {source_id}"]
    for key in ("title", "publisher", "author", "url", "published", "retrieved", "archive",
                "archive_sha256"):
        if fields.get(key):
            value = fields[key]
            lines.append(f"{key}: {value if key in ('archive', 'archive_sha256') else yaml_string(value)}")
    lines.append(f"# Written by `claimcheck source add` from {origin}: check each value against the page.")
    lines.append("# To decide: claimcheck check reports each field below as missing until it is")
    lines.append("# written here (uncomment the line and replace the description).")
    if not fields.get("title"):
        lines.append("# title: the article's own title, as the page shows it")
    for key, what in TO_DECIDE.items():
        lines.append(f"# {key}: {what}")
    if provenance := fields.get("provenance"):
        lines.append("provenance:")
        lines += [f"  {key}: {yaml_string(value)}" for key, value in provenance.items()]
    else:
        lines += _PROVENANCE_TO_DECIDE
    return "\n".join(lines) + "\n"


# Without --url nobody has said where the text came from; uncommented as they stand, the
# empty values still fail the check, so the lines must be filled in.
_PROVENANCE_TO_DECIDE = [
    "# provenance:  # where the text came from (uncomment these four lines, then fill them in)",
    "#   status: \"\"  # found: you saw the page at url and its text matches the archive; else not-found",
    "#   checked: \"\"  # the day you looked for the original page, YYYY-MM-DD",
    "#   how: \"\"  # what you searched for and where, or how you matched the page to the archive",
]


def _write(folder: Path, data: bytes, source_yml: str) -> None:
    """Write both files into a temporary folder beside the others, then rename it."""
    parent = folder.parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=parent))
    try:
        (tmp / ARCHIVE).write_bytes(data)
        head = schema_line(folder / SOURCE_FILE, "source")
        (tmp / SOURCE_FILE).write_text(head + source_yml, encoding="utf-8")
        tmp.chmod(0o755)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
