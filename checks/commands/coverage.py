"""``briefing coverage``: source sentences with dates or numbers that no fact cites.

The same report as ``python -m checks.coverage`` (see :mod:`checks.coverage`).
"""

from __future__ import annotations

import argparse

HELP = "list source sentences with dates or numbers that no fact cites or explains"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("facts", nargs="?", default="facts",
                        help="the facts folder (default: facts)")
    parser.add_argument("--all", action="store_true", help="also list explained sentences")


def main(args: argparse.Namespace) -> int:
    from .. import coverage  # the checker itself: imported only when this command runs

    return coverage.main([args.facts, *(["--all"] if args.all else [])])
