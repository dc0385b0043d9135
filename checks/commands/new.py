"""``briefing new KIND ID``: write a fact file skeleton with every field of that kind.

Required fields are left empty, so ``briefing check`` reports each one at its line
until it is filled; optional fields are commented out with what they hold. The first
line names the JSON Schema for editor completion. Never overwrites a file.
Exit 0 when written, 1 when the id exists, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from .. import fields as F
from ..model import KIND_FOLDERS, KINDS
from .output import Exists, write_new

HELP = "start a fact file: a skeleton with every field of its kind, commented"
_ID = re.compile(F.ID_PATTERN)
_WIDTH = 28  # column where the field comments start

_SUB = {  # what each nested field holds (the nested fields themselves come from checks.fields)
    "source": "a source id (facts/sources/<id>.yaml)",
    "quote": "copied exactly, at least five words; `briefing quote find \"words\"` "
             "prints a ready entry",
    "context_values": "years or names the quote mentions that are not claims about this fact",
    "speaker": "who the source quotes, when the quote lies inside a quotation in it",
    "question": "what the sources answer differently",
    "concerns": "ids of the other facts this one dispute concerns (declared once, here)",
    "field": "the field the question is about, if it is one (date, place, ...)",
    "claims": "two or more, each one side's value and its own quote",
    "value": "this side's answer",
    "assessment": "the editor's reading of the wider record (the editor's, not a quote)",
    "text": "the editor's assessment, naming where it comes from",
    "confidence": "one of " + ", ".join(F.CONFIDENCE),
    "favours": "the claim value the assessment favours, if any",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=KINDS, help="what the fact is")
    parser.add_argument("id", help="the fact's id, which is also its file name, e.g. "
                        "2014-11-shoigu-visit")
    parser.add_argument("--facts", default="facts", help="the facts folder (default: facts)")


def _line(indent: str, key: str, value: str, comment: str, optional: bool) -> str:
    head = f"{indent}{'# ' if optional else ''}{key}:{' ' + value if value else ''}"
    return f"{head:<{_WIDTH}} # {comment}" if comment else head


def _spec_comment(spec: F.FieldSpec) -> str:
    text = spec.description
    if spec.choices:
        text += " One of: " + ", ".join(spec.choices) + "."
    if spec.default:
        text += f" Default: {spec.default}."
    return text


def _quotes(indent: str, fields: tuple[str, ...], first: tuple[str, ...]) -> list[str]:
    """A list item with ``fields``; those in ``first`` are required, the rest commented."""
    out = []
    for i, name in enumerate(fields):
        prefix = indent + ("- " if i == 0 else "  ")
        if name in first:
            out.append(_line(prefix, name, "", _SUB.get(name, ""), False))
        else:
            out.append(_line(indent + "  ", name, "", _SUB.get(name, ""), True))
    return out


def _contested() -> list[str]:
    out = ["# contested:               # Points where the sources disagree (see "
           "docs/fact-format.md)."]
    for i, name in enumerate(F.CONTEST_FIELDS):
        lead = "#   - " if i == 0 else "#     "
        out.append(f"{lead + name + ':':<{_WIDTH}} # {_SUB.get(name, '')}")
        if name == "claims":
            for _ in range(2):
                for j, sub in enumerate(F.CLAIM_FIELDS):
                    lead = "#       - " if j == 0 else "#         "
                    out.append(f"{lead + sub + ':':<{_WIDTH}} # {_SUB.get(sub, '')}")
        if name == "assessment":
            for sub in F.ASSESSMENT_FIELDS:
                out.append(f"{'#       ' + sub + ':':<{_WIDTH}} # {_SUB.get(sub, '')}")
    return out


def skeleton(kind: str, fact_id: str, source_ids: list[str]) -> str:
    """The text of a new fact file of ``kind`` (every field of the kind, in table order)."""
    out = ["# yaml-language-server: $schema=../fact.schema.json",
           f"# A new {kind}, written by `briefing new`. Fill in every empty field (`briefing "
           "check` reports each one until it is);",
           "# uncomment the optional fields you use and delete the rest. Full format: "
           "docs/fact-format.md."]
    for spec in F.fields_for(kind):
        comment = _spec_comment(spec)
        if spec.name == "id":
            out.append(_line("", "id", fact_id, comment, False))
        elif spec.name == "kind":
            out.append(_line("", "kind", kind, comment, False))
        elif spec.type == "quotes":
            known = ", ".join(source_ids[:6]) + (", ..." if len(source_ids) > 6 else "")
            out.append(_line("", spec.name, "", comment + (f" Sources: {known}" if known
                                                            else ""), False))
            out += _quotes("  ", F.QUOTE_FIELDS, ("source", "quote"))
        elif spec.type == "contested":
            out += _contested()
        else:
            needed = spec.required or (spec.name == "date" and kind != "era") or (
                spec.name in ("start", "end") and kind == "era")
            if spec.name == "date":
                comment += " (For a span: start and end instead.)"
            value = "[]" if spec.type in ("texts", "ids") and not needed else (
                "true" if spec.type == "bool" else "")
            out.append(_line("", spec.name, value, comment, not needed))
    return "\n".join(out) + "\n"


def main(args: argparse.Namespace) -> int:
    if not _ID.fullmatch(args.id):
        print(f"error: '{args.id}' is not an id: use lower-case letters, digits and hyphens, "
              "e.g. 2014-11-shoigu-visit", file=sys.stderr)
        return 2
    if not os.path.isdir(args.facts):
        print(f"error: '{args.facts}' is not a folder; pass the facts folder with --facts",
              file=sys.stderr)
        return 2
    for folder in KIND_FOLDERS.values():
        other = os.path.join(args.facts, folder, args.id + ".yaml")
        if os.path.lexists(other):
            print(f"error: {other} exists: fact ids are unique across the book; choose "
                  "another id", file=sys.stderr)
            return 1
    folder = os.path.join(args.facts, KIND_FOLDERS[args.kind])
    sources = os.path.join(args.facts, "sources")
    ids = sorted(n[:-5] for n in os.listdir(sources) if n.endswith(".yaml")) if os.path.isdir(
        sources) else []
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, args.id + ".yaml")
    try:
        write_new(path, skeleton(args.kind, args.id, ids).encode("utf-8"))
    except Exists:
        print(f"error: {path} exists; it is never overwritten", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill in the empty fields, then run `briefing check`")
    return 0
