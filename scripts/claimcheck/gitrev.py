"""Read the catalog as it was at a git revision, for ``claimcheck diff`` and ``changelog``;
and the one runner of git that they and the history share.

The catalog folder of that revision is written into a temporary folder, where the
ordinary loader reads it: the old catalog is loaded by exactly the same code as the
working tree, so a difference is never an artefact of two readers.
"""

from __future__ import annotations

import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterator

from .catalog import load_catalog
from .model import Catalog


class RevisionError(Exception):
    """Not a git work tree, or a revision git does not know."""


def git(args: list[str], cwd: Path, stdin: bytes | None = None,
        timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run git; the one place the catalog's git plumbing (diff, changelog, history) starts it."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True,
                              timeout=timeout, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed") from None


def _folder(catalog_dir: Path) -> Path:
    return catalog_dir if catalog_dir.is_dir() else catalog_dir.parent


def _toplevel(folder: Path) -> Path:
    result = git(["rev-parse", "--show-toplevel"], folder)
    if result.returncode:
        raise RevisionError(f"'{folder}' is not inside a git repository")
    return Path(result.stdout.decode().strip())


def tags(catalog_dir: Path, pattern: str = "v*") -> list[str]:
    """The repository's tags matching ``pattern``, oldest version first."""
    folder = _folder(Path(catalog_dir))
    result = git(["tag", "--list", pattern, "--sort=v:refname"], folder)
    if result.returncode:
        raise RevisionError(f"'{folder}' is not inside a git repository")
    return result.stdout.decode().split()


def _write_tree(top: Path, commit: str, relative: str, dest: Path) -> None:
    """The files below ``relative`` as committed, written under ``dest``: listed by
    ``ls-tree -z`` and read by object id with ``cat-file``, which, unlike ``git archive``,
    apply no ``.gitattributes`` (``export-ignore`` hid the whole catalog of a revision,
    ``export-subst`` rewrote its text). Only plain files: a symbolic link (even one
    pointing outside, which the containment check reports in the working tree) or a
    submodule in an old revision is left out rather than stopping every later diff."""
    listed = git(["ls-tree", "-r", "-z", "--full-tree", commit, "--", f":(literal){relative}"], top)
    if listed.returncode:
        raise RevisionError(f"git ls-tree failed: {listed.stderr.decode(errors='replace').strip()}")
    files = {}
    for entry in listed.stdout.split(b"\0"):
        head, _, path = entry.partition(b"\t")
        parts = head.split(b" ")
        if len(parts) == 3 and parts[0] in (b"100644", b"100755") and parts[1] == b"blob":
            files[parts[2].decode()] = path.decode("utf-8", "surrogateescape")
    if not files:
        return
    out = git(["cat-file", "--batch"], top, "\n".join(files).encode() + b"\n").stdout
    pos = 0
    for oid, path in files.items():
        end = out.index(b"\n", pos)
        size = int(out[pos:end].split(b" ")[2])
        target = dest / path
        if ".." in PurePosixPath(path).parts:
            raise RevisionError(f"a path in {commit[:12]} leaves the catalog: {path!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[end + 1:end + 1 + size])
        pos = end + 1 + size + 1


@contextmanager
def catalog_at(revision: str, catalog_dir: Path) -> Iterator[Catalog]:
    """The catalog at ``catalog_dir`` as committed in ``revision``; an empty catalog when
    the folder did not exist then (everything in it is new)."""
    catalog_dir = Path(catalog_dir).resolve()
    top = _toplevel(_folder(catalog_dir))
    verified = git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], top)
    if verified.returncode:
        raise RevisionError(f"unknown git revision '{revision}' (try a branch such as main, "
                            "a tag, or a commit id; in a shallow clone, fetch it first)")
    commit = verified.stdout.decode().strip()
    relative = catalog_dir.relative_to(top.resolve()).as_posix()
    with tempfile.TemporaryDirectory(prefix="claimcheck-diff-") as tmp:
        root = Path(tmp) / relative
        if git(["cat-file", "-e", f"{commit}:{relative}"], top).returncode:
            root.mkdir(parents=True)
            yield Catalog(root=root)
            return
        _write_tree(top, commit, relative, Path(tmp))
        root.mkdir(parents=True, exist_ok=True)
        yield load_catalog(root)
