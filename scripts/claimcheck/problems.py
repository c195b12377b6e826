"""The one problem type every check yields, and how problems are ordered."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file; line and column are 1-based, as editors count."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalog: where, what, and which check found it."""

    location: Location
    message: str
    check: str
    severity: str = "error"

    def sort_key(self) -> tuple:
        return (self.location.file, self.location.line, self.location.col, self.check, self.message)


def display_path(path: Path) -> str:
    """Show a path relative to the working directory when it lies below it. A symbolic
    link is shown as itself, not as the file it leads to."""
    cwd = _resolved(os.getcwd())
    try:
        return str(Path(os.path.abspath(path)).relative_to(cwd))
    except ValueError:
        pass
    try:  # below the working directory only once links are followed
        return str(Path(path).resolve().relative_to(cwd))
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symbolic link loop
        return str(path)


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    """The working directory with links followed, once per directory: every file of the
    catalog is displayed relative to it."""
    return Path(folder).resolve()
