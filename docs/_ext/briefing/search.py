"""The search index's English stemmer, memoised for the whole build.

Sphinx stems every word of every page and remembers the stems only for the page at
hand; the book's pages share most of their words (entries quote the articles that the
source pages show in full), so stemming took about a sixth of a long book's build.
The index is the same, word for word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.search.en import SearchEnglish

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class MemoisedEnglish(SearchEnglish):
    """:class:`SearchEnglish` with one cache of stems per build."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        stemmed = self._stems.get(word)
        if stemmed is None:
            stemmed = self._stems[word] = super().stem(word)
        return stemmed


def setup_search(app: Sphinx) -> None:
    """Use the memoised stemmer for English pages."""
    app.add_search_language(MemoisedEnglish)
