"""HTML fragments for the book's long pages, written as text instead of docutils nodes.

An era page of a thousand entries is hundreds of thousands of docutils nodes, and every
one of them is visited by each of Sphinx's post-transforms, by the HTML writer and by
the search indexer. The entries are built here as HTML text instead: one
:class:`fragment` node per entry body (or per source text), holding the page's HTML and
the words search should find. It renders as the same markup the docutils writer gives
the equivalent nodes, so the theme, the stylesheet and the script see no difference.

Every string from a fact file or a source passes through :func:`esc` (or :func:`el`,
which escapes any child that is not already :class:`Html`): fact text is data, never
markup. Links are resolved here, against the domain's table of where each fact and
source is shown, the way Sphinx's own reference resolver would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

#: what the docutils HTML writer escapes, in text and in attribute values alike
_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", '"': "&quot;", ">": "&gt;",
                          "@": "&#64;"})


class Html(str):
    """Text that is already HTML (built by this module from escaped parts)."""

    __slots__ = ()


def esc(value: str) -> Html:
    """``value`` as HTML text: every character shown as itself."""
    return value if type(value) is Html else Html(value.translate(_SPECIAL))


def join(parts: Sequence[str], sep: str = "") -> Html:
    """Parts (escaped unless already HTML) one after the other."""
    return Html(esc(sep).join([p if type(p) is Html else p.translate(_SPECIAL)
                               for p in parts]))


def el(tag: str, *children: str, classes: str | list[str] = "", after: str = "",
       **attrs: str) -> Html:
    """``<tag class=... attrs>children</tag>``, attributes in the writer's (sorted)
    order; ``after`` is the whitespace the writer puts after the end tag.

    An attribute whose name ends in ``_`` loses it (``id_``); empty values are left
    out. Attribute values are always escaped.
    """
    if not isinstance(classes, str):
        classes = " ".join(classes)
    named = [(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items() if v]
    if classes:
        named.append(("class", classes))
    head = "".join(f' {k}="{v.translate(_SPECIAL)}"' for k, v in sorted(named))
    return Html(f"<{tag}{head}>{join(children)}</{tag}>{after}")


def span(value: str, *classes: str) -> Html:
    """A literal span of data (the writer's output for an ``inline`` node)."""
    return el("span", value, classes=list(classes))


def para(*children: str, classes: str | list[str] = "") -> Html:
    return el("p", *children, classes=classes, after="\n")


def div(*children: str, classes: list[str], id_: str = "") -> Html:
    """A docutils ``container``."""
    cls = [*classes, "docutils", "container"]
    return el("div", "\n", *children, classes=cls, id=id_, after="\n")


def table(head: Sequence[str], rows: Sequence[Sequence[str]], classes: list[str]) -> Html:
    """A table with a header row, as the writer writes a docutils table (each cell one
    paragraph; rows numbered odd and even from the header on), inside the container of
    the same classes that the theme (furo) puts around every table node, which a
    fragment is not."""
    cls = " ".join(classes)
    out = [f'<div class="table-wrapper {cls} docutils container">\n'
           f'<table class="{cls} docutils align-default">\n<thead>\n']
    parity = ("row-even", "row-odd")
    out.append('<tr class="row-odd">' + "\n".join(
        f'<th class="head">{el("p", h)}</th>' for h in head) + "\n</tr>\n</thead>\n<tbody>\n")
    for n, row in enumerate(rows):
        out.append(f'<tr class="{parity[n % 2]}">' + "\n".join(
            f"<td>{el('p', c)}</td>" for c in row) + "\n</tr>\n")
    out.append("</tbody>\n</table>\n</div>\n")
    return Html("".join(out))


class fragment(nodes.General, nodes.Element):  # noqa: N801  (docutils node naming)
    """A piece of finished HTML (``node["html"]``) whose searchable words are its one
    text child; builders other than HTML show nothing of it."""


def fragment_node(html: str, search: str = "") -> fragment:
    """The node for ``html``; ``search`` is what the search index should find in it
    (the indexer reads the node's text, the HTML writer writes only ``html``)."""
    return fragment("", nodes.Text(search), html=html)


def _visit_fragment(self: HTML5Translator, node: fragment) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def _skip(self: object, node: nodes.Node) -> None:
    raise nodes.SkipNode


@dataclass(frozen=True)
class Page:
    """The page being written, and how to link from it to facts and sources."""

    docname: str
    builder: Builder | None = None

    def _uri(self, todoc: str, anchor: str) -> str:
        """What Sphinx's ``make_refnode`` gives (and singlehtml's one-page fix-up)."""
        if todoc == self.docname and anchor:
            return "#" + anchor
        if self.builder is None:
            return f"{todoc}.html" + (f"#{anchor}" if anchor else "")
        if self.builder.name == "singlehtml":
            return "#" + (anchor or f"document-{todoc}")
        uri = self.builder.get_relative_uri(self.docname, todoc)
        return uri + (f"#{anchor}" if anchor else "")

    def _table(self, name: str) -> dict[str, object]:
        """One of the domain's tables: where each fact (``facts``) or source
        (``sources``) is shown."""
        if self.builder is None:
            return {}
        table: dict[str, object] = self.builder.env.get_domain("briefing").data[name]
        return table

    def fact(self, fact_id: str, child: str | None = None) -> Html:
        """A link to a fact's entry; without ``child`` the fact's title is the text."""
        entry = self._table("facts").get(fact_id)
        if entry is None:
            logger.warning("unknown fact id '%s'", fact_id, location=self.docname,
                           type="briefing", subtype="unknown-fact")
            return span(child if child is not None else fact_id, "briefing-missing")
        todoc, anchor, title = cast("tuple[str, str, str]", entry)
        text = el("span", title, classes="briefing-fact-title") if child is None else child
        return el("a", text, classes="reference internal", href=self._uri(todoc, anchor),
                  title=title)

    def source(self, source_id: str, child: str, anchor: str = "") -> Html:
        """A link to a source page, optionally to one quoted passage on it (the bare
        text when the source has no page)."""
        todoc = self._table("sources").get(source_id)
        if todoc is None:
            return esc(child)
        return el("a", child, classes="reference internal",
                  href=self._uri(str(todoc), anchor))


def setup_html(app: Sphinx) -> None:
    """Register the fragment node: written as is by HTML builders, skipped by others."""
    skip = (_skip, None)
    app.add_node(fragment, html=(_visit_fragment, None), latex=skip, text=skip,
                 man=skip, texinfo=skip)
