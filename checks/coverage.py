"""Coverage: sentences of each source that state a date or number and no fact cites.

``python -m checks.coverage [FACTS_DIR]`` lists them as ``file:line: COV001 ...``; each
must either become a fact or be listed with a reason in ``facts/out-of-scope.yaml``.
Exit 0 when every such sentence is cited or explained, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from typing import Sequence

from .api import check_path
from .cache import CacheLocationError
from .loader import FieldReader
from .normalize import normalize
from .problems import Problem
from .result import Result
from .yamltree import parse_file

OUT_OF_SCOPE = "out-of-scope.yaml"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]* (?=[\"'(\[]?[A-Z0-9])")
_NUMBER = re.compile(
    r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half)\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sentence:
    source: str
    start: int
    end: int
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Exclusion:
    source: str
    text: str
    reason: str
    line: int


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a normalised text."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start() + len(m.group(0)) - 1))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def uncited(result: Result) -> list[Sentence]:
    """Sentences that name a number or date and overlap no verified quote."""
    cited: dict[str, list[tuple[int, int]]] = {}
    for r in result.facts:
        for check in r.quotes:
            if check.ok:
                cited.setdefault(check.quote.source, []).append(
                    (check.result.norm_start, check.result.norm_end))
    out = []
    for sid, text in sorted(result.book.texts.items()):
        spans = cited.get(sid, [])
        for a, b in sentences(text.author):
            body = text.author[a:b].strip()
            if not _NUMBER.search(body):
                continue
            if any(s < b and a < e for s, e in spans):
                continue
            out.append(Sentence(sid, a, b, body, text.to_raw(a, b).line))
    return out


def load_exclusions(path: str, problems: list[Problem]) -> list[Exclusion]:
    """Read ``out-of-scope.yaml``: a list of {source, text, reason}."""
    if not os.path.exists(path):
        return []
    root = parse_file(path, problems)
    if root is None:
        return []
    b = FieldReader(path, problems)
    top = b.mapping(root, "out-of-scope file", ("out_of_scope",), ("out_of_scope",))
    out = []
    for i, item in enumerate(b.items(top["out_of_scope"][1], "out_of_scope") if top and
                             "out_of_scope" in top else []):
        m = b.mapping(item, f"out_of_scope[{i}]", ("source", "text", "reason"),
                      ("source", "text", "reason"))
        if m is None or len(m) < 3:
            continue
        values = [b.text(m[k][1], f"out_of_scope[{i}].{k}") for k in ("source", "text", "reason")]
        if all(values):
            out.append(Exclusion(values[0], values[1], values[2], item.pos.line))  # type: ignore[arg-type]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.coverage", description=__doc__)
    parser.add_argument("facts", nargs="?", default="facts")
    parser.add_argument("--all", action="store_true", help="also list explained sentences")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.facts):
        print(f"error: '{args.facts}' is not a folder", file=sys.stderr)
        return 2
    try:
        result = check_path(args.facts)
    except CacheLocationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problems: list[Problem] = []
    excl_path = os.path.join(args.facts, OUT_OF_SCOPE)
    exclusions = load_exclusions(excl_path, problems)
    used: set[int] = set()
    missing = 0
    sentences_uncited = uncited(result)
    for s in sentences_uncited:
        why = next((i for i, e in enumerate(exclusions)
                    if e.source == s.source and normalize(e.text).strip() in s.text), None)
        src = result.book.sources[s.source].text_file
        if why is not None:
            used.add(why)
            if args.all:
                print(f"{src}:{s.line}: out of scope ({exclusions[why].reason}): {s.text[:100]}")
            continue
        missing += 1
        print(f"{src}:{s.line}: COV001 no fact cites this sentence, which states a date or "
              f"number; make it a fact or add it to {OUT_OF_SCOPE} with a reason: \"{s.text}\"")
    for i, e in enumerate(exclusions):
        if i not in used:
            missing += 1
            print(f"{excl_path}:{e.line}: COV002 this out-of-scope entry matches no uncited "
                  "sentence (cited now, or its text changed); remove it")
    for p in problems:
        missing += 1
        print(f"{p.file}:{p.line}:{p.column}: {p.code.value} {p.message}")
    total = len(sentences_uncited) if args.all else None
    print(f"coverage: {missing} sentence(s) with dates or numbers neither cited nor explained"
          + (f"; {total} uncited in all" if total is not None else ""), file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
