"""Write every published file of a book into a folder (the site root or ``--out``)."""

from __future__ import annotations

import json
import os
from importlib import resources
from typing import Any

from .cite import bibtex_entry, csl_item
from .files import write_atomic
from .tables import all_tables

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


def published_files(data: dict[str, Any], json_name: str = "facts.json") -> dict[str, bytes]:
    """Every published file: path relative to the output folder -> content.

    :param data: :func:`checks.export.book_json` of the book
    :param json_name: file name of the JSON export (``''``: none, nor its schema)
    """
    files: dict[str, bytes] = {}
    if json_name:
        files[json_name] = json_bytes(data)
        files[SCHEMA_NAME] = json_bytes(facts_schema())
    for name, text in all_tables(data).items():
        files[f"{EXPORTS}/{name}"] = text.encode("utf-8")
    for src in data["sources"]:
        base = f"{EXPORTS}/sources/{src['id']}"
        files[f"{base}.json"] = json_bytes([csl_item(src)])
        files[f"{base}.bib"] = bibtex_entry(src).encode("utf-8")
    return files


def write_exports(data: dict[str, Any], out_dir: str,
                  json_name: str = "facts.json") -> list[str]:
    """Write :func:`published_files` under ``out_dir``, each atomically; return the paths.

    Files of sources that are no longer in the book are removed from ``exports/sources``.
    """
    files = published_files(data, json_name)
    written = []
    for rel, content in files.items():
        path = os.path.join(out_dir, *rel.split("/"))
        write_atomic(path, content)
        written.append(path)
    folder = os.path.join(out_dir, EXPORTS, "sources")
    keep = {rel.rsplit("/", 1)[1] for rel in files if rel.startswith(f"{EXPORTS}/sources/")}
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        if name.endswith((".json", ".bib")) and name not in keep:
            os.remove(os.path.join(folder, name))
    return written
