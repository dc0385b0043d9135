"""Keep the site's navigation tree small: entries are listed on their own page only.

Sphinx copies every page's table of contents into the navigation tree of every other
page (the theme then shows only page titles), so a fact section in the site's table of
contents would cost once per page of the book. The extension's entries are built when
their page is written (:mod:`.deferred`), so Sphinx never sees them as sections of the
site; each page's own "On this page" contents are made here from the entries its
placeholders announce, and put in when the page is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .deferred import deferred

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _entry(docname: str, anchor: str, title: str) -> nodes.list_item:
    ref = nodes.reference(
        "",
        "",
        nodes.Text(title),
        internal=True,
        refuri=docname,
        anchorname="#" + anchor,
    )
    return nodes.list_item("", addnodes.compact_paragraph("", "", ref))


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """After Sphinx collected the page's contents: keep the announced entries (plain
    ``(anchor, title)`` pairs, not nodes: the environment is pickled every build)."""
    env = app.env
    domain: Any = env.get_domain("briefing")
    domain.local_tocs.pop(env.docname, None)
    entries = [e for node in doctree.findall(deferred) for e in node["briefing_toc"]]
    toc = env.tocs.get(env.docname)
    if not entries or toc is None or not len(toc):
        return
    domain.local_tocs[env.docname] = [tuple(e) for e in entries]


def _full_toc(app: Sphinx, pagename: str) -> nodes.Element | None:
    """The page's own contents (Sphinx's) with its announced entries added."""
    domain: Any = app.env.get_domain("briefing")
    entries = domain.local_tocs.get(pagename)
    toc = app.env.tocs.get(pagename)
    if entries is None or toc is None or not len(toc):
        return None
    full = toc.deepcopy()
    top = full[0]
    assert isinstance(top, nodes.Element)
    sub = next((c for c in top.children if isinstance(c, nodes.bullet_list)), None)
    if sub is None:
        sub = nodes.bullet_list()
        top.append(sub)
    for anchor, title in entries:
        sub += _entry(pagename, anchor, title)
    return full


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give the page back its full "On this page" contents (after the theme ran)."""
    if not hasattr(app.builder, "render_partial"):
        return
    toc: Any = _full_toc(app, pagename)
    if toc is None:
        return
    for ref in toc.findall(nodes.reference):
        ref["refuri"] = ref["anchorname"] or "#"
    context["toc"] = app.builder.render_partial(toc)["fragment"]
    if "furo_hide_toc" in context and "hide-toc" not in (context.get("meta") or {}):
        entries = toc[0][1] if len(toc) and len(toc[0]) > 1 else []
        context["furo_hide_toc"] = not entries


def setup_navigation(app: Sphinx) -> None:
    """Complete after the built-in collector (priority 500); put in after the theme."""
    app.connect("doctree-read", on_doctree_read, priority=900)
    app.connect("html-page-context", on_html_page_context, priority=900)
