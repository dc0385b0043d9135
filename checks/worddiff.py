"""Word-level difference between a quote and the nearest passage: ``largest → biggest``."""

from __future__ import annotations

import difflib

MAX_CHANGES = 4


def _words(words: list[str]) -> str:
    return " ".join(words) if words else "(nothing)"


def word_changes(quote: str, passage: str) -> list[str]:
    """The edits that turn the quote into the passage, as ``quote words → source words``.

    Both texts should already be normalised (:func:`checks.normalize.normalize`). Words
    the passage has only before the quote's first word or after its last (context the
    nearest-passage search widened to) are not changes.
    """
    a, b = quote.split(), passage.split()
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    while ops and ops[0][0] == "insert":
        ops = ops[1:]
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    return [f"{_words(a[i1:i2])} → {_words(b[j1:j2])}"
            for tag, i1, i2, j1, j2 in ops if tag != "equal"]


def describe(quote: str, passage: str) -> str:
    """``"the source has: largest → biggest; ..."`` (the first few changes), or ``""``."""
    changes = word_changes(quote, passage)
    if not changes:
        return ""
    more = len(changes) - MAX_CHANGES
    shown = "; ".join(changes[:MAX_CHANGES]) + (f"; and {more} more" if more > 0 else "")
    return f"the source has: {shown}"
