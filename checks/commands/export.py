"""``briefing export``: write facts.json, its schema, the CSV registers and citations."""

from __future__ import annotations

import argparse
import os
import sys

from ..api import check_path
from ..publish.books import facts_folder
from ..publish.writer import book_data, write_exports

HELP = "write facts.json, facts.schema.json and exports/ (CSV, CSL-JSON, BibTeX)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("facts", nargs="?", default="facts",
                        help="the facts folder (default: facts)")
    parser.add_argument("--out", default="export",
                        help="folder to write into (default: export); never inside facts/")


def main(args: argparse.Namespace) -> int:
    folder = facts_folder(args.facts)
    if folder is None:
        print(f"error: '{args.facts}' is not a facts folder (no sources/ in it)",
              file=sys.stderr)
        return 2
    out = os.path.abspath(args.out)
    inside = os.path.commonpath([out, os.path.abspath(folder)]) == os.path.abspath(folder)
    if inside:
        print(f"error: --out {args.out} is inside {folder}, where nothing is written",
              file=sys.stderr)
        return 2
    result = check_path(folder, use_cache=False)
    written = write_exports(result, out)
    errors = book_data(result)["summary"]["errors"]
    print(f"wrote {len(written)} files to {args.out}", file=sys.stderr)
    if errors:
        print(f"warning: the book has {errors} errors (facts.json lists them); "
              "run `briefing check`", file=sys.stderr)
    return 1 if errors else 0
