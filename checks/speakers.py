"""Someone else's words: does a found quote lie inside a quotation in its source?

A quotation is a run of text between double quotation marks (“ ” or straight ``"``)
within one line of the archived text (the articles keep a paragraph on one line); an
opening mark with no closing mark on its line runs to the line's end. A quote lies
inside a quotation when it starts or ends inside one, or starts with the opening mark:
it then needs a ``speaker`` (``BB507``). A quote that takes in a whole quoted phrase,
marks and all (an "important" message), shows the marks itself and needs none.
"""

from __future__ import annotations

from bisect import bisect_right

from .archive import Match, SourceText

_OPEN, _CLOSE, _BOTH = "\u201c\u201e\u201f", "\u201d", '"'

_SPANS: dict[int, tuple[SourceText, list[int], list[int]]] = {}


def quotations(raw: str) -> list[tuple[int, int]]:
    """``(open, close)`` raw offsets of every double-quoted run, line by line."""
    out: list[tuple[int, int]] = []
    at = 0
    for line in raw.split("\n"):
        opened = -1
        for i, ch in enumerate(line):
            if opened < 0 and (ch in _OPEN or ch in _BOTH):
                opened = i
            elif opened >= 0 and (ch in _CLOSE or ch in _BOTH):
                out.append((at + opened, at + i))
                opened = -1
        if opened >= 0:
            out.append((at + opened, at + len(line)))
        at += len(line) + 1
    return out


def _index(text: SourceText) -> tuple[list[int], list[int]]:
    got = _SPANS.get(id(text))
    if got is None or got[0] is not text:
        spans = quotations(text.raw)
        got = (text, [o for o, _ in spans], [c for _, c in spans])
        _SPANS[id(text)] = got
    return got[1], got[2]


def inside_quotation(text: SourceText, match: Match) -> bool:
    """The raw span ``match`` starts or ends inside a quotation, or starts with its mark."""
    if '"' not in text.raw and "\u201c" not in text.raw and "\u201d" not in text.raw:
        return False
    opens, closes = _index(text)
    for at in (match.start, match.end - 1):
        k = bisect_right(opens, at) - 1
        if k < 0:
            continue
        if opens[k] == match.start or opens[k] < at < closes[k]:
            return True
    return False
