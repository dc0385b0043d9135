"""Someone else's words: does a found quote lie inside a quotation in its source?

A quotation is a run of text between double quotation marks (“ ” or straight ``"``)
within one line of the archived text (the articles keep a paragraph on one line); an
opening mark with no closing mark on its line runs to the line's end. A quote lies
inside a quotation when it starts or ends inside one, or starts with the opening mark:
it then needs a ``speaker`` (``BB507``). A quote that takes in a whole quoted phrase,
marks and all (an "important" message), shows the marks itself and needs none.

When every line of a source's author text has its marks in pairs, the marks of the
normalised text (where every double mark is ``"``) pair up in order, and the check is
two binary searches there; otherwise the quote is mapped back to the raw text and its
own line is read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .archive import Match, SourceText

_OPEN, _CLOSE, _BOTH = "\u201c\u201e\u201f", "\u201d", '"'
#: characters the declared normalisation turns into '"'
_MARKS = re.compile('["\u201c\u201d\u201e\u201f\u2033\uff02]')


class _Index:
    __slots__ = ("text", "marks", "paired")

    def __init__(self, text: SourceText) -> None:
        self.text = text
        self.marks = [m.start() for m in re.finditer('"', text.author)]
        raw_marks = 0
        paired = True
        for line in text.author_raw.split("\n"):
            n = len(_MARKS.findall(line))
            raw_marks += n
            paired = paired and n % 2 == 0
        self.paired = paired and raw_marks == len(self.marks)


_INDEX: dict[int, _Index] = {}


def _index(text: SourceText) -> _Index:
    got = _INDEX.get(id(text))
    if got is None or got.text is not text:
        got = _Index(text)
        _INDEX[id(text)] = got
    return got


def quotations(line: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of every double-quoted run of one line."""
    out: list[tuple[int, int]] = []
    opened = -1
    for m in _MARKS.finditer(line):
        ch, i = m.group(), m.start()
        if opened < 0 and (ch in _OPEN or ch in _BOTH or ch not in _CLOSE):
            opened = i
        elif opened >= 0 and ch not in _OPEN:
            out.append((opened, i))
            opened = -1
    if opened >= 0:
        out.append((opened, len(line)))
    return out


def _inside_raw(text: SourceText, match: Match) -> bool:
    raw = text.raw
    first = raw.rfind("\n", 0, match.start) + 1
    last = raw.find("\n", max(match.end - 1, first))
    last = len(raw) if last < 0 else last
    for o, c in quotations(raw[first:last]):
        o, c = o + first, c + first
        if o == match.start or o < match.start < c or o < match.end - 1 < c:
            return True
    return False


def inside_quotation(text: SourceText, norm_start: int, norm_end: int) -> bool:
    """The quote at ``[norm_start, norm_end)`` of the normalised author text starts or
    ends inside a quotation, or starts with its opening mark."""
    index = _index(text)
    if not index.marks:
        return False
    if not index.paired:
        return _inside_raw(text, text.to_raw(norm_start, norm_end))
    marks = index.marks

    def inside(at: int) -> bool:
        before = bisect_left(marks, at)
        return before % 2 == 1 and (before == len(marks) or marks[before] != at)

    opens_here = bisect_right(marks, norm_start) - bisect_left(marks, norm_start) == 1 \
        and bisect_left(marks, norm_start) % 2 == 0
    return opens_here or inside(norm_start) or inside(norm_end - 1)
