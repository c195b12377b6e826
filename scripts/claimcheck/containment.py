"""Keep every read inside the catalog folder.

The catalog arrives in pull requests, and git stores symbolic links: without this, an
`archive: /etc/passwd`, an `archive.txt` linked to a file elsewhere on the build machine,
or a link to /dev/zero would be read, hashed and even published. Every path the catalog
names or implies is resolved here first; a path that leaves its folder, or is not a
regular file, is refused with a reason, and nothing refused is ever opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from .limits import MAX_ARCHIVE_BYTES
from .problems import Location, Problem, display_path

ID = "containment"


class Refused(Exception):
    """A path that must not be read; the message says why and what to do instead."""


class Missing(Refused):
    """The path names nothing at all."""


def named_path(folder: Path, name: str) -> Path:
    """The file ``name`` (as written in a catalog field) inside ``folder``, or Refused."""
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).drive or name.startswith("\\"):
        raise Refused(f"'{name}' is an absolute path; name a file inside the source folder, "
                      "such as archive.txt")
    parts = name.replace("\\", "/").split("/")
    if ".." in parts:
        raise Refused(f"'{name}' climbs out of the source folder with '..'; name a file inside "
                      "it, such as archive.txt")
    return folder / name


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symbolic link followed, still lies within ``folder``."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


def check_file(path: Path, folder: Path) -> None:
    """Refused unless ``path`` is a regular file that stays within ``folder``."""
    try:  # the common case, without resolving every link: a real file right in the folder
        if Path(path).parent == Path(folder) and stat.S_ISREG(os.lstat(path).st_mode):
            return
    except OSError:
        pass  # the full check below says what is wrong
    if not inside(path, folder):
        raise Refused(f"'{display_path(path)}' is a symbolic link (or passes through one) that "
                      f"leads outside '{display_path(folder)}'; replace the link with the file itself")
    try:
        mode = path.stat().st_mode
    except OSError:
        raise Missing(f"'{display_path(path)}' does not exist") from None
    if not stat.S_ISREG(mode):
        raise Refused(f"'{display_path(path)}' is not a regular file")


def read_at_most(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes, so a huge file or a device never fills memory; more
    than ``limit`` tells the caller the file is too large."""
    with open(path, "rb") as handle:
        return handle.read(limit + 1)


def read_bytes(path: Path, folder: Path, limit: int) -> bytes:
    """The bytes of a contained regular file of at most ``limit`` bytes, or Refused."""
    check_file(path, folder)
    data = read_at_most(path, limit)
    if len(data) > limit:
        raise Refused(f"'{display_path(path)}' is larger than {limit // 2**20} MiB, the limit "
                      "for one catalog file")
    return data


def archive_bytes(source) -> bytes:
    """The archived text a source names, read only if it is contained and not too large."""
    return read_bytes(named_path(source.folder, source.archive), source.folder, MAX_ARCHIVE_BYTES)


def stray_links(root: Path) -> list[Problem]:
    """A problem for every symbolic link under ``root`` that leads outside it or nowhere.

    Links are not followed while walking, so a linked folder is reported, not entered.
    """
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            path = Path(dirpath) / name
            if not path.is_symlink():
                continue
            if not inside(path, root):
                why = "leads outside the catalog folder"
            elif not path.exists():
                why = "points at nothing"
            else:
                continue
            problems.append(Problem(Location(display_path(path)),
                                    f"symbolic link {why}; catalog files must be real files "
                                    "inside the catalog: replace the link with the file itself", ID))
    return problems


def leaving(paths, folder: Path) -> list[str]:
    """Those of ``paths`` that, with links followed, lie outside ``folder``: a pull request
    can add a symbolic link to docs/ as well, and mkdocs would copy its target into the site."""
    return [str(p) for p in paths if not inside(Path(p), Path(folder))]
