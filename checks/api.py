"""The one entry point both front ends use: load and check a facts folder."""

from __future__ import annotations

from .book import Listing, load_book
from .cache import ParseCache
from .rules import Result, check_book
from .workers import paused_gc


def check_path(facts_dir: str, use_cache: bool = True, listing: Listing | None = None) -> Result:
    """Load every file under ``facts_dir`` and run all checks.

    :param facts_dir: the book's ``facts/`` folder
    :param use_cache: reuse parsed files from the cache (see :mod:`checks.cache`)
    :param listing: :func:`checks.files.list_files` of ``facts_dir``, if already made
    """
    cache = ParseCache(facts_dir) if use_cache else None
    with paused_gc():
        return check_book(load_book(facts_dir, cache, listing))
