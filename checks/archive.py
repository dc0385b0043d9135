"""The source archive: metadata files, sealed texts, and the author's own text."""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property

from . import fields as F
from .loader import FieldReader
from .model import ExcludedRange, Pos, Source
from .normalize import OffsetMap, normalize
from .problems import Code, Problem
from .yamltree import YNode, parse_file

SOURCE_FIELDS = ("id", "title", "author", "publication", "publication_note", "published",
                 "published_note", "url", "sha256", "original", "original_sha256",
                 "extractor", "extractor_version", "excluded")
_REQUIRED = ("id", "title", "author", "publication", "published", "sha256")
_LINES_RE = re.compile(r"([0-9]{1,9})(?:-([0-9]{1,9}))?")
#: what ends a line, as editors count lines: CR LF, a lone CR, or LF
_LINE_BREAK = re.compile(r"\r\n?|\n")
_HEX_RE = re.compile(r"[0-9a-f]{64}")


def load_source(meta_path: str, text_path: str, problems: list[Problem]) -> Source | None:
    """Read one source's metadata file; None (with problems) when it is unusable or
    its text file is missing.

    :param meta_path: ``<id>.yaml``
    :param text_path: ``<id>.txt`` beside it
    :param problems: where problems are appended
    """
    source = read_source(parse_file(meta_path, problems), meta_path, text_path, problems)
    if source is not None and not os.path.isfile(text_path):
        problems.append(text_missing(source))
        return None
    return source


def text_missing(source: Source) -> Problem:
    return Problem(source.meta_file, 1, 1, Code.SOURCE_TEXT_MISSING,
                   f"the archived text {os.path.basename(source.text_file)} is missing "
                   "beside this file")


def read_source(root: YNode | None, meta_path: str, text_path: str,
                problems: list[Problem]) -> Source | None:
    """A source's metadata from its parsed file (whether its text exists is not asked)."""
    stem = os.path.basename(meta_path)[: -len(".yaml")]
    if root is None:
        return None
    b = FieldReader(meta_path, problems)
    m = b.mapping(root, "source metadata", SOURCE_FIELDS, _REQUIRED)
    if m is None:
        return None
    values: dict[str, str | None] = {}
    for key in SOURCE_FIELDS[:-1]:
        if key in m:
            values[key] = b.ident(m[key][1], key) if key == "id" else b.text(m[key][1], key)
    sid = values.get("id")
    if sid is not None and sid != stem:
        b.report(m["id"][1].pos, Code.ID_MISMATCH,
                 f"source id '{sid}' does not match the file name '{stem}.yaml'", "id")
    if stem in F.RESERVED_IDS:
        b.report(m["id"][1].pos if "id" in m else Pos(1, 1), Code.BAD_VALUE,
                 f"source id '{stem}' is the name of a page the book makes; choose another "
                 "id (and file names)", "id")
    digest = values.get("sha256")
    if digest is not None and not _HEX_RE.fullmatch(digest):
        b.report(m["sha256"][1].pos, Code.BAD_VALUE,
                 "sha256 must be 64 lower-case hex digits", "sha256")
        digest = None
    excluded = _excluded(b, m["excluded"][1]) if "excluded" in m else ()
    if any(values.get(k) is None for k in _REQUIRED):
        return None
    source = Source(
        id=stem, title=values["title"], author=values["author"],  # type: ignore[arg-type]
        publication=values["publication"], published=values["published"],  # type: ignore[arg-type]
        sha256=digest or "", meta_file=meta_path, text_file=text_path, excluded=excluded,
        publication_note=values.get("publication_note"),
        published_note=values.get("published_note"),
        positions={key: node.pos for key, (_, node) in m.items()},
    )
    return source


def _excluded(b: FieldReader, node: object) -> tuple[ExcludedRange, ...]:
    out = []
    for i, item in enumerate(b.items(node, "excluded")):  # type: ignore[arg-type]
        where = f"excluded[{i}]"
        m = b.mapping(item, where, ("lines", "reason", "note"), ("lines", "reason"))
        if m is None or "lines" not in m or "reason" not in m:
            continue
        lines = b.text(m["lines"][1], f"{where}.lines")
        reason = b.choice(m["reason"][1], f"{where}.reason", F.EXCLUDED_REASONS)
        note = b.text(m["note"][1], f"{where}.note") if "note" in m else None
        match = _LINES_RE.fullmatch(lines or "")
        if lines is None:
            continue
        where_lines = m["lines"][1].pos
        first = int(match[1]) if match else 0
        last = int(match[2] or match[1]) if match else 0
        if not match or last < first:
            b.report(where_lines, Code.SOURCE_META,
                     f"{where}.lines '{lines[:40]}' must be 'FIRST-LAST' line numbers, "
                     "FIRST <= LAST")
            continue
        if first < 1:
            b.report(where_lines, Code.SOURCE_META,
                     f"{where}.lines '{lines}': lines are numbered from 1, as editors "
                     "number them")
            continue
        if reason is not None:
            out.append(ExcludedRange(first, last, reason, note, where_lines))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Match:
    """Where a quote was found in a source's raw text."""

    start: int
    end: int
    line: int


def split_lines(raw: str) -> tuple[list[str], list[int]]:
    """A text's lines (without their ends) and the offset where each starts, lines
    counted as editors count them: CR LF, a lone CR or LF ends a line."""
    if "\r" not in raw:
        lines = raw.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        return lines, starts
    starts, ends = [0], []
    for m in _LINE_BREAK.finditer(raw):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(raw))
    return [raw[a:b] for a, b in zip(starts, ends)], starts


