"""Subcommands of the claimcheck CLI. Each module has NAME, HELP, ``add_arguments(parser)``
and ``run(args) -> exit code``; register new ones in COMMANDS."""

from . import changelog, check, diff, export, links, new, render, review, source, stats, suggest

COMMANDS = (check, export, new, links, diff, stats, source, suggest, changelog, review, render)
