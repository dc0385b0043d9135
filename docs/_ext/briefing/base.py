"""The base of every directive that shows facts: one selection, used three times.

A directive says which facts it shows (:meth:`FactsDirective.select`) and how
(:meth:`FactsDirective.render`). The base notes the page's dependencies on exactly
those facts' files and the sources they cite, and fingerprints exactly the data it
showed; when the book changes, the staleness check (``env-get-outdated``) runs the
same :meth:`~FactsDirective.select` and :meth:`~FactsDirective.payload` again and
compares. A page cannot go stale because the selection that rendered it and the
selection that checks it drifted apart (the failure of sphinx-needs issue #354).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .data import depend_on, get_book
from .domain import mark_page, register_page_kind

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


class FactsDirective(SphinxDirective):
    """Shows a selection of facts; subclasses set :attr:`page_kind` and implement
    :meth:`select` and :meth:`render` (and may widen :meth:`payload`)."""

    #: the name the page's fingerprint is stored under (one per directive class)
    page_kind: ClassVar[str]

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        """The facts this directive shows for ``arg``, in the order shown.

        :raises LookupError: when ``arg`` names nothing in the book
        """
        raise NotImplementedError

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """The data the rendering of ``facts`` shows (fingerprinted): by default each
        fact as ``facts.json`` has it and each cited source's title and author."""
        sources = sorted({s for r in facts for s in r.source_ids})
        return (
            [book.json[r.fact.id] for r in facts],
            [
                (s, book.sources[s].title, book.sources[s].author)
                for s in sources
                if s in book.sources
            ],
        )

    @classmethod
    def fingerprint_data(cls, book: BookData, arg: str) -> Any:
        """:meth:`payload` of :meth:`select` (what the staleness check compares)."""
        try:
            return cls.payload(book, arg, cls.select(book, arg))
        except LookupError:
            return None

    @classmethod
    def dependencies(
        cls, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[str]:
        """Files the page is rebuilt for beyond its fingerprint: none by default.

        The fingerprint (:meth:`payload`) covers what the page shows, so an edit
        re-reads the page only when something shown changed; a directive that renders
        from a file the fingerprint does not cover (a source's text, the saved
        editions) names it here."""
        return []

    def argument(self) -> str:
        """The directive's arguments as one string (``era-01 1975``)."""
        return " ".join(self.arguments)

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        """The nodes; the first is marked with the page's fingerprint."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        book = get_book(self.env)
        arg = self.argument()
        try:
            facts = self.select(book, arg)
        except LookupError as exc:
            raise self.error(str(exc.args[0]) if exc.args else arg) from None
        depend_on(self.env, self.dependencies(book, arg, facts))
        out = self.render(book, arg, facts)
        first = out[0]
        assert isinstance(first, nodes.Element)
        mark_page(first, book, self.page_kind, arg)
        return out


def register_directive(app: Sphinx, name: str, directive: type[FactsDirective]) -> None:
    """Add a facts directive and declare its page kind's fingerprint."""
    register_page_kind(directive.page_kind, directive.fingerprint_data)
    app.add_directive(name, directive)
