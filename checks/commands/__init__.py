"""The ``briefing`` command: one entry point with a subcommand per maintainer job.

Each subcommand lives in its own module here, exposing ``HELP`` (one line),
``add_arguments(parser)`` and ``main(args) -> int`` (0 clean, 1 problems, 2 usage).
Modules are imported only when their subcommand runs, so ``briefing check`` starts as
fast as ``python -m checks``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

#: subcommand -> module under ``checks.commands`` (add a line to add a command)
SUBCOMMANDS: dict[str, str] = {
    "check": "check",
    "source": "source",
    "quote": "quote",
    "new": "new",
    "coverage": "coverage",
    "export": "export",
    "diff": "diff",
    "edition": "edition",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Maintain a verified briefing book: check it, add sources, find "
                    "quotes, start facts, export data.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module_name in SUBCOMMANDS.items():
        module = importlib.import_module(f"{__name__}.{module_name}")
        child = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(child)
        child.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return its exit code (2 on a usage error)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    code: int = args._module.main(args)
    return code


def run() -> None:
    """The console script ``briefing``."""
    sys.exit(main())
