"""The ``briefing`` domain: where each fact and source is shown; the ``fact`` role."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode, split_explicit_title

from .data import get_book, loaded
from .pages import layout_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from docutils.nodes import Element, Node, system_message
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .data import BookData

logger = logging.getLogger(__name__)

#: page kind -> the data a page of that kind shows (its fingerprint is taken over it)
PAYLOADS: dict[str, Callable[[BookData, str], Any]] = {}


def register_page_kind(kind: str, payload: Callable[[BookData, str], Any]) -> None:
    """Declare what data a page kind shows, so edits to it re-read the page.

    :param kind: page kind name, stored in the environment
    :param payload: ``(book, argument) -> JSON-able data`` shown by the page
    """
    PAYLOADS[kind] = payload


def fingerprint(book: BookData, kind: str, arg: str) -> str:
    data = json.dumps(PAYLOADS[kind](book, arg), sort_keys=True, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


def mark_page(node: Element, book: BookData, kind: str, arg: str = "") -> None:
    """Record on ``node`` which data it renders (read back by :meth:`process_doc`)."""
    node["briefing_page"] = (kind, arg, fingerprint(book, kind, arg))


def _refs_payload(book: BookData, arg: str) -> Any:
    page_of = layout_of(book).page_of
    return [
        (
            i,
            book.by_id[i].fact.title if i in book.by_id else None,
            page_of.get(i),
        )
        for i in arg.split(",")
    ]


register_page_kind("refs", _refs_payload)


def fact_xref(fact_id: str, child: Node | None = None, docname: str = "") -> Element:
    """A link to a fact's entry; without ``child`` the fact's title is the text."""
    inner = child or nodes.inline("", "")
    return addnodes.pending_xref(
        "",
        inner,
        refdomain="briefing",
        reftype="fact",
        reftarget=fact_id,
        refexplicit=child is not None,
        refdoc=docname,
        refwarn=True,
    )


def source_xref(source_id: str, child: Node, docname: str, anchor: str = "") -> Element:
    """A link to a source page, optionally to one quoted passage on it."""
    return addnodes.pending_xref(
        "",
        child,
        refdomain="briefing",
        reftype="quote",
        reftarget=source_id,
        refanchor=anchor,
        refexplicit=True,
        refdoc=docname,
    )


def link_to_doc(target: str, text: str, docname: str) -> Element:
    """A link to the page ``target`` (a docname from the source folder)."""
    return addnodes.pending_xref(
        "", nodes.inline(text, text), refdomain="std", reftype="doc",
        reftarget="/" + target, refexplicit=True, refdoc=docname, refwarn=True,
    )


def note_label(env: BuildEnvironment, name: str) -> nodes.target:
    """An anchor named ``name`` on the current page, that :func:`link_to_label` links
    to from any page."""
    std: Any = env.get_domain("std")
    std.note_hyperlink_target(name, env.docname, name)
    return nodes.target("", "", ids=[name])


def link_to_label(name: str, text: str, docname: str) -> Element:
    """A link to the anchor :func:`note_label` made."""
    return addnodes.pending_xref(
        "", nodes.inline(text, text), refdomain="std", reftype="ref",
        reftarget=name, refexplicit=True, refdoc=docname, refwarn=True,
    )


class FactRole(SphinxRole):
    """``{fact}`id``` or ``{fact}`text <id>```: a link to a fact's entry."""

    def run(self) -> tuple[list[Node], list[system_message]]:
        explicit, title, target = split_explicit_title(self.text)
        node = fact_xref(
            target.strip(),
            nodes.inline(title, title) if explicit else None,
            self.env.docname,
        )
        node["classes"] = ["briefing-fact-ref"]
        self.set_source_info(node)
        return [node], []


