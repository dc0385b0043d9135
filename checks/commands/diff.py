"""``briefing diff OLD NEW``: what changed between two editions, fact by fact."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..publish.books import load_book
from ..publish.diff import diff_books, is_empty
from ..publish.editions import EditionError

HELP = "compare two editions: facts.json files, facts folders or git revisions"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for name, what in (("old", "earlier"), ("new", "later")):
        parser.add_argument(name, help=f"the {what} edition: a facts.json (or a saved "
                            "edition), a facts folder, or a git revision")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--repo", default=None,
                        help="git repository for revisions (default: the current one)")
    parser.add_argument("--facts-path", default="facts",
                        help="the facts folder inside the repository (default: facts)")


def main(args: argparse.Namespace) -> int:
    """Exit 0 when the editions say the same, 1 when they differ, 2 when one cannot be
    read (as diff(1))."""
    try:
        old_label, old = load_book(args.old, args.repo, args.facts_path)
        new_label, new = load_book(args.new, args.repo, args.facts_path)
    except EditionError as exc:
        print(f"error: {safe(str(exc))}", file=sys.stderr)
        return 2
    diff = diff_books(old, new)
    if args.format == "json":
        out = {"old": old_label, "new": new_label, **diff}
        sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False, indent=1).encode())
        sys.stdout.buffer.write(b"\n")
    else:
        sys.stdout.buffer.write(diff_text(diff, old_label, new_label).encode("utf-8"))
    sys.stdout.flush()
    return 0 if is_empty(diff) else 1


def safe(text: str) -> str:
    """Text from a book as one terminal line: control and bidi characters escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _pair(change: dict[str, Any]) -> str:
    return f"{safe(str(change['old']))} -> {safe(str(change['new']))}"


def _point_lines(p: dict[str, Any]) -> list[str]:
    head = f"    contested \"{safe(p['question'])}\": "
    if p["change"] != "changed":
        return [head + p["change"]]
    lines = []
    if p.get("other"):
        lines.append(head + "changed (a claim's attribution or order)")
    for key in ("favours", "confidence", "field", "concerns"):
        if p.get(key):
            lines.append(f"{head}{key} {_pair(p[key])}")
    if p["assessment_text_changed"]:
        lines.append(head + "assessment text changed")
    for sign, key in (("+", "claims_added"), ("-", "claims_removed")):
        for c in p[key]:
            lines.append(f"{head}claim {sign} \"{safe(c['value'])}\" [{c['source']}] "
                         f"\"{safe(c['quote'])}\"")
    return lines


def changed_lines(c: dict[str, Any]) -> list[str]:
    """The indented detail lines of one changed fact."""
    lines = []
    if c["status"]:
        lines.append(f"    status: {_pair(c['status'])}")
    if c["fields"]:
        lines.append(f"    fields: {', '.join(c['fields'])}")
    for sign, key in (("+", "quotes_added"), ("-", "quotes_removed")):
        for q in c[key]:
            lines.append(f"    quote {sign} [{q['source']}] \"{safe(q['quote'])}\"")
    for p in c["contested"]:
        lines += _point_lines(p)
    return lines


def diff_text(diff: dict[str, Any], old_label: str, new_label: str) -> str:
    """The human-readable report: one line per fact, then its details."""
    facts, sources = diff["facts"], diff["sources"]
    lines = [f"--- {safe(old_label)}", f"+++ {safe(new_label)}"]
    for f in facts["added"]:
        lines.append(f"added    {f['id']}: {safe(f['title'])} [{f['status']}]")
    for f in facts["removed"]:
        lines.append(f"removed  {f['id']}: {safe(f['title'])}")
    for c in facts["changed"]:
        lines.append(f"changed  {c['id']}: {safe(c['title'])}")
        lines += changed_lines(c)
    for s in sources["added"]:
        lines.append(f"source added     {s['id']}: {safe(s['title'])}")
    for s in sources["removed"]:
        lines.append(f"source removed   {s['id']}: {safe(s['title'])}")
    for s in sources["resealed"]:
        lines.append(f"source re-sealed {s['id']}: sha256 {s['old']} -> {s['new']}")
    for s in sources["changed"]:
        lines.append(f"source changed   {s['id']}: {', '.join(s['fields'])}")
    lines.append(
        f"{len(facts['added'])} added, {len(facts['removed'])} removed, "
        f"{len(facts['changed'])} changed; sources: {len(sources['added'])} added, "
        f"{len(sources['removed'])} removed, {len(sources['resealed'])} re-sealed")
    return "\n".join(lines) + "\n"
