"""The claimcheck command: load -> check -> report -> exit code (0 clean, 1 problems, 2 usage)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .commands import COMMANDS, command
from .commands.common import UsageError


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """Every command is listed with its help; only ``chosen`` is imported for its arguments."""
    parser = argparse.ArgumentParser(
        prog="claimcheck", description="Check, export and inspect the ketamine claims catalog.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        subparser = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            command(name).add_arguments(subparser)
    return parser


def _chosen(argv: list[str]) -> str | None:
    """The command named on the line: the first word that is not an option (the top
    level takes no option with a value)."""
    word = next((a for a in argv if not a.startswith("-")), None)
    return word if word in COMMANDS else None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_chosen(argv))
    args = parser.parse_args(argv)  # exits 2 on a usage error
    if not args.command:
        parser.print_usage(sys.stderr)
        sys.stderr.write("claimcheck: error: a command is required (try 'claimcheck check')\n")
        return 2
    module = command(args.command)
    try:
        return module.run(args)
    except UsageError as err:
        sys.stderr.write(f"claimcheck {args.command}: error: {err}\n")
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":
    sys.exit(main())