class BriefingDomain(Domain):
    """Plain data only: ``{fact_id: (docname, anchor, title)}`` and friends."""

    name = "briefing"
    label = "Briefing book"
    roles = {"fact": FactRole()}
    initial_data = {
        "facts": {},
        "sources": {},
        "pages": {},
        "local_tocs": {},
        "held": {},
    }
    data_version = 4  # local_tocs: plain entries, not nodes

    @property
    def facts(self) -> dict[str, tuple[str, str, str]]:
        facts: dict[str, tuple[str, str, str]] = self.data.setdefault("facts", {})
        return facts

    @property
    def sources(self) -> dict[str, str]:
        sources: dict[str, str] = self.data.setdefault("sources", {})
        return sources

    @property
    def pages(self) -> dict[str, list[tuple[str, str, str]]]:
        pages: dict[str, list[tuple[str, str, str]]] = self.data.setdefault("pages", {})
        return pages

    @property
    def local_tocs(self) -> dict[str, list[tuple[str, str]]]:
        """Each page's own entries, ``(anchor, title)``, for its contents (see
        :mod:`.navigation`)."""
        tocs: dict[str, list[tuple[str, str]]] = self.data.setdefault("local_tocs", {})
        return tocs

    @property
    def held(self) -> dict[str, list[tuple[str, str]]]:
        """docname -> the ``(table, id)`` entries it registered (so that clearing a
        page costs what the page holds, not a scan of the whole book per page)."""
        held: dict[str, list[tuple[str, str]]] = self.data.setdefault("held", {})
        return held

    def clear_doc(self, docname: str) -> None:
        for key, k in self.held.pop(docname, []):
            table = self.data[key]
            if k in table and _doc_of(table[k]) == docname:
                del table[k]
        self.pages.pop(docname, None)
        self.local_tocs.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("facts", "sources"):
            for k, v in otherdata[key].items():
                if _doc_of(v) in docnames:
                    self.data[key][k] = v
        for docname, marks in otherdata["pages"].items():
            if docname in docnames:
                self.pages[docname] = marks
        for docname, entries in otherdata.get("held", {}).items():
            if docname in docnames:
                self.held[docname] = entries
        for docname, toc in otherdata.get("local_tocs", {}).items():
            if docname in docnames:
                self.local_tocs[docname] = toc

    def process_doc(
        self, env: BuildEnvironment, docname: str, document: nodes.document
    ) -> None:
        marks: list[tuple[str, str, str]] = []
        refs: set[str] = set()
        held: list[tuple[str, str]] = []
        for node in document.findall(nodes.Element):
            if "briefing_fact" in node:
                self.facts[node["briefing_fact"]] = (
                    docname,
                    node["ids"][0],
                    node["briefing_title"],
                )
                held.append(("facts", node["briefing_fact"]))
            entries: list[tuple[str, str, str]] = node.get("briefing_entries", [])
            for fact_id, anchor, title in entries:
                self.facts[fact_id] = (docname, anchor, title)
                held.append(("facts", fact_id))
            if "briefing_source" in node:
                self.sources[node["briefing_source"]] = docname
                held.append(("sources", node["briefing_source"]))
            if "briefing_page" in node:
                kind, arg, fp = node["briefing_page"]
                marks.append((kind, arg, fp))
            if (
                isinstance(node, addnodes.pending_xref)
                and node.get("reftype") == "fact"
                and node.get("refdomain") == "briefing"
            ):
                refs.add(node["reftarget"])
        if refs:
            arg = ",".join(sorted(refs))
            marks.append(("refs", arg, fingerprint(get_book(env), "refs", arg)))
        if marks:
            self.pages[docname] = marks
        if held:
            self.held[docname] = held

    def resolve_xref(  # type: ignore[override]  # any node may stand in for the xref
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        if typ == "fact":
            return self._resolve_fact(fromdocname, builder, target, node, contnode)
        docname = self.sources.get(target)
        if docname is None:
            return contnode
        return make_refnode(
            builder, fromdocname, docname, node.get("refanchor", ""), contnode
        )

    def _resolve_fact(
        self,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element:
        entry = self.facts.get(target)
        if entry is None:
            logger.warning(
                "unknown fact id '%s'",
                target,
                location=node,
                type="briefing",
                subtype="unknown-fact",
            )
            shown = contnode if node.get("refexplicit") else nodes.Text(target)
            return nodes.inline("", "", shown, classes=["briefing-missing"])
        docname, anchor, title = entry
        child: Node = contnode
        if not node.get("refexplicit"):
            child = nodes.inline(title, title, classes=["briefing-fact-title"])
        return make_refnode(builder, fromdocname, docname, anchor, child, title)

    def resolve_any_xref(  # type: ignore[override]  # as resolve_xref
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        return []

    def get_objects(self) -> Iterable[tuple[str, str, str, str, str, int]]:
        for fact_id, (docname, anchor, title) in self.facts.items():
            yield fact_id, title, "fact", docname, anchor, 1


def _doc_of(value: Any) -> str:
    return str(value[0] if isinstance(value, tuple | list) else value)


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> list[str]:
    """Pages whose data changed since they were read (a fact edited, added, moved)."""
    if not loaded(env):  # nothing changed since the last build (see .stamp)
        return []
    domain = env.get_domain("briefing")
    book = get_book(env)
    stale = []
    for docname, marks in domain.pages.items():  # type: ignore[attr-defined]
        if docname in changed or docname in removed:
            continue
        for kind, arg, fp in marks:
            if kind not in PAYLOADS or fingerprint(book, kind, arg) != fp:
                stale.append(docname)
                break
    return stale


def setup_domain(app: Sphinx) -> None:
    """Register the domain, the bare ``fact`` role and the staleness check."""
    app.add_domain(BriefingDomain)
    app.add_role("fact", FactRole())
    app.connect("env-get-outdated", on_env_get_outdated)
