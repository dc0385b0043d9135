"""Load a whole book (``facts/``): sources, their sealed texts, and every fact file.

Each file is read once (:func:`read_files`); what a fact or metadata file parses into
depends only on its bytes and its path, so it can be reused from the cache by the hash
of those bytes (:mod:`checks.cache`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from . import plain
from .archive import SourceText, read_source, sealed_text, text_missing
from .files import SOURCES_FOLDER, Listing, ReadFile, UnreadableFile, list_files, read_bytes, read_files
from .loader import build_fact
from .model import Fact, Source
from .problems import Code, Problem
from .files import MAX_FILE_BYTES
from .yamltree import parse_data

__all__ = ["Book", "Listing", "ReadFile", "list_files", "load_book", "read_files"]

#: a parsed fact or metadata file as the cache keeps it: ``[model or null, [problems]]``
Entry = list[Any]


@dataclass
class Book:
    """Everything under one ``facts/`` folder, parsed once."""

    root: str
    facts: list[Fact] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, SourceText] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    #: source ids whose metadata or text exists but cannot be used (reported once each)
    broken_sources: set[str] = field(default_factory=set)
    #: each fact and metadata file's parse, ``path -> (digest, [model, problems])``
    #: (what the cache stores; as plain data or, when parsed in this run, as the model)
    entries: dict[str, tuple[str, Entry]] = field(default_factory=dict)
    #: the content hash of every file read (:func:`checks.files.digest_of`), by path
    digests: dict[str, str] = field(default_factory=dict)
    #: each fact's own check, ``path -> (key, [problems, quote results])``, filled by
    #: :func:`checks.rules.check_book` (what the cache stores for the next run)
    checks: dict[str, tuple[str, list[Any]]] = field(default_factory=dict)


def load_book(listing: Listing, files: dict[str, ReadFile],
              cached: dict[str, tuple[str, Entry]] | None = None,
              keep_entries: bool = False) -> Book:
    """Parse every listed file into the model, collecting located problems.

    :param listing: the book's files (:func:`list_files`)
    :param files: their bytes (:func:`read_files`)
    :param cached: parses from an earlier run, ``path -> (digest, entry)``: used for
        every file whose bytes still have that digest
    :param keep_entries: keep each file's parse in :attr:`Book.entries`

    Each file's bytes are dropped from ``files`` once parsed.
    """
    book = Book(root=listing.facts_dir)
    book.problems = list(listing.problems)
    book.digests = {path: read.digest for path, read in files.items()}
    cached = cached or {}
    metas = {p[:-5]: p for folder, p in listing.files
             if folder == SOURCES_FOLDER and p.endswith(".yaml")}
    texts = {p[:-4]: p for folder, p in listing.files
             if folder == SOURCES_FOLDER and p.endswith(".txt")}
    book.broken_sources = {os.path.basename(s) for s in set(texts) ^ set(metas)}
    for stem in sorted(set(texts) - set(metas)):
        book.problems.append(Problem(texts[stem], 1, 1, Code.SOURCE_NO_META,
                                     "archived text without metadata: add "
                                     f"{os.path.basename(stem)}.yaml beside it"))

    def parsed(path: str, kind: type[Any], parse: Any) -> tuple[Any, list[Problem]]:
        read = files[path]
        hit = cached.get(path)
        if hit is not None and hit[0] == read.digest:
            try:
                value = plain.decode(kind | None, hit[1][0])
                problems = plain.decode(list[Problem], hit[1][1])
                if keep_entries:
                    book.entries[path] = hit
                return value, problems
            except (plain.PlainError, TypeError, IndexError):
                pass  # a damaged entry: parse the file again
        problems = [] if read.problem is None else [read.problem]
        value = None if read.data is None else parse(read.data, path, problems)
        read.data = None  # parsed: its bytes are not needed again
        if keep_entries:  # the model itself: it is made plain data as it is stored
            book.entries[path] = (read.digest, [value, problems])
        return value, problems

    for stem, meta in sorted(metas.items()):
        text_path = stem + ".txt"
        source, problems = parsed(meta, Source, lambda data, path, problems: read_source(
            parse_data(data, path, problems), path, text_path, problems))
        book.problems.extend(problems)
        if source is None:
            book.broken_sources.add(os.path.basename(stem))
            continue
        book.sources[source.id] = source
        text = None
        if text_path not in files:
            book.problems.append(text_missing(source))
        elif files[text_path].data is None:
            problem = files[text_path].problem
            assert problem is not None
            book.problems.append(problem)
        else:
            text = sealed_text(source, files[text_path].data, book.problems)  # type: ignore[arg-type]
            files[text_path].data = None
        if text is not None:
            book.texts[source.id] = text
            book.sources[source.id] = text.source  # its excluded ranges as checked
        else:
            book.broken_sources.add(source.id)
    for folder, path in listing.files:
        if folder == SOURCES_FOLDER:
            continue
        fact, problems = parsed(path, Fact, lambda data, p, problems, folder=folder: (
            _fact(data, p, folder, problems)))
        book.files.append(path)
        book.problems.extend(problems)
        if fact is not None:
            book.facts.append(fact)
    book.facts.sort(key=Fact.sort_key)
    return book


def _fact(data: bytes, path: str, folder: str, problems: list[Problem]) -> Fact | None:
    stem = os.path.basename(path)[: -len(".yaml")]
    root = parse_data(data, path, problems)
    return None if root is None else build_fact(root, path, stem, folder, problems)


def load_fact_file(path: str, folder: str, problems: list[Problem]) -> Fact | None:
    """Parse one fact file (at ``path``, which its problems name)."""
    try:
        data = read_bytes(path, path, MAX_FILE_BYTES)
    except UnreadableFile as exc:
        problems.append(exc.problem)
        return None
    return _fact(data, path, folder, problems)
