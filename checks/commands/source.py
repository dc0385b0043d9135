"""``briefing source add|verify``: archive a new source; prove extracted texts still hold.

``add`` seals the original's bytes and the text quotes are checked against, writes the
metadata file with what it could find and the proposed exclusions, and prints the text
with line numbers and those exclusions marked. It never overwrites: an id that exists is
refused. Exit 0 when archived, 1 when the file cannot be archived (unreadable, not
UTF-8, empty text, id taken), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import os
import re
import sys
from typing import Callable

from ..dates import DateError, PartialDate
from ..fields import ID_PATTERN
from .exclusions import Proposal, byline_author, propose
from .extract import (EXTRACTORS, SUFFIXES, Extracted, ExtractError, MissingExtractor,
                      extract)
from .output import Exists, safe, write_all_new, yaml_str

HELP = "archive a source (.txt, .html, .pdf), or verify the archived extracted texts"
_ID = re.compile(ID_PATTERN)
_INSTALL_HINT = "install the extractors with `python3 -m pip install '.[sources]'`"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    add = sub.add_parser("add", help="archive a .txt, .html or .pdf file as a new source",
                         description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add.add_argument("path", metavar="PATH", help="the file to archive")
    add.add_argument("--id", required=True, help="the new source's id (lower-case, digits, "
                     "hyphens), e.g. roe-2021-pipeline-deal")
    add.add_argument("--title", help="title (default: the page's or PDF's, else line 1)")
    add.add_argument("--author", help="author (default: the page's or PDF's, else unknown)")
    add.add_argument("--publication", help="where it was published (default: the site's name)")
    add.add_argument("--published", metavar="DATE",
                     help="YYYY, YYYY-MM or YYYY-MM-DD (default: the page's date, else unknown)")
    add.add_argument("--url", help="where the original was found")
    add.add_argument("--facts", default="facts", help="the facts folder (default: facts)")
    add.set_defaults(_action=_add)
    verify = sub.add_parser(
        "verify", help="re-extract each HTML/PDF original and compare with its archived text",
        description="For every source archived from HTML or PDF: the original still has "
                    "its recorded SHA-256, and extracting it again with the installed "
                    "extractor gives the archived text byte for byte. Exit 0 when all "
                    "hold, 1 otherwise.")
    verify.add_argument("ids", nargs="*", metavar="ID", help="only these sources")
    verify.add_argument("--facts", default="facts", help="the facts folder (default: facts)")
    verify.set_defaults(_action=_verify)


def main(args: argparse.Namespace) -> int:
    action: Callable[[argparse.Namespace], int] = args._action
    return action(args)


def _fail(message: str, code: int) -> int:
    print(f"error: {safe(message)}", file=sys.stderr)
    return code


# -- add -----------------------------------------------------------------------------
def _add(args: argparse.Namespace) -> int:
    folder = os.path.join(args.facts, "sources")
    usage = _usage_error(args, folder)
    if usage:
        return _fail(usage, 2)
    suffix = os.path.splitext(args.path)[1].lower()
    taken = [os.path.join(folder, args.id + ext) for ext in (".yaml", *SUFFIXES)
             if os.path.lexists(os.path.join(folder, args.id + ext))]
    if taken:
        return _fail(f"source id '{args.id}' is taken: {taken[0]} exists (choose another "
                     "id; an archived source is never replaced)", 1)
    try:
        with open(args.path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return _fail(f"cannot read {args.path}: {exc.strerror or exc}", 1)
    try:
        ex = extract(suffix, data)
    except MissingExtractor as exc:
        return _fail(f"archiving a {suffix} file needs {exc}; {_INSTALL_HINT}", 2)
    except ExtractError as exc:
        return _fail(f"{args.path}: {exc}", 1)
    if not ex.text.strip():
        return _fail(f"{args.path}: no text after extraction"
                     f"{' with ' + ex.extractor if ex.extractor else ''}; nothing to archive"
                     f"{' (a scanned PDF needs OCR first)' if suffix == '.pdf' else ''}", 1)
    lines = ex.text.split("\n")
    if ex.text.endswith("\n"):
        lines.pop()
    ex.author = ex.author or byline_author(lines)
    author = args.author or ex.author
    proposals = propose(lines, author, ex.marked)
    text_bytes = data if suffix == ".txt" else ex.text.encode("utf-8")
    files = [] if suffix == ".txt" else [(os.path.join(folder, args.id + suffix), data)]
    files.append((os.path.join(folder, args.id + ".txt"), text_bytes))
    meta = _metadata(args, suffix, data, text_bytes, ex, lines, proposals)
    meta_path = os.path.join(folder, args.id + ".yaml")
    files.append((meta_path, meta.encode("utf-8")))
    try:
        write_all_new(files)
    except Exists as exc:
        return _fail(f"{exc} appeared while archiving; nothing was written", 1)
    except OSError as exc:
        return _fail(f"cannot write in {folder}: {exc.strerror or exc}; nothing was written", 1)
    _print_listing(lines, proposals)
    print(f"\narchived: {', '.join(path for path, _ in files)}")
    print(f"next: check the title, author, date and the proposed `excluded:` ranges in "
          f"{meta_path} (edit them if wrong), then find a quote with\n"
          f"  briefing quote find \"some words\" --source {args.id}")
    return 0


def _usage_error(args: argparse.Namespace, folder: str) -> str | None:
    if not _ID.fullmatch(args.id):
        return (f"'{args.id}' is not an id: use lower-case letters, digits and hyphens, "
                "e.g. roe-2021-pipeline-deal")
    if not os.path.isdir(folder):
        return f"'{folder}' is not a folder; pass the book's facts folder with --facts"
    suffix = os.path.splitext(args.path)[1].lower()
    if suffix not in SUFFIXES:
        return f"{args.path}: give a {', '.join(SUFFIXES)} file (found '{suffix or 'no suffix'}')"
    if args.published is not None and args.published != "unknown":
        try:
            PartialDate.parse(args.published)
        except DateError as exc:
            return f"--published: {exc}"
    for name in ("title", "author", "publication", "url"):
        value = getattr(args, name)
        if value is not None and not value.strip():
            return f"--{name} is empty"
    return None


def _metadata(args: argparse.Namespace, suffix: str, data: bytes, text: bytes, ex: Extracted,
              lines: list[str], proposals: list[Proposal]) -> str:
    excluded = {n for p in proposals for n in range(p.first, p.last + 1)}
    first_line = next((line.strip() for n, line in enumerate(lines, 1)
                       if line.strip() and n not in excluded), "")
    title = args.title or ex.title or first_line[:300]
    published = args.published or ex.published or "unknown"
    out = [f"# Archived source: metadata written by `briefing source add` on "
           f"{datetime.date.today().isoformat()}.",
           "# Confirm every field and the proposed exclusions (see README, \"Add a source\").",
           f"id: {args.id}",
           f"title: {yaml_str(title)}",
           f"author: {yaml_str(args.author or ex.author or 'unknown')}",
           f"publication: {yaml_str(args.publication or ex.publication or 'unknown')}",
           f"published: {yaml_str(published)}"]
    note = ex.published_note if published == "unknown" else None
    if not args.published and ex.published:
        note = f"from the {'page' if ex.extractor == 'trafilatura' else 'file'}'s metadata"
    if note:
        out.append(f"published_note: {yaml_str(note)}")
    if args.url or ex.url:
        out.append(f"url: {yaml_str(args.url or ex.url or '')}")
    out.append(f"sha256: {hashlib.sha256(text).hexdigest()}")
    if suffix != ".txt":
        out += [f"original: {args.id}{suffix}",
                f"original_sha256: {hashlib.sha256(data).hexdigest()}",
                f"extractor: {ex.extractor}",
                f"extractor_version: {yaml_str(ex.extractor_version or '')}"]
    if proposals:
        out.append("excluded:  # proposed by `briefing source add`: confirm or edit")
        for p in proposals:
            out += [f"  - lines: {p.first}-{p.last}", f"    reason: {p.reason}",
                    f"    note: {yaml_str(p.note)}"]
    return "\n".join(out) + "\n"


def _print_listing(lines: list[str], proposals: list[Proposal]) -> None:
    reason = {n: p.reason for p in proposals for n in range(p.first, p.last + 1)}
    width = max((len(r) for r in reason.values()), default=0)
    for number, line in enumerate(lines, 1):
        mark = f"x {reason[number]}" if number in reason else ""
        print(f"{number:>5} {mark:<{width + 2}}| {safe(line)}".rstrip())
    print(f"\nproposed exclusions ({len(proposals)}):" if proposals else
          "\nno exclusions proposed: every line counts as the author's text")
    for p in proposals:
        print(f"  lines {p.first}-{p.last}: {p.reason} ({safe(p.note)})")


# -- verify --------------------------------------------------------------------------
def _verify(args: argparse.Namespace) -> int:
    from .archived import archived_originals

    folder = os.path.join(args.facts, "sources")
    if not os.path.isdir(folder):
        return _fail(f"'{folder}' is not a folder; pass the book's facts folder with --facts", 2)
    entries, problems = archived_originals(folder, args.ids)
    if problems and problems[0].startswith("usage:"):
        return _fail(problems[0][len("usage: "):], 2)
    failures = list(problems)
    checked = 0
    for entry in entries:
        try:
            failures.extend(entry.verify())
        except MissingExtractor as exc:
            return _fail(f"verifying {entry.meta_path} needs {exc}; {_INSTALL_HINT}", 2)
        checked += 1
    for line in failures:
        print(safe(line))
    print(f"source verify: {checked} extracted text(s) checked, {len(failures)} problem(s)",
          file=sys.stderr)
    return 1 if failures else 0


__all__ = ["EXTRACTORS", "HELP", "add_arguments", "main"]
