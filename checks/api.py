"""The one door to the checks: :func:`check` a facts folder, get a :class:`Result`.

Three steps, each one module: **load** (:mod:`checks.files` lists the book,
:mod:`checks.book` reads and parses it), **check** (:mod:`checks.rules`), and the
front ends' **report** or **render** (:mod:`checks.report` for the command,
``docs/_ext/briefing`` for the book), which read only the Result. Reuse lives here:
a report is reused while every file's bytes are unchanged, in this process and across
runs through :mod:`checks.cache`; fact files whose bytes are unchanged are not parsed
again.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from .cache import BookCache, CacheLocationError, Stored, book_key
from .files import Listing, ReadFile, list_files, read_files
from .result import Checked, Result, Summary

__all__ = ["CacheLocationError", "Inputs", "Result", "check", "check_path", "read_inputs"]

#: the last result per facts folder in this process (Sphinx rebuilds, live preview)
_LAST: dict[str, tuple[str, Result]] = {}


@dataclass(frozen=True)
class Inputs:
    """What a check reads of a facts folder: its listing, every listed file's bytes
    and digest, and the key of them all (what the cache and a caller's own stamp of
    the book compare)."""

    listing: Listing
    files: dict[str, ReadFile]
    key: str


def read_inputs(facts_dir: str) -> Inputs:
    """List and read every file of ``facts_dir`` once (see :func:`check`'s ``inputs``)."""
    listing = list_files(facts_dir)
    files = read_files(listing)
    return Inputs(listing, files, book_key(_key_parts(listing, files)))


def check(facts_dir: str, use_cache: bool = True, with_json: bool = False,
          with_spans: bool = False, inputs: Inputs | None = None) -> Result:
    """Load and check every file under ``facts_dir``.

    :param facts_dir: the book's ``facts/`` folder
    :param use_cache: reuse earlier work while files are unchanged, and store this run's
    :param with_json: make the ``--format json`` text too (:attr:`Result.json_text`),
        so that it is stored with the report
    :param with_spans: locate every verified quote's raw span before the cache is
        written, so that each fact's stored check keeps them (a later run reusing it
        then builds no offset map for its sources)
    :param inputs: :func:`read_inputs` of ``facts_dir``, if the caller read it already
        (the Sphinx build stamps the book with them: the check then checks exactly the
        bytes the stamp recorded)
    :raises CacheLocationError: when the cache folder would be inside ``facts_dir``
    """
    if inputs is None:
        inputs = read_inputs(facts_dir)
    listing, files, key = inputs.listing, inputs.files, inputs.key
    absolute = os.path.abspath(facts_dir)
    cache = BookCache(facts_dir) if use_cache else None
    last = _LAST.get(absolute) if use_cache else None
    if last is not None and last[0] == key:
        result = last[1]
        if with_json:
            _json(result)
        return result
    stored = cache.read() if cache is not None else None
    if (stored is not None and stored.key == key and (stored.json_text or not with_json)
            and (stored.report.get("located") is True or not with_spans)):
        reused = _from_report(listing, files, stored)
        if reused is not None:
            return reused
    result = _check(listing, files, stored, cache is not None)
    if with_json:
        _json(result)
    elif with_spans and cache is not None:
        for r in result.facts:
            for q in r.quotes:
                q.span  # noqa: B018  # located now, to be stored
    if cache is not None:
        _save(cache, key, result, stored)
        _LAST[absolute] = (key, result)
    return result


def check_path(facts_dir: str, use_cache: bool = True,
               inputs: Inputs | None = None) -> Result:
    """The fully loaded result of :func:`check` (facts, sources and texts in memory)."""
    result = check(facts_dir, use_cache, with_spans=True, inputs=inputs)
    result.checked  # noqa: B018  # loaded now, not on first use
    return result


def _key_parts(listing: Listing, files: dict[str, ReadFile]) -> list[str]:
    parts = [f"!{p.file}:{p.code.value}:{p.message}" for p in listing.problems]
    parts += [f"{folder}/{path}:{files[path].digest}" for folder, path in listing.files]
    return parts


def _json(result: Result) -> None:
    from .export import json_text

    json_text(result)


def _check(listing: Listing, files: dict[str, ReadFile], stored: Stored | None,
           keep_entries: bool) -> Result:
    from .book import load_book
    from .rules import check_book

    with paused_gc():
        book = load_book(listing, files, stored.entries() if stored is not None else None,
                         keep_entries)
        checked = check_book(book, stored.checks() if stored is not None else None)
    return Result.of(listing.base, listing.facts_dir, checked)


def _from_report(listing: Listing, files: dict[str, ReadFile], stored: Stored) -> Result | None:
    """The stored report as a Result; its facts are loaded (from the stored parses) only
    if a front end asks for them. None when the report does not have its shape."""
    from . import plain
    from .problems import Problem

    try:
        summary = plain.decode(Summary, _summary_row(stored.report["summary"]))
        problems = plain.decode(list[Problem], stored.report["problems"])
    except plain.PlainError:
        return None

    def load() -> Checked:
        return _check(listing, files, stored, False).checked

    return Result(listing.base, listing.facts_dir, summary, problems, load, stored.json_text)


def _summary_row(summary: dict[str, Any]) -> list[Any]:
    return [summary.get(name) for name in
            ("facts", "sources", "contested", "errors", "warnings")] + [
        summary.get("unexplained", 0)]


def _save(cache: BookCache, key: str, result: Result, stored: Stored | None) -> None:
    from . import plain
    from .export import summary_json
    from .rules import with_spans

    report = {"summary": summary_json(result.summary),
              "problems": plain.encode(result.problems),
              "located": with_spans(result.checked)}
    cache.write(key, report, result.json_text, result.book.entries, result.book.checks,
                stored)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects.

    Loading a big book creates hundreds of thousands of objects that all survive; each
    collection would re-scan them for nothing (the model holds no reference cycles).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
