"""Read the catalog as it was at a git revision, for ``claimcheck diff`` and ``changelog``;
and the one runner of git that they and the history share.

``git archive`` writes the catalog folder of that revision into a temporary folder, where
the ordinary loader reads it: the old catalog is loaded by exactly the same code as the
working tree, so a difference is never an artefact of two readers.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from pathlib import Path
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
        archived = git(["archive", "--format=tar", commit, "--", relative], top)
        if archived.returncode:
            raise RevisionError(f"git archive failed: {archived.stderr.decode().strip()}")
        with tarfile.open(fileobj=io.BytesIO(archived.stdout)) as tar:
            # Only files and folders: a symbolic link (even one pointing outside, which the
            # containment check reports in the working tree) or a submodule in an old
            # revision is left out rather than stopping the diff of every later PR.
            members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            if hasattr(tarfile, "data_filter"):  # Python 3.11.4+: refuse anything odd
                tar.extractall(tmp, members=members, filter="data")
            else:
                tar.extractall(tmp, members=members)
        root.mkdir(parents=True, exist_ok=True)
        yield load_catalog(root)
