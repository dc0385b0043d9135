"""The declared quote normalisation, and mapping normalised offsets back to the raw text.

1. Unicode NFKC; 2. curly quotes and apostrophes to straight; 3. dashes to '-';
4. any run of whitespace (no-break spaces, page-break blank lines) to one space,
   and none at the very start or end.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache

REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2033", '"'),
    ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
    ("\u2015", "-"),
)
_CHAR_MAP = dict(REPLACEMENTS)
_NEEDS_WORK = re.compile(r"\s\s|[^\S ]|^ | $")
#: a whitespace run, a whitespace other than a space, or a non-ASCII character (the
#: lookahead lets the engine skip plain ASCII a class test at a time)
_SPECIAL = re.compile(r"(?=[\s\x80-\U0010ffff])(?:\s{2,}|[^\S ]|[^\x00-\x7f])")
#: the whitespace that :meth:`OffsetMap._simple` handles (each character one space)
_SIMPLE_SPACES = ("\n", "\r", "\t", "\u00a0")


def _replace(text: str) -> str:
    for old, new in REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


@lru_cache(maxsize=1 << 16)
def normalize(text: str) -> str:
    """Normalise text for quote matching (``str.replace`` chains and ``str.split``)."""
    if text.isascii():
        return text if _NEEDS_WORK.search(text) is None else " ".join(text.split())
    text = _replace(text)
    if "\u00a0" in text:  # NFKC makes a no-break space a space; done here, most texts
        text = text.replace("\u00a0", " ")  # are then NFKC already (a quick check)
    if not unicodedata.is_normalized("NFKC", text):
        text = _replace(unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _piece(ch: str) -> str:
    """What one non-ASCII character becomes (per character; checked against the whole)."""
    out = _replace(unicodedata.normalize("NFKC", _CHAR_MAP.get(ch, ch)))
    return " " if out.isspace() else out


def word_count(normalized: str) -> int:
    return len(normalized.split())


class OffsetMap:
    """Maps offsets in ``normalize(raw)`` back to offsets in ``raw``.

    Piecewise: runs of plain ASCII map one to one; breakpoints sit only at whitespace
    runs and non-ASCII characters. If per-character NFKC differs from whole-text NFKC
    (combining sequences), an exact binary search over prefixes is used instead.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.normalized = normalize(raw)
        if not self._simple():
            self._general()

    def _simple(self) -> bool:
        """The common case, in a few passes made in C: every character stays one
        character (ASCII, the replaced quotes and dashes, text already NFKC) and the
        whitespace is spaces, line ends, tabs and no-break spaces, so the only
        breakpoints are the runs of two or more, each one space once normalised.
        Checked, not assumed: the text so collapsed must be the normalised text."""
        raw = self.raw
        text = raw if raw.isascii() else _replace(raw)
        for ch in _SIMPLE_SPACES:
            if ch in text:
                text = text.replace(ch, " ")
        lead, end = len(text) - len(text.lstrip(" ")), len(text.rstrip(" "))
        norm_starts, raw_starts, unit = [0], [lead], [0]
        pieces = []
        r = lead
        at = text.find("  ", r, end)
        while at >= 0:
            stop = at + 2
            while text[stop] == " ":
                stop += 1
            pieces.append(text[r:at])
            n = norm_starts[-1] + at - raw_starts[-1]
            norm_starts += (n, n + 1)
            raw_starts += (at, stop)
            unit += (stop - at, 0)
            r = stop
            at = text.find("  ", r, end)
        pieces.append(text[r:end])
        if " ".join(pieces) != self.normalized:
            return False
        self._exact = True
        self._norm_starts, self._raw_starts, self._unit = norm_starts, raw_starts, unit
        return True

    def _general(self) -> None:
        """Any text: a unit per whitespace run and per non-ASCII character."""
        raw = self.raw
        norm_starts: list[int] = []
        raw_starts: list[int] = []
        unit: list[int] = []  # 0 for identity runs, else raw length of the replaced unit
        out: list[str] = []
        n = r = 0
        last = ""  # the last piece written (a space run continues it)
        for m in _SPECIAL.finditer(raw):
            start, end = m.span()
            if start > r:  # identity run
                norm_starts.append(n)
                raw_starts.append(r)
                unit.append(0)
                last = raw[r:start]
                out.append(last)
                n += start - r
            text = m.group(0)
            piece = " " if text.isspace() else _piece(text)
            if piece == " " and (n == 0 or last.endswith(" ")):
                piece = ""  # leading space, or a run continuing a space
            if piece:
                norm_starts.append(n)
                raw_starts.append(start)
                unit.append(end - start)
                out.append(piece)
                last = piece
                n += len(piece)
            r = end
        if r < len(raw):
            norm_starts.append(n)
            raw_starts.append(r)
            unit.append(0)
            out.append(raw[r:])
        joined = "".join(out)
        if joined.endswith(" "):
            joined = joined[:-1]
        self._exact = joined == self.normalized
        self._norm_starts, self._raw_starts, self._unit = norm_starts, raw_starts, unit

    def _find(self, norm_offset: int) -> tuple[int, int]:
        """Raw start of the unit holding a normalised offset, and that unit's raw length."""
        k = bisect.bisect_right(self._norm_starts, norm_offset) - 1
        if self._unit[k] == 0:
            return self._raw_starts[k] + norm_offset - self._norm_starts[k], 1
        return self._raw_starts[k], self._unit[k]

    def raw_offset(self, norm_offset: int) -> int:
        """Raw offset of the character at a normalised offset (or the end)."""
        if norm_offset >= len(self.normalized):
            return len(self.raw)
        if not self._exact:
            return raw_offset_of(self.raw, norm_offset)
        return self._find(norm_offset)[0]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering the normalised ``[start, end)``."""
        if self._exact and start < end and start < len(self.normalized):
            # the common case, as raw_offset and _find compute it, in one place
            norm_starts, raw_starts, unit = self._norm_starts, self._raw_starts, self._unit
            k = bisect.bisect_right(norm_starts, start) - 1
            first = raw_starts[k] + (start - norm_starts[k] if unit[k] == 0 else 0)
            k = bisect.bisect_right(norm_starts, end - 1) - 1
            stop = raw_starts[k] + (end - norm_starts[k] if unit[k] == 0 else unit[k])
        else:
            first = self.raw_offset(start)
            if end <= start:
                return first, first
            if not self._exact:
                stop = raw_offset_of(self.raw, end - 1) + 1
            else:
                last, length = self._find(end - 1)
                stop = last + length
        while stop < len(self.raw) and unicodedata.combining(self.raw[stop]):
            stop += 1  # keep an accent written as a combining mark with its letter
        return first, stop


def raw_offset_of(raw: str, norm_offset: int) -> int:
    """Raw offset for one normalised offset, without building a whole :class:`OffsetMap`."""
    if norm_offset <= 0:
        return len(raw) - len(raw.lstrip())
    return min(_search_prefix(raw, norm_offset), len(raw))


def _search_prefix(raw: str, norm_offset: int) -> int:
    """Smallest raw offset r with len(normalize(raw[:r + 1])) > norm_offset."""

    class _Lengths:  # a sentinel keeps a trailing space of the prefix from being stripped
        def __getitem__(self, r: int) -> int:
            return len(normalize(raw[: r + 1] + "#")) - 1

        def __len__(self) -> int:
            return len(raw)

    return bisect.bisect_right(_Lengths(), norm_offset)  # a sequence by duck typing
