"""Keep the site's navigation tree small: entries are listed on their own page only.

Sphinx copies every page's table of contents into the navigation tree of every other
page (the theme then shows only page titles), so a fact section in the site's table of
contents costs once per page of the book. The sections the extension generates (fact
entries, contested entries, a source's full text) are therefore taken out of the
site-wide table of contents as soon as a page is read, and kept aside as that page's
own "On this page" contents, which are put back when the page is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: node attribute marking a section listed only in its own page's contents
LOCAL = "briefing_local_toc"


def local_only(section: nodes.section) -> nodes.section:
    """Mark ``section`` to stay out of the site-wide table of contents."""
    section[LOCAL] = True
    return section


def _local_ids(doctree: nodes.document) -> set[str]:
    return {i for s in doctree.findall(nodes.section) if s.get(LOCAL) for i in s["ids"]}


def _trim(toc: nodes.Element, ids: set[str]) -> None:
    """Drop entries pointing at ``ids`` (with their sub-entries) from ``toc``."""
    for item in list(toc.findall(nodes.list_item)):
        if item.parent is None:
            continue
        ref = next(item.findall(nodes.reference), None)
        anchor = ref.get("anchorname", "") if ref is not None else ""
        if anchor.startswith("#") and anchor[1:] in ids:
            parent = item.parent
            parent.remove(item)
            if isinstance(parent, nodes.bullet_list) and not parent.children:
                parent.parent.remove(parent)


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """After Sphinx collected the page's contents: keep the full copy, trim the
    site-wide one."""
    env = app.env
    ids = _local_ids(doctree)
    toc = env.tocs.get(env.docname)
    domain: Any = env.get_domain("briefing")
    domain.local_tocs.pop(env.docname, None)
    if not ids or toc is None:
        return
    domain.local_tocs[env.docname] = toc.deepcopy()
    _trim(toc, ids)


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give the page back its full "On this page" contents (after the theme ran)."""
    domain: Any = app.env.get_domain("briefing")
    full = domain.local_tocs.get(pagename)
    if full is None or not hasattr(app.builder, "render_partial"):
        return
    toc = full.deepcopy()
    for ref in toc.findall(nodes.reference):
        ref["refuri"] = ref["anchorname"] or "#"
    context["toc"] = app.builder.render_partial(toc)["fragment"]
    if "furo_hide_toc" in context and "hide-toc" not in (context.get("meta") or {}):
        entries = toc[0][1] if len(toc) and len(toc[0]) > 1 else []
        context["furo_hide_toc"] = not entries


def setup_navigation(app: Sphinx) -> None:
    """Trim after the built-in collector (priority 500); restore after the theme."""
    app.connect("doctree-read", on_doctree_read, priority=900)
    app.connect("html-page-context", on_html_page_context, priority=900)
