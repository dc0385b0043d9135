"""Generated content is built when its page is written, not when it is read.

A directive returns its page's title and a small :class:`deferred` placeholder that
records what the reading side needs (which facts the page shows, under which anchors
and titles, for the domain and the page's own contents). The placeholder is expanded
into the real nodes by a post-transform, before cross-references are resolved, so the
dozen read-time transforms of Sphinx and docutils never walk the thousands of nodes of
a long page, and the pickled doctrees stay small. Everything a page renders is in its
fingerprint (see :mod:`.domain`), so a page whose data changed is re-read and
re-written; the nodes are the same as if they had been built while reading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .data import get_book
from .html import Page

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder as SphinxBuilder

    from .data import BookData

#: kind -> ``(book, page, arg) -> nodes`` that the placeholder stands for (``page``:
#: the page being written, which resolves links from it)
Builder = Callable[["BookData", Page, str], list[nodes.Node]]
BUILDERS: dict[str, Builder] = {}
#: the Sphinx builder of the current build, by source folder (the links need it)
_SPHINX_BUILDERS: dict[str, SphinxBuilder] = {}


class deferred(nodes.General, nodes.Element):  # noqa: N801  (docutils node naming)
    """Placeholder for generated content; attributes ``kind`` and ``arg``."""


def register_builder(kind: str, build: Builder) -> None:
    """Declare how to build the content of placeholders of ``kind``."""
    BUILDERS[kind] = build


def defer(
    kind: str,
    arg: str = "",
    facts: list[tuple[str, str, str]] | None = None,
    toc: list[tuple[str, str]] | None = None,
) -> deferred:
    """A placeholder for ``BUILDERS[kind](book, page, arg)``.

    :param facts: ``(fact id, anchor, title)`` of each fact entry it will hold
    :param toc: ``(anchor, title)`` of each entry of the page's own contents
    """
    node = deferred(kind=kind, arg=arg)
    node["briefing_entries"] = facts or []
    node["briefing_toc"] = (
        toc if toc is not None else [(a, t) for _i, a, t in facts or []]
    )
    return node


class ExpandDeferred(SphinxPostTransform):
    """Replace each placeholder by the nodes it stands for."""

    default_priority = 5  # before ReferencesResolver (10) resolves their links

    def run(self, **kwargs: Any) -> None:
        found = list(self.document.findall(deferred))
        if not found:
            return
        book = get_book(self.env)
        page = Page(self.env.docname, _SPHINX_BUILDERS.get(str(self.env.srcdir)))
        for node in found:
            built = BUILDERS[node["kind"]](book, page, node["arg"])
            node.replace_self(built)


def setup_deferred(app: Sphinx) -> None:
    """Register the placeholder node and the transform that expands it."""
    app.add_node(deferred)
    app.add_post_transform(ExpandDeferred)
    app.connect("builder-inited", _remember_builder)


def _remember_builder(app: Sphinx) -> None:
    _SPHINX_BUILDERS[str(app.srcdir)] = app.builder
