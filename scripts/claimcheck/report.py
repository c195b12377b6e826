"""Reporters: the same problems as text lines, GitHub annotations or JSON."""

from __future__ import annotations

import json
import re

from .limits import MAX_PROBLEMS_SHOWN
from .problems import Problem


def _count(problems: list[Problem]) -> str:
    n = len(problems)
    return f"{n} problem{'s' if n != 1 else ''} found"


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(value: str) -> str:
    """Control characters from the catalog (a newline or a terminal escape in a folder
    name, a quote...) shown as \\uXXXX, so no line can fake or hide another."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def _more(problems: list[Problem]) -> list[str]:
    """The line that says how many problems were not printed (MAX_PROBLEMS_SHOWN)."""
    hidden = len(problems) - MAX_PROBLEMS_SHOWN
    return [f"... and {hidden:,} more problems not shown (fix the first ones, or use "
            "--format json for all)"] if hidden > 0 else []


_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def for_terminal(value: str) -> str:
    """Text from an archive or the catalog, fit to print: every control character but line
    breaks and tabs shown as \\uXXXX, so no escape code can hide words, retitle the window
    or fill the clipboard. JSON stays valid: such characters only occur inside strings."""
    return _TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def text(problems: list[Problem]) -> str:
    lines = [_visible(f"{p.location}: {p.severity}: {p.message} [{p.check}]")
             for p in problems[:MAX_PROBLEMS_SHOWN]]
    return "\n".join(lines + _more(problems) + [_count(problems)]) + "\n" if problems else ""


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem]) -> str:
    """Workflow commands that GitHub shows as annotations on the pull request's lines."""
    lines = [f"::{p.severity} file={_escape_property(p.location.file)},line={p.location.line},"
             f"col={p.location.col},title={_escape_property(p.check)}::{_escape_data(p.message)}"
             for p in problems[:MAX_PROBLEMS_SHOWN]]
    return "\n".join(lines + _more(problems) + [_count(problems)]) + "\n" if problems else ""


def as_json(problems: list[Problem]) -> str:
    return json.dumps({"problems": [{
        "file": p.location.file, "line": p.location.line, "col": p.location.col,
        "severity": p.severity, "check": p.check, "message": p.message} for p in problems],
        "count": len(problems)}, indent=2) + "\n"


REPORTERS = {"text": text, "github": github, "json": as_json}
