"""The claimcheck command: load -> check -> report -> exit code (0 clean, 1 problems, 2 usage)."""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .commands import COMMANDS
from .commands.common import UsageError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimcheck", description="Check, export and inspect the ketamine claims catalog.")
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_arguments(sub.add_parser(module.NAME, help=module.HELP, description=module.HELP))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on a usage error
    if not args.command:
        parser.print_usage(sys.stderr)
        sys.stderr.write("claimcheck: error: a command is required (try 'claimcheck check')\n")
        return 2
    module = next(m for m in COMMANDS if m.NAME == args.command)
    try:
        return module.run(args)
    except UsageError as err:
        sys.stderr.write(f"claimcheck {args.command}: error: {err}\n")
        return 2
    except BrokenPipeError:  # e.g. piped into head
        return 0


if __name__ == "__main__":
    sys.exit(main())
