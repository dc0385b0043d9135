"""Command line: ``python -m checks [FACTS_DIR] [--format ...]``."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from typing import Sequence

from . import report
from .api import check
from .cache import CacheLocationError
from .problems import Code


#: third-party modules the checks import (see pyproject.toml)
DEPENDENCIES = ("yaml", "rapidfuzz")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m checks",
        description="Verify every fact's quotes against the archived sources and report "
                    "problems as path:line:col: CODE message.")
    add_arguments(parser)
    return parser


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the check (shared by ``python -m checks`` and ``briefing check``)."""
    parser.add_argument("facts", nargs="?", default="facts", help="the facts folder (default: facts)")
    parser.add_argument("--format", choices=("text", "json", "github"), default=None,
                        help="output format (default: text, or github under GitHub Actions)")
    parser.add_argument("--strict", action="store_true", help="warnings also fail (exit 1)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list every warning (default: one line per code, with its "
                             "count) and explain each problem")
    parser.add_argument("--no-cache", action="store_true", help="ignore and do not write the cache")
    parser.add_argument("--list-codes", action="store_true", help="print every problem code")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the checks; return 0 when clean, 1 on problems, 2 on a usage error."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return execute(args)


def execute(args: argparse.Namespace) -> int:
    """Run the checks for parsed arguments (see :func:`add_arguments`)."""
    if args.list_codes:
        for code in Code:
            print(f"{code.value}  {code.severity.value:7}  {code.summary}")
        return 0
    if not os.path.isdir(args.facts):
        print(f"error: '{args.facts}' is not a folder; pass the facts/ folder", file=sys.stderr)
        return 2
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    try:
        result = check(args.facts, use_cache=not args.no_cache, with_json=fmt == "json")
    except CacheLocationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        if exc.name not in DEPENDENCIES:
            raise
        print(f"error: the checks need {exc.name}, which this Python lacks: run "
              "`python3 -m pip install .` in the project, or `python3 noxfile.py -s check`",
              file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    try:
        sys.stdout.flush()
        if fmt == "json":
            report.write_json(result, out)
        elif fmt == "github":
            report.write_github(result, out)
        else:
            report.write_text(result, out, verbose=args.verbose)
        out.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
    counted = report.warning_counts(result, args.verbose) if fmt == "text" else ""
    sys.stderr.buffer.write((counted + report.summary(result) + "\n").encode("utf-8"))
    sys.stderr.flush()
    counts = result.summary
    return 1 if counts.errors or (args.strict and counts.warnings) else 0


def run() -> None:
    """The command (``python -m checks``, ``briefing-check``): :func:`main`, then exit.

    A one-shot command builds a large model and exits: the cyclic garbage collector
    would only re-scan objects that all live to the end, and tearing the model down
    object by object at exit buys nothing, so the process leaves as soon as its output
    is flushed (as mypy does).
    """
    gc.disable()
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)
