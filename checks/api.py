"""The one entry point both front ends use: load and check a facts folder."""

from __future__ import annotations

from .book import load_book
from .cache import ParseCache
from .rules import Result, check_book


def check_path(facts_dir: str, use_cache: bool = True) -> Result:
    """Load every file under ``facts_dir`` and run all checks.

    :param facts_dir: the book's ``facts/`` folder
    :param use_cache: reuse parsed files from the cache (see :mod:`checks.cache`)
    """
    cache = ParseCache(facts_dir) if use_cache else None
    return check_book(load_book(facts_dir, cache))