class SourceText:
    """A sealed text split into the author's own text and the excluded parts.

    Lines are numbered as editors number them (:func:`split_lines`), the same way for
    excluded ranges, messages and the source page. Excluded ranges must lie within the
    text (checked by :func:`sealed_text`).
    """

    def __init__(self, source: Source, raw: str) -> None:
        self.source = source
        self.raw = raw

    # Everything below is derived from the raw text when first asked for: a run that
    # reuses every verdict on a source from the cache never splits or normalises it.
    @cached_property
    def _split(self) -> tuple[list[str], list[int]]:
        return split_lines(self.raw)

    @cached_property
    def lines(self) -> list[str]:
        """The text's lines, without their line ends."""
        return self._split[0]

    @cached_property
    def line_starts(self) -> list[int]:
        return self._split[1]

    @cached_property
    def _parts(self) -> tuple[str, str, list[tuple[int, int]]]:
        """The author's raw text, the excluded lines' text, and the pieces
        ``(offset in author text, raw offset)`` of the author's text (one per run of
        lines at the same shift: a text with no excluded line is one piece)."""
        lines, starts = self._split
        dropped: set[int] = set()
        for ex in self.source.excluded:  # bounded by the text's length, whatever a range says
            dropped.update(range(max(ex.first_line, 1), min(ex.last_line, len(lines)) + 1))
        author, rest = [], []
        pieces: list[tuple[int, int]] = []
        pos = 0
        shift = None  # raw offset less author offset: a piece where it changes
        for number, line in enumerate(lines, 1):
            if number in dropped:
                rest.append(line)
                continue
            if starts[number - 1] - pos != shift:
                pieces.append((pos, starts[number - 1]))
                shift = starts[number - 1] - pos
            author.append(line)
            pos += len(line) + 1
        author_raw = "\n".join(author) if dropped else self.raw  # same text, one string
        return author_raw, "\n".join(rest), pieces

    @cached_property
    def _pieces(self) -> list[tuple[int, int]]:
        return self._parts[2]

    @cached_property
    def _piece_starts(self) -> list[int]:
        return [p[0] for p in self._pieces]

    @cached_property
    def author_raw(self) -> str:
        """The author's own text as archived (the excluded lines left out)."""
        return self._parts[0]

    @cached_property
    def author(self) -> str:
        """The author's own text, normalised: what quotes are looked for in."""
        return normalize(self.author_raw)

    @cached_property
    def excluded(self) -> str:
        """The excluded lines' text, normalised."""
        return normalize(self._parts[1])

    @cached_property
    def _offsets(self) -> OffsetMap:
        return OffsetMap(self.author_raw)

    def line_of(self, raw_offset: int) -> int:
        return bisect_right(self.line_starts, raw_offset)

    def line_at(self, norm_offset: int) -> int:
        """Source line of one normalised author-text offset (for messages)."""
        return self.line_of(self._author_to_raw(self._offsets.raw_offset(norm_offset)))

    def _author_to_raw(self, a: int) -> int:
        i = bisect_right(self._piece_starts, a) - 1
        return self._pieces[i][1] + (a - self._pieces[i][0])

    def to_raw(self, norm_start: int, norm_end: int) -> Match:
        """Map a span of the normalised author text to the raw archived text."""
        a_start, a_end = self._offsets.raw_span(norm_start, norm_end)
        pieces = self._pieces
        if len(pieces) == 1:  # no excluded line, or excluded lines only at the end
            shift = pieces[0][1] - pieces[0][0]
            r_start, r_end = a_start + shift, a_end + shift
        else:
            r_start = self._author_to_raw(a_start)
            r_end = self._author_to_raw(a_end - 1) + 1 if a_end > a_start else r_start
        return Match(r_start, r_end, bisect_right(self.line_starts, r_start))


def load_text(source: Source, problems: list[Problem]) -> SourceText | None:
    """Read a source's sealed text and check it against its recorded SHA-256."""
    try:
        with open(source.text_file, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        problems.append(Problem(source.meta_file, 1, 1, Code.SOURCE_TEXT_MISSING,
                                f"cannot read {source.text_file}: {exc.strerror}"))
        return None
    return sealed_text(source, data, problems)


def sealed_text(source: Source, data: bytes, problems: list[Problem]) -> SourceText | None:
    """A source's text from its bytes, if they match its recorded SHA-256 and are UTF-8."""
    actual = hashlib.sha256(data).hexdigest()
    if source.sha256 and actual != source.sha256:
        pos = source.pos("sha256")
        problems.append(Problem(
            source.meta_file, pos.line, pos.column, Code.SOURCE_HASH,
            f"{os.path.basename(source.text_file)} has SHA-256 {actual[:12]}…, but "
            f"{source.sha256[:12]}… was recorded: the archived text was edited. Restore it "
            "from the original, or archive the new text as a new source"))
        return None
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(source.meta_file, 1, 1, Code.BAD_ENCODING,
                                f"{source.text_file} is not valid UTF-8"))
        return None
    count = raw.count("\n") + raw.count("\r") - raw.count("\r\n") + 1
    within = []
    for i, ex in enumerate(source.excluded):
        if ex.last_line > count:
            problems.append(Problem(
                source.meta_file, ex.pos.line, ex.pos.column, Code.SOURCE_META,
                f"excluded[{i}].lines {ex.first_line}-{ex.last_line} run past the end of "
                f"{os.path.basename(source.text_file)}, which has {count:,} lines"))
        else:
            within.append(ex)
    if len(within) < len(source.excluded):
        source = replace(source, excluded=tuple(within))
    return SourceText(source, raw)
