"""Proposed excluded line ranges: the lines of an archived text that are not the author's.

These are proposals for the maintainer to confirm or edit in the metadata file, never
a verdict. Each rule below is documented in the README ("Add a source"):

- single lines, anywhere: advertisement markers (``- Advertisement -``, ``Sponsored``,
  ``Sponsored: ...``), breadcrumb navigation (``Home > News``, ``HomeNEWS...``, ``Skip to
  content``), bylines (``By Jane Roe``, a line that is only the author's name, ``The
  writer is ...``), footnotes (a line starting with a note mark: ``*``, ``^{*}``, ``†``,
  ``[1]``) and teasers (``Read more: ...``, ``Also read ...``, ``Share this``,
  ``Copyright ...``, ``All rights reserved``);
- sections that run to the end of the text, or to the next such heading: comments
  (``3 Comments``, ``Leave a Reply``, ``Comments are closed.``), bibliography
  (``References``, ``Notes and References``, ``Bibliography``, ``Works Cited``) and
  boilerplate sections (``Must Read``, ``Most Popular``, ``Related Articles``,
  ``Check Also``, ``About the author``);
- lines the extractor itself marked (for HTML: trafilatura's comments section).

Ranges of one reason that only blank lines separate are merged (their notes joined).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
_AD = re.compile(rf"^[{_DASHES}\s*|]*(advertisement|advertisment|advert|ad|header ad|"
                 rf"sponsored( content)?|promoted|paid content)[{_DASHES}\s*|:]*$", re.I)
_AD_PREFIX = re.compile(r"^(advertisement|sponsored|promoted|paid content)\s*[:|]\s*\S", re.I)
_BREADCRUMB = re.compile(r"^home\s*([>»›/|]|(?=[A-Z]{2}))|^(skip to (main )?content|menu|"
                         r"search|toggle navigation)$", re.I)
_BYLINE = re.compile(r"^(by|written by|author:|words by)\s+\S+(\s+\S+){0,4}$", re.I)
_BIO = re.compile(r"^(the (writer|author) (is|was|teaches|works|writes))\b", re.I)
_FOOTNOTE = re.compile(r"^(\^\{?[*†‡\d]+\}?|\*+|[†‡]|\[\d{1,3}\])\s*\S")
_TEASER = re.compile(r"^(read more|read also|also read|see also|recommended|share this|"
                     r"share on|follow us|subscribe|sign up for|newsletter|copyright\b|©|"
                     r"all rights reserved)", re.I)
_COMMENTS = re.compile(r"^(\d+\s+)?(comments?|responses?|replies|reader comments)$|"
                       r"^(leave a (reply|comment)|post a comment|add a comment|"
                       r"comments are closed|please enter your comment)", re.I)
_BIBLIOGRAPHY = re.compile(r"^(notes and references|references|bibliography|works cited|"
                           r"endnotes|sources and notes)\s*:?$", re.I)
_SECTION = re.compile(r"^(must read|most popular|most read|related( articles| posts| "
                      r"stories)?|more from .{1,40}|check also|you may also like|trending( now)?|"
                      r"about (the author|\S+( \S+){0,2}))$", re.I)


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed excluded range (1-based, inclusive) with its reason and a note."""

    first: int
    last: int
    reason: str
    note: str


def _line_reason(line: str, author: str | None) -> tuple[str, str] | None:
    if _AD.match(line) or _AD_PREFIX.match(line):
        return "advertisement", "advertisement marker or sponsored line"
    if _BREADCRUMB.match(line):
        return "navigation", "breadcrumb or site navigation"
    name = line.rstrip("*† ").removesuffix("^{*}").strip()
    if _BYLINE.match(line) or (author and name.casefold() == author.casefold()):
        return "byline", "the author's name"
    if author and line.casefold().startswith(author.casefold()) and len(line) > len(author):
        rest = line[len(author):].lstrip()
        if rest[:3] in ("is ", "was") or rest.startswith(("writes", "teaches", "http")):
            return "byline", "the author's name, link or biography"
    if _BIO.match(line):
        return "byline", "the author's biography"
    if _FOOTNOTE.match(line):
        return "footnote", "a note marked with a footnote sign"
    if _TEASER.match(line):
        return "boilerplate", "teaser or site furniture"
    return None


def byline_author(lines: Sequence[str]) -> str | None:
    """The name in the first ``By Jane Roe`` line, if any (for a text without metadata)."""
    for raw in lines:
        line = raw.strip()
        if _BYLINE.match(line):
            return line.split(None, 1)[1].removeprefix("by ").strip() or None
    return None


def _section_reason(line: str) -> tuple[str, str] | None:
    if _COMMENTS.match(line):
        return "comments", f"reader comments, from the heading \"{line[:40]}\""
    if _BIBLIOGRAPHY.match(line):
        return "bibliography", f"\"{line[:40]}\": other publications, not the author's text"
    if _SECTION.match(line):
        return "boilerplate", f"\"{line[:40]}\" section (teasers, about box, footer)"
    return None


def propose(lines: Sequence[str], author: str | None = None,
            marked: Iterable[tuple[int, str, str]] = ()) -> list[Proposal]:
    """Proposed exclusions for a text's lines (index 0 is line 1).

    :param author: the author's name, when known (for bylines)
    :param marked: ``(line, reason, note)`` the extractor found itself
    """
    per_line: dict[int, tuple[str, str]] = {n: (r, note) for n, r, note in marked}
    section: tuple[str, str] | None = None
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        heading = _section_reason(line) if len(line.split()) <= 6 else None
        if heading is not None:
            section = heading
        if number in per_line:
            continue
        found = section or _line_reason(line, author)
        if found is not None:
            per_line[number] = found
    return _merge(per_line, lines)


def _merge(per_line: dict[int, tuple[str, str]], lines: Sequence[str]) -> list[Proposal]:
    out: list[Proposal] = []
    for number in sorted(per_line):
        reason, note = per_line[number]
        if out and out[-1].reason == reason and all(
                not lines[k - 1].strip() for k in range(out[-1].last + 1, number)):
            prev = out[-1]
            joined = prev.note if note in prev.note.split("; ") else f"{prev.note}; {note}"
            out[-1] = Proposal(prev.first, number, reason, joined)
        else:
            out.append(Proposal(number, number, reason, note))
    return out
