"""Subcommands of the claimcheck CLI, imported only when run.

Each command is a module of this package named like the command, with
``add_arguments(parser)`` and ``run(args) -> exit code``; register a new one in COMMANDS
with its one-line help. Importing every command up front cost each run about a quarter of
a second (git, HTTP, Jinja and the page renderer), most of a small catalog's check.
"""

from __future__ import annotations

import importlib
from types import ModuleType

COMMANDS = {
    "check": "check the catalog and report every problem (exit 1 if any)",
    "export": "print the catalog with computed flags as JSON or CSV",
    "new": "append a claim stub for a quote found in a source's archived text",
    "links": "check every source URL, DOI, PubMed id and reference URL over HTTP (weekly job)",
    "diff": "describe what changed in meaning between the catalog at a git revision and now",
    "stats": "count claims by source, topic, verdict and flag",
    "source": "add a new article: archive its text and write its source.yml",
    "suggest": "rank a source's sentences as candidate claims and show similar catalogued claims",
    "changelog": "write CHANGELOG.md: what each tagged data release (v1.2.0, ...) changed in the catalog",
    "review": "print each claim with its quote in context, verdict, rationale and evidence, for review",
    "render": "write every generated page as files in DIR, for building with another generator",
}


def command(name: str) -> ModuleType:
    """The module of the command ``name`` (a key of COMMANDS)."""
    return importlib.import_module(f"{__name__}.{name}")
