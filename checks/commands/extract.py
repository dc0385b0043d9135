"""The text quotes are checked against, taken from an original ``.txt``, ``.html`` or ``.pdf``.

- ``.txt``: the file itself, byte for byte (it must be UTF-8);
- ``.html``: trafilatura's main text, then (after a blank line) the comments section it
  separates from it, each paragraph on its own line; trafilatura leaves out navigation,
  headers, footers and most advertisements, which stay in the archived original;
- ``.pdf``: pypdf's text of each page, pages separated by a blank line.

The extractor's name and version are recorded in the source's metadata, and
``briefing source verify`` extracts again to prove the archived text is still what the
original gives (an upgrade that changes the text is reported).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from importlib import metadata as importlib_metadata

#: original file suffix -> (extractor distribution, what the metadata records)
EXTRACTORS = {".html": "trafilatura", ".htm": "trafilatura", ".pdf": "pypdf"}
SUFFIXES = (".txt", *EXTRACTORS)


class ExtractError(Exception):
    """The file gives no usable text (the message says why)."""


class MissingExtractor(Exception):
    """The library for this kind of file is not installed."""


@dataclass
class Extracted:
    """An archived text and what the extractor found out about it."""

    text: str
    extractor: str | None = None
    extractor_version: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    publication: str | None = None
    url: str | None = None
    published_note: str | None = None
    #: ``(line, reason, note)`` the extractor itself identified (HTML comments)
    marked: list[tuple[int, str, str]] = field(default_factory=list)


def version_of(dist: str) -> str:
    try:
        return importlib_metadata.version(dist)
    except importlib_metadata.PackageNotFoundError:
        raise MissingExtractor(dist) from None


def extract(suffix: str, data: bytes) -> Extracted:
    """The text of an original file's bytes (``suffix`` as in :data:`SUFFIXES`)."""
    if suffix == ".txt":
        try:
            return Extracted(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ExtractError(f"not valid UTF-8 (byte {exc.start}); convert it to UTF-8 "
                               "first, or archive the original HTML or PDF") from None
    if EXTRACTORS[suffix] == "trafilatura":
        return _html(data)
    return _pdf(data)


def _clean_lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def _html(data: bytes) -> Extracted:
    version = version_of("trafilatura")
    try:
        import trafilatura
    except ImportError as exc:  # installed but broken (a dependency missing)
        raise MissingExtractor(f"trafilatura ({exc})") from None
    doc = trafilatura.bare_extraction(data, include_comments=True, with_metadata=True)

    def attr(name: str) -> str | None:
        value = getattr(doc, name, None)
        return value if isinstance(value, str) and value.strip() else None

    main = _clean_lines(attr("text") or "") if attr("text") else []
    comments = _clean_lines(attr("comments") or "") if attr("comments") else []
    lines = main + ([""] + comments if comments else [])
    out = Extracted("\n".join(lines).strip("\n") + "\n", "trafilatura", version)
    first_comment = len(main) + 2
    out.marked = [(n, "comments", "reader comments: trafilatura's comments section")
                  for n in range(first_comment, first_comment + len(comments))
                  if lines[n - 1].strip()]
    out.title, out.author, out.published = attr("title"), attr("author"), attr("date")
    out.publication, out.url = attr("sitename"), attr("url")
    return out


def _pdf(data: bytes) -> Extracted:
    version = version_of("pypdf")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractError("the PDF is encrypted; archive a decrypted copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ExtractError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    for i, page in enumerate(pages):
        if i:
            lines.append("")
        lines.extend(_clean_lines(page.strip("\n")))
    out = Extracted("\n".join(lines).strip("\n") + "\n", "pypdf", version)
    if info is not None:
        out.title = str(info.title).strip() or None if info.title else None
        out.author = str(info.author).strip() or None if info.author else None
        created = info.get("/CreationDate")
        if isinstance(created, str) and created.startswith("D:") and created[2:8].isdigit():
            out.published_note = (f"the PDF file was made in {created[2:6]}-{created[6:8]} "
                                  "(its metadata); that is not always the publication date")
    return out
