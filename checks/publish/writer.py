"""Write every published file of a book into a folder (the site root or ``--out``)."""

from __future__ import annotations

import json
import os
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..export import book_json

from .cite import bibtex_entry, csl_item
from .files import write_atomic
from .tables import all_tables

if TYPE_CHECKING:
    from ..result import Result

SCHEMA_NAME = "facts.schema.json"
EXPORTS = "exports"


def facts_schema() -> dict[str, Any]:
    """The published JSON Schema of ``facts.json`` (``checks/publish/facts.schema.json``)."""
    text = resources.files(__package__).joinpath(SCHEMA_NAME).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def json_bytes(data: Any) -> bytes:
    """The JSON files' one format: UTF-8, one-space indent, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def book_data(result: Result) -> dict[str, Any]:
    """:func:`checks.export.book_json` of ``result``, made once per result (the Sphinx
    build asks for it at ``builder-inited`` and again at ``build-finished``)."""
    if _LAST[0] is not result:
        _LAST[:] = [result, book_json(result), None]
    data: dict[str, Any] = _LAST[1]
    return data


#: the last result, its :func:`book_data` and its :func:`facts_json_bytes`
_LAST: list[Any] = [None, None, None]


def facts_json_bytes(result: Result) -> bytes:
    """``facts.json`` as :func:`write_exports` publishes it: the check's own
    ``--format json`` text where it made one, else the same encoding of the same data
    (made once per result, like :func:`book_data`)."""
    if result.json_text is not None:
        return (result.json_text + "\n").encode("utf-8")
    data = book_data(result)
    if _LAST[2] is None:
        _LAST[2] = (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
    published: bytes = _LAST[2]
    return published


def published_files(data: dict[str, Any], json_name: str = "facts.json",
                    facts_bytes: bytes | None = None) -> dict[str, bytes]:
    """Every published file: path relative to the output folder -> content.

    :param data: :func:`checks.export.book_json` of the book
    :param json_name: file name of the JSON export (``''``: none, nor its schema)
    :param facts_bytes: ``facts.json``, if already made (:func:`facts_json_bytes`)
    """
    files: dict[str, bytes] = {}
    if json_name:
        files[json_name] = facts_bytes if facts_bytes is not None else (
            json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")
        files[SCHEMA_NAME] = json_bytes(facts_schema())
    for name, table in all_tables(data).items():
        files[f"{EXPORTS}/{name}"] = table.encode("utf-8")
    for src in data["sources"]:
        base = f"{EXPORTS}/sources/{src['id']}"
        files[f"{base}.json"] = json_bytes([csl_item(src)])
        files[f"{base}.bib"] = bibtex_entry(src).encode("utf-8")
    return files


def write_exports(result: Result, out_dir: str, json_name: str = "facts.json") -> list[str]:
    """Write :func:`published_files` of a checked book under ``out_dir``; return the
    paths. Each file is written atomically, and only when its content changed; files of
    sources no longer in the book are removed from ``exports/sources``.

    :param result: the checked book
    :param out_dir: the site root or ``briefing export --out``
    :param json_name: file name of the JSON export (``''``: none, nor its schema)
    """
    # facts.json is `--format json`: its text where the check already made it, else
    # the same encoding of the same data (no second book_json, nor a second encoding)
    files = published_files(book_data(result), json_name, facts_json_bytes(result))
    written = []
    for rel, content in files.items():
        path = os.path.join(out_dir, *rel.split("/"))
        if file_bytes(path) != content:
            write_atomic(path, content)
        written.append(path)
    folder = os.path.join(out_dir, EXPORTS, "sources")
    keep = {rel.rsplit("/", 1)[1] for rel in files if rel.startswith(f"{EXPORTS}/sources/")}
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        if name.endswith((".json", ".bib")) and name not in keep:
            os.remove(os.path.join(folder, name))
    return written


def file_bytes(path: str) -> bytes | None:
    """A file's content (``None``: it cannot be read)."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None
