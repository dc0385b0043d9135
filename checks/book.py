"""Load a whole book (``facts/``): sources, their sealed texts, and every fact file."""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from typing import Iterable

from .archive import SourceText, load_source, load_text
from .cache import ParseCache, stamp
from .files import SOURCES_FOLDER, Listing, Observed, list_files
from .loader import build_fact
from .model import Fact, Source
from .problems import Code, Problem
from .workers import Shared, chunked, worker_count
from .yamltree import parse_file

__all__ = ["Book", "Listing", "list_files", "load_book", "load_fact_file"]


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
    #: each file as it was when read: its stamp, taken before reading, and for archived
    #: texts the SHA-256 of the bytes read (see :func:`checks.results.fingerprint`)
    observed: dict[str, Observed] = field(default_factory=dict)


def load_book(root: str, cache: ParseCache | None = None,
              listing: Listing | None = None) -> Book:
    """Parse every file under ``root`` into the model, collecting located problems.

    For big books, fact files not in the cache are parsed by forked workers while this
    process loads the sources and then joins them (:class:`checks.workers.Shared`);
    each process's facts arrive as one pickled segment, which is also the form the
    cache keeps, so saving the cache costs no second pickling.

    :param root: the ``facts/`` folder
    :param cache: reuse fact files parsed by an earlier run when they are unchanged
    :param listing: the result of :func:`list_files` when the caller already has it
    """
    book = Book(root=root)
    files, listed_problems = listing if listing is not None else list_files(root)
    book.problems = list(listed_problems)
    metas = {p[:-5]: p for folder, p in files if folder == SOURCES_FOLDER and p.endswith(".yaml")}
    texts = {p[:-4]: p for folder, p in files if folder == SOURCES_FOLDER and p.endswith(".txt")}
    book.broken_sources = {os.path.basename(s) for s in set(texts) ^ set(metas)}
    for stem in sorted(set(texts) - set(metas)):
        book.problems.append(Problem(texts[stem], 1, 1, Code.SOURCE_NO_META,
                                     "archived text without metadata: add "
                                     f"{os.path.basename(stem)}.yaml beside it"))
    fact_files = [(folder, path) for folder, path in files if folder != SOURCES_FOLDER]
    parsed: dict[str, Parsed] = cache.lookup([p for _, p in fact_files]) if cache else {}
    todo = [(folder, path) for folder, path in fact_files if path not in parsed]
    workers = worker_count(len(todo), PARALLEL_MIN_FILES)
    chunks = chunked(todo, max(len(todo) // (8 * workers), 50))
    with Shared(_load_chunk, chunks, workers) as shared:  # facts parse in the workers...
        here = _load_chunk([(SOURCES_FOLDER, meta) for _, meta in sorted(metas.items())])
        parts = [here, *shared.results()]  # ...while the sources load here, then help
    sources: dict[str, LoadedSource] = {}
    if cache is not None:
        book.observed.update((p, (cache.index[p][0], None)) for p in parsed)
    for part in parts:
        sources.update(part.sources)
        parsed.update(pickle.loads(part.facts))
        book.observed.update(part.observed)
        if cache is not None:
            cache.add(part.facts, {p: part.observed[p][0] for p in part.fact_paths})
    for stem, meta in sorted(metas.items()):
        source, text, problems = sources[meta]
        book.problems.extend(problems)
        if source is None:
            book.broken_sources.add(os.path.basename(stem))
            continue
        book.sources[source.id] = source
        if text is not None:
            book.texts[source.id] = text
        else:
            book.broken_sources.add(source.id)
    for _, path in fact_files:
        fact, problems = parsed[path]
        book.files.append(path)
        book.problems.extend(problems)
        if fact is not None:
            book.facts.append(fact)
    book.facts.sort(key=Fact.sort_key)
    if cache is not None:
        cache.prune(set(book.files), parsed)
        cache.save()
    return book


#: ``(folder, path)``: a source's metadata file (folder ``sources``) or a fact file
Task = tuple[str, str]
Parsed = tuple[Fact | None, list[Problem]]
LoadedSource = tuple[Source | None, SourceText | None, list[Problem]]
PARALLEL_MIN_FILES = 400


@dataclass
class _Loaded:
    """A share of the files: sources, and facts as one pickled ``{path: Parsed}``."""

    sources: dict[str, LoadedSource]
    facts: bytes
    fact_paths: list[str]
    observed: dict[str, Observed]


def _load_chunk(chunk: Iterable[Task]) -> _Loaded:
    sources: dict[str, LoadedSource] = {}
    facts: dict[str, Parsed] = {}
    observed: dict[str, Observed] = {}
    digests: dict[str, bytes] = {}

    def seen(path: str) -> None:
        st = stamp(path)
        if st is not None:
            observed[path] = (st, None)

    for folder, path in chunk:
        problems: list[Problem] = []
        seen(path)
        if folder == SOURCES_FOLDER:
            source = load_source(path, path[: -len(".yaml")] + ".txt", problems)
            text = None
            if source is not None:
                seen(source.text_file)
                text = load_text(source, problems, digests)
            sources[path] = (source, text, problems)
        else:
            facts[path] = (load_fact_file(path, folder, problems), problems)
    for path, digest in digests.items():
        if path in observed:
            observed[path] = (observed[path][0], digest)
    return _Loaded(sources, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL),
                   [p for p in facts if p in observed], observed)


def load_fact_file(path: str, folder: str, problems: list[Problem]) -> Fact | None:
    """Parse one fact file; problems go to ``problems``."""
    stem = os.path.basename(path)[: -len(".yaml")]
    root = parse_file(path, problems)
    return None if root is None else build_fact(root, path, stem, folder, problems)
