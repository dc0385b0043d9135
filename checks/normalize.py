"""The declared quote normalisation, and mapping normalised offsets back to the raw text.

1. Unicode NFKC; 2. curly quotes and apostrophes to straight; 3. dashes to '-';
4. any run of whitespace (no-break spaces, page-break blank lines) to one space.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

REPLACEMENTS: tuple[tuple[str, str], ...] = (
    ("\u2018", "'"), ("\u2019", "'"), ("\u201a", "'"), ("\u201b", "'"), ("\u2032", "'"),
    ("\u201c", '"'), ("\u201d", '"'), ("\u201e", '"'), ("\u201f", '"'), ("\u2033", '"'),
    ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
    ("\u2015", "-"),
)
_WS = re.compile(r"\s+")
_CHAR_MAP = dict(REPLACEMENTS)


def normalize(text: str) -> str:
    """Normalise text for quote matching (a chain of ``str.replace`` is the fast path)."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        for old, new in REPLACEMENTS:
            if old in text:
                text = text.replace(old, new)
    return _WS.sub(" ", text)


def word_count(normalized: str) -> int:
    return len(normalized.split())


class OffsetMap:
    """Maps offsets in ``normalize(raw)`` back to offsets in ``raw``.

    Built character by character; if per-character NFKC differs from whole-text NFKC
    (combining sequences), falls back to an exact binary search over prefixes.
    """

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.normalized = normalize(raw)
        origins: list[int] = []
        out: list[str] = []
        in_space = False
        for i, ch in enumerate(raw):
            piece = unicodedata.normalize("NFKC", ch)
            for pc in piece:
                pc = _CHAR_MAP.get(pc, pc)
                if pc.isspace():
                    if in_space:
                        continue
                    in_space = True
                    pc = " "
                else:
                    in_space = False
                out.append(pc)
                origins.append(i)
        self._exact = "".join(out) == self.normalized
        self._origins = origins

    def raw_offset(self, norm_offset: int) -> int:
        """Raw offset of the character at a normalised offset (or the end)."""
        if norm_offset >= len(self.normalized):
            return len(self.raw)
        if self._exact:
            return self._origins[norm_offset]
        return _search_prefix(self.raw, norm_offset)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` covering the normalised ``[start, end)``."""
        if end <= start:
            return (self.raw_offset(start),) * 2  # type: ignore[return-value]
        last = self.raw_offset(end - 1)
        return self.raw_offset(start), last + 1


def _search_prefix(raw: str, norm_offset: int) -> int:
    """Smallest raw offset r with len(normalize(raw[:r + 1])) > norm_offset."""

    class _Lengths:
        def __getitem__(self, r: int) -> int:
            return len(normalize(raw[: r + 1]))

        def __len__(self) -> int:
            return len(raw)

    return bisect.bisect_right(_Lengths(), norm_offset)  # type: ignore[arg-type]
