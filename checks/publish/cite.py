"""Each archived source as CSL-JSON and BibTeX, with its seal (SHA-256) and dates."""

from __future__ import annotations

import re
from typing import Any

ARCHIVE = "Briefing book source archive"
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: LaTeX specials in a BibTeX value.  Braces become commands so that the value's braces
#: stay balanced (BibTeX counts ``\{`` as a brace too); ``%`` would start a comment.
_BIB_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIB_RE = re.compile("|".join(re.escape(c) for c in _BIB_ESCAPES))


def date_parts(value: str | None) -> list[int] | None:
    """``[year, month, day]`` (as precise as given) of an ISO date; ``None`` otherwise."""
    m = _DATE_RE.match(value or "")
    return None if m is None else [int(p) for p in m.groups() if p is not None]


def _known(value: Any) -> str | None:
    return value if isinstance(value, str) and value and value != "unknown" else None


def seal_note(src: dict[str, Any]) -> str:
    """The human-readable note both formats carry: the seal and the dating."""
    parts = [f"Archived text SHA-256: {src.get('sha256') or 'none'}."]
    if not _known(src.get("published")):
        parts.append("Publication date unknown.")
    if src.get("published_note"):
        parts.append(f"Dating: {str(src['published_note']).rstrip('.')}.")
    return " ".join(parts)


def csl_item(src: dict[str, Any], archive: str = ARCHIVE) -> dict[str, Any]:
    """A CSL-JSON item (CSL 1.0.2 data schema) for a source of ``facts.json``.

    :param src: one entry of ``facts.json``'s ``sources``
    :param archive: the name of the archive holding the sealed text
    """
    item: dict[str, Any] = {
        "id": src["id"],
        "type": "article",
        "title": src["title"],
        "author": [{"literal": src["author"]}],
        "archive": archive,
        "archive_location": f"facts/sources/{src['id']}.txt",
        "note": seal_note(src),
    }
    if _known(src.get("publication")):
        item["container-title"] = src["publication"]
    issued = date_parts(src.get("published"))
    if issued is not None:
        item["issued"] = {"date-parts": [issued]}
    captured = date_parts(src.get("captured"))
    if captured is not None:
        item["accessed"] = {"date-parts": [captured]}
    if src.get("url"):
        item["URL"] = src["url"]
    return item


def bib_url(url: str) -> str:
    """A URL as a BibTeX value: braces, backslashes and spaces percent-encoded (a URL
    field is read verbatim, so ``%`` and ``#`` stay as they are)."""
    return "".join({"{": "%7B", "}": "%7D", "\\": "%5C"}.get(c, c) for c in url
                   if not c.isspace())


def bib_escape(value: str) -> str:
    """Text as a BibTeX field value: LaTeX specials escaped, line breaks as spaces."""
    flat = " ".join(value.split())
    return _BIB_RE.sub(lambda m: _BIB_ESCAPES[m.group(0)], flat)


def bibtex_entry(src: dict[str, Any], archive: str = ARCHIVE) -> str:
    """A BibTeX ``@misc`` entry (biblatex-friendly ``date``/``urldate``) for a source.

    :param src: one entry of ``facts.json``'s ``sources`` (ids are ``[a-z0-9-]``)
    :param archive: the name of the archive holding the sealed text
    """
    fields: list[tuple[str, str]] = [
        ("author", "{" + bib_escape(src["author"]) + "}"),  # one literal name
        ("title", bib_escape(src["title"])),
    ]
    if _known(src.get("publication")):
        fields.append(("howpublished", bib_escape(src["publication"])))
    issued = date_parts(src.get("published"))
    if issued is not None:
        fields += [("year", str(issued[0])), ("date", src["published"])]
    captured = date_parts(src.get("captured"))
    if captured is not None:
        fields.append(("urldate", src["captured"]))
    if src.get("url"):
        fields.append(("url", bib_url(src["url"])))
    fields += [
        ("organization", bib_escape(archive)),
        ("note", bib_escape(seal_note(src))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{src['id']},\n{body}\n}}\n"
