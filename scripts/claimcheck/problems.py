"""The one problem type every check yields, and how problems are ordered."""

from __future__ import annotations

import os
from dataclasses import dataclass
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
    cwd = Path.cwd().resolve()
    candidates = [Path(os.path.abspath(path))]
    try:
        candidates.append(Path(path).resolve())
    except (OSError, RuntimeError):  # a symbolic link loop
        pass
    for candidate in candidates:
        try:
            return str(candidate.relative_to(cwd))
        except ValueError:
            continue
    return str(path)
