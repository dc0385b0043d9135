"""``briefing edition save``: keep the book as it is now as a saved edition."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys

from ..publish.books import check_folder, facts_folder, repo_root
from ..publish.editions import (
    EditionError,
    commit_date,
    commit_id,
    git_facts,
    relative_paths,
    save_edition,
    snapshot,
)

HELP = ("save the book as an edition (editions/<date>.json, or <date>-2.json... for "
        "another on the same day), never overwriting one")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    save = sub.add_parser("save", help=HELP, description=HELP)
    save.add_argument("facts", nargs="?", default="facts",
                      help="the facts folder (default: facts)")
    save.add_argument("--editions", default=None,
                      help="the editions folder (default: editions/ beside facts/)")
    save.add_argument("--rev", default=None,
                      help="save the book as it was at this git revision instead")
    save.add_argument("--date", default=None,
                      help="the edition's date, YYYY-MM-DD (default: today, UTC, or "
                           "the revision's commit date)")


def main(args: argparse.Namespace) -> int:
    if args.date is not None and not _valid_date(args.date):
        print(f"error: --date {args.date!r} is not a YYYY-MM-DD date", file=sys.stderr)
        return 2
    try:
        return _save(args)
    except EditionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _valid_date(text: str) -> bool:
    try:
        return bool(_DATE_RE.match(text)) and dt.date.fromisoformat(text) is not None
    except ValueError:
        return False


def _save(args: argparse.Namespace) -> int:
    import tempfile

    folder = facts_folder(args.facts) if args.rev is None else None
    if args.rev is None and folder is None:
        print(f"error: '{args.facts}' is not a facts folder", file=sys.stderr)
        return 2
    root = os.path.dirname(os.path.abspath(folder or args.facts))
    editions = args.editions or os.path.join(root, "editions")
    if args.rev is None:
        assert folder is not None
        data, origin = relative_paths(check_folder(folder), root), "facts"
        date = args.date or dt.datetime.now(dt.timezone.utc).date().isoformat()
    else:
        repo = repo_root(root if os.path.isdir(root) else ".")
        rel = os.path.relpath(os.path.abspath(args.facts), repo).replace(os.sep, "/")
        with tempfile.TemporaryDirectory(prefix="briefing-rev-") as tmp:
            checked = git_facts(repo, args.rev, rel, tmp)
            data = relative_paths(check_folder(checked), os.path.dirname(checked))
        origin = f"git:{commit_id(repo, args.rev)}"
        date = args.date or commit_date(repo, args.rev)
    if data["summary"]["errors"]:
        print(f"error: the book has {data['summary']['errors']} errors; an edition is "
              "saved only from a clean book (run `briefing check`)", file=sys.stderr)
        return 1
    try:
        path = save_edition(editions, snapshot(data, date, origin))
    except FileExistsError as exc:
        print(f"error: {exc.args[0]} exists: too many editions on {date}; editions are "
              "never overwritten", file=sys.stderr)
        return 1
    print(f"saved {path}", file=sys.stderr)
    return 0
