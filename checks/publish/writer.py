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
        _LAST[:] = [result, book_json(result)]
    data: dict[str, Any] = _LAST[1]
    return data


_LAST: list[Any] = [None, None]


def facts_json_bytes(result: Result) -> bytes:
    """``facts.json`` as :func:`write_exports` publishes it: the check's own
    ``--format json`` text where it made one, else the same encoding of the same data."""
    text = result.json_text
    if text is None:
        text = json.dumps(book_data(result), ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def published_files(data: dict[str, Any], json_name: str = "facts.json",
                    facts_text: str | None = None) -> dict[str, bytes]:
    """Every published file: path relative to the output folder -> content.

    :param data: :func:`checks.export.book_json` of the book
    :param json_name: file name of the JSON export (``''``: none, nor its schema)
    :param facts_text: ``data`` as JSON text, if already made (:func:`json_text`)
    """
    files: dict[str, bytes] = {}
    if json_name:
        text = facts_text if facts_text is not None else json.dumps(data, ensure_ascii=False)
        files[json_name] = (text + "\n").encode("utf-8")
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
    data = book_data(result)
    # facts.json is `--format json`: its text where the check already made it, else
    # the same encoding of the same data (no second book_json)
    text = result.json_text
    files = published_files(data, json_name, text)
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
