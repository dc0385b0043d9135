"""``briefing quote find "words"``: where the words occur in the archived sources.

Exact after the declared normalisation (the one the checks use), in the author's text;
else the nearest passage of each source, with its similarity. Each hit comes with its
source id and line and a ready-to-paste ``- source: ... quote: ...`` entry. A hit that
lies in an excluded region (comments, ads, bylines) says so: a fact cannot cite it.
Exit 0 when the words occur in an author's text, 1 when not, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from typing import Callable

from ..archive import SourceText, load_source, load_text
from ..matching import MIN_WORDS, check_normalized, find_whole, locate
from ..normalize import OffsetMap, normalize, word_count
from ..problems import Problem
from ..worddiff import describe
from .output import safe, yaml_str

HELP = "find words in the archived sources; print ready-to-paste quote entries"
NEAREST = 3  # nearest passages shown when there is no exact match


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION")
    sub.required = True
    find = sub.add_parser("find", help="find words in the archived sources",
                          description=__doc__,
                          formatter_class=argparse.RawDescriptionHelpFormatter)
    find.add_argument("words", help="the words to look for (quote them in the shell)")
    find.add_argument("--source", metavar="ID", help="look only in this source")
    find.add_argument("--facts", default="facts", help="the facts folder (default: facts)")
    find.set_defaults(_action=_find)


def main(args: argparse.Namespace) -> int:
    action: Callable[[argparse.Namespace], int] = args._action
    return action(args)


@dataclass(frozen=True)
class Hit:
    """One place the words were found, or the nearest passage to them."""

    source: str
    line: int
    kind: str  # exact | excluded | nearest
    passage: str
    similarity: float = 100.0
    reason: str = ""


def load_texts(facts: str, only: str | None = None) -> tuple[dict[str, SourceText], list[Problem]]:
    """Every archived source text that loads and holds its seal (or just ``only``)."""
    folder = os.path.join(facts, "sources")
    problems: list[Problem] = []
    texts: dict[str, SourceText] = {}
    for name in sorted(os.listdir(folder)):
        stem = name[: -len(".yaml")]
        if not name.endswith(".yaml") or (only is not None and stem != only):
            continue
        source = load_source(os.path.join(folder, name), os.path.join(folder, stem + ".txt"),
                             problems)
        text = load_text(source, problems) if source is not None else None
        if text is not None:
            texts[stem] = text
    return texts, problems


def _excluded_hits(needle: str, text: SourceText) -> list[Hit]:
    """Occurrences in the whole text that touch an excluded line."""
    if not text.source.excluded or find_whole(needle, text.excluded) is None:
        return []
    whole = OffsetMap(text.raw)
    span = find_whole(needle, whole.normalized)
    if span is None:  # spread over excluded lines that are not adjacent
        return [Hit(text.source.id, text.source.excluded[0].first_line, "excluded", needle,
                    reason=text.source.excluded[0].reason)]
    start, end = whole.raw_span(*span)
    first, last = text.line_of(start), text.line_of(max(start, end - 1))
    reason = next((ex.reason for ex in text.source.excluded
                   if ex.first_line <= last and first <= ex.last_line), "excluded")
    return [Hit(text.source.id, first, "excluded", whole.normalized[span[0]:span[1]],
                reason=reason)]


def _as_written(text: SourceText, start: int, end: int) -> str:
    """The author's words at a normalised span as the source writes them (curly quotes,
    dashes), each run of whitespace one space: what a fact file should quote."""
    a, b = OffsetMap(text.author_raw).raw_span(start, end)
    return " ".join(text.author_raw[a:b].split())


def search(words: str, texts: dict[str, SourceText]) -> list[Hit]:
    """Exact hits (and hits in excluded regions); else the nearest passages, best first."""
    needle = normalize(words).strip()
    exact: list[Hit] = []
    nearest: list[Hit] = []
    for sid, text in texts.items():
        span = find_whole(needle, text.author)
        if span is not None:
            verdict = check_normalized(needle, text, explain=False)
            match = locate(verdict, text) if verdict.ok else None
            line = match.line if match else text.line_at(span[0])
            exact.append(Hit(sid, line, "exact", _as_written(text, *span)))
            continue
        excluded = _excluded_hits(needle, text)
        if excluded:
            exact.extend(excluded)
            continue
        res = check_normalized(needle, text) if word_count(needle) >= MIN_WORDS else None
        if res is not None and res.nearest:
            nearest.append(Hit(sid, res.nearest_line, "nearest", res.nearest, res.similarity))
    if exact:
        return exact
    return sorted(nearest, key=lambda h: -h.similarity)[:NEAREST]


def entry(hit: Hit) -> str:
    """The ``sources:`` list item for a hit, indented as under ``sources:``."""
    return f"  - source: {hit.source}\n    quote: {yaml_str(hit.passage)}"


def _find(args: argparse.Namespace) -> int:
    if not os.path.isdir(os.path.join(args.facts, "sources")):
        print(f"error: '{args.facts}' has no sources/ folder; pass the facts folder with "
              "--facts", file=sys.stderr)
        return 2
    if not normalize(args.words).strip():
        print("error: give some words to look for", file=sys.stderr)
        return 2
    texts, problems = load_texts(args.facts, args.source)
    if args.source is not None and args.source not in texts:
        why = f" ({problems[0].message})" if problems else ""
        print(f"error: no usable source '{safe(args.source)}' in {args.facts}/sources{safe(why)}",
              file=sys.stderr)
        return 2
    hits = search(args.words, texts)
    for hit in hits:
        path = texts[hit.source].source.text_file
        if hit.kind == "exact":
            print(f"{path}:{hit.line}: {hit.source} line {hit.line}: exact match")
        elif hit.kind == "excluded":
            print(f"{path}:{hit.line}: {hit.source} line {hit.line}: found only in an excluded "
                  f"region ({hit.reason}): not the author's text; a fact cannot cite it")
        else:
            diff = describe(normalize(args.words).strip(), hit.passage)
            print(f"{path}:{hit.line}: {hit.source} line {hit.line}: nearest passage, "
                  f"{hit.similarity:.0f}% similar{'; ' + safe(diff) if diff else ''}")
        if hit.kind != "excluded":
            print(safe(entry(hit)))
        print()
    words = word_count(normalize(args.words))
    found = any(h.kind == "exact" for h in hits)
    if found and words < MIN_WORDS:
        print(f"note: a quote needs at least {MIN_WORDS} words; this has {words}",
              file=sys.stderr)
    kinds = [h.kind for h in hits]
    summary = (f"{kinds.count('exact')} exact match(es)" if found else
               f"found only in excluded regions ({kinds.count('excluded')})" if kinds else
               "no match")
    if "nearest" in kinds:
        summary = f"no exact match; {kinds.count('nearest')} nearest passage(s)"
    print(f"quote find: {summary} in {len(texts)} source(s)", file=sys.stderr)
    return 0 if found else 1
