"""Find a quote in a source's normalised author text; explain the nearest passage if not."""

from __future__ import annotations

from dataclasses import dataclass

from .archive import Match, SourceText
from .normalize import normalize, word_count
from .problems import Verdict

MIN_WORDS = 5


@dataclass(frozen=True)  # no slots: unpickling slotted dataclasses runs Python per object
class QuoteResult:
    """The verdict on one quote, where it was found, or the nearest passage if not."""

    verdict: Verdict
    norm_start: int = -1
    norm_end: int = -1
    nearest: str | None = None
    similarity: float = 0.0
    nearest_line: int = 0

    @property
    def ok(self) -> bool:
        return self.verdict is Verdict.FOUND


def _on_boundaries(text: str, start: int, end: int) -> bool:
    if start > 0 and text[start].isalnum() and text[start - 1].isalnum():
        return False
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        return False
    return True


def _cuts_number(text: str, at: int) -> bool:
    """A boundary at ``at`` falls inside a number such as ``2.5`` or ``2,500``: between a
    digit and a decimal or thousands separator that is followed by a digit, or just after
    such a separator (``including $2`` from ``$2.5 billion``; ``5 billion`` from the same)."""
    if 0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at] in ".," \
            and text[at + 1].isdigit():
        return True
    return 1 < at < len(text) and text[at - 1] in ".," and text[at - 2].isdigit() \
        and text[at].isdigit()


def _clean_ends(text: str, start: int, end: int) -> bool:
    """Neither end of ``text[start:end]`` cuts a number (see :func:`_cuts_number`)."""
    inner_start = start + 1 if text[start] in ".," else start  # a quote starting ".5"
    inner_end = end - 1 if end - start > 1 and text[end - 1] in ".," else end  # ending "2."
    return not (_cuts_number(text, start) or _cuts_number(text, end)
                or (inner_start != start and _cuts_number(text, inner_start))
                or (inner_end != end and _cuts_number(text, inner_end)))


def find_whole(needle: str, text: str) -> tuple[int, int] | None:
    """First occurrence of ``needle`` in ``text`` that starts and ends on word boundaries
    and does not start or end inside a number."""
    start = text.find(needle)
    while start != -1:
        end = start + len(needle)
        if _on_boundaries(text, start, end) and _clean_ends(text, start, end):
            return start, end
        start = text.find(needle, start + 1)
    return None


def _cut_from_number(needle: str, text: str) -> bool:
    """``needle`` occurs on word boundaries but only by cutting a number at one end."""
    start = text.find(needle)
    while start != -1:
        if _on_boundaries(text, start, start + len(needle)):
            return True
        start = text.find(needle, start + 1)
    return False


def check_quote(quote: str, source: SourceText, explain: bool = True) -> QuoteResult:
    """Verify one quote against one source.

    :param quote: the quote as written in the fact file
    :param source: the source's text index
    :param explain: compute the nearest passage when the quote is not found
    """
    return check_normalized(normalize(quote).strip(), source, explain)


def check_normalized(needle: str, source: SourceText, explain: bool = True) -> QuoteResult:
    """:func:`check_quote` for a quote already normalised (:attr:`Quote.normalized`)."""
    if word_count(needle) < MIN_WORDS:
        return QuoteResult(Verdict.TOO_SHORT)
    span = find_whole(needle, source.author)
    if span is not None:
        return QuoteResult(Verdict.FOUND, span[0], span[1])
    if find_whole(needle, source.excluded) is not None:
        return QuoteResult(Verdict.EXCLUDED)
    if _cut_from_number(needle, source.author):
        return QuoteResult(Verdict.CUTS_NUMBER)
    if needle in source.author:
        return QuoteResult(Verdict.PARTIAL_WORD)
    if not explain:
        return QuoteResult(Verdict.NOT_FOUND)
    return _nearest(needle, source)


#: the nearest passage is searched for with at most this much of a quote (its start):
#: the search grows with the square of the quote's length past a few dozen characters
MAX_PROBE = 300


def _probe(needle: str) -> str:
    if len(needle) <= MAX_PROBE:
        return needle
    cut = needle.rfind(" ", 0, MAX_PROBE)
    return needle[:cut if cut > MAX_PROBE // 2 else MAX_PROBE]


def _nearest(needle: str, source: SourceText) -> QuoteResult:
    from rapidfuzz import fuzz  # imported lazily: only failing quotes need it

    hay = source.author
    probe = _probe(needle)
    align = fuzz.partial_ratio_alignment(probe, hay)
    if align is None:
        return QuoteResult(Verdict.NOT_FOUND)
    end = align.dest_end if probe is needle else min(len(hay), align.dest_start + len(needle))
    start, end = _snap(needle, hay, align.dest_start, end)
    # widen to whole words so the suggestion can be pasted back
    while start > 0 and hay[start - 1].isalnum():
        start -= 1
    while end < len(hay) and hay[end].isalnum():
        end += 1
    line = source.line_at(start)
    return QuoteResult(Verdict.NOT_FOUND, nearest=hay[start:end].strip(),
                       similarity=align.score, nearest_line=line)


def _closest(hay: str, probe: str, near: int, slack: int) -> int:
    """Offset of the occurrence of ``probe`` closest to ``near`` (within ``slack``), or -1."""
    best, i = -1, hay.find(probe, max(0, near - slack - len(probe)))
    while i != -1 and i <= near + slack:
        if best == -1 or abs(i - near) < abs(best - near):
            best = i
        i = hay.find(probe, i + 1)
    return best


def _snap(needle: str, hay: str, start: int, end: int, slack: int = 40) -> tuple[int, int]:
    """Move an alignment's ends onto the quote's first and last two words when near."""
    words = needle.split()
    head, tail = " ".join(words[:2]), " ".join(words[-2:])
    first = _closest(hay, head, start, slack)
    if first != -1:
        start = first
    last = _closest(hay, tail, end - len(tail), slack)
    if last != -1 and last + len(tail) > start:
        end = last + len(tail)
    return start, end


def locate(result: QuoteResult, source: SourceText) -> Match | None:
    """Raw position of a found quote (for highlighting the passage)."""
    if not result.ok:
        return None
    return source.to_raw(result.norm_start, result.norm_end)
