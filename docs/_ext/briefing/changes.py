"""The "What changed" page: this build against the newest saved edition, fact by fact,
with the editors' changelog lines beside the mechanical diff.

When more facts were added or changed than ``briefing_list_page_entries``, the page
keeps the totals, the removed facts, the sources and the other changelog lines, and
links to one page per era of the added and changed facts, ``parts/changes/<era>``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import render as R
from .base import FactsDirective, register_directive
from .deferred import defer, register_builder
from .domain import fact_xref, link_to_doc, link_to_label, note_label
from .history import EditionsState, get_state, state_of
from .html import Html, Page, el, fragment_node, span
from .pages import layout_of, part_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.result import FactResult

    from .data import BookData


def _pair(change: dict[str, Any]) -> str:
    return f"{change['old']} → {change['new']}"


def _point_items(p: dict[str, Any]) -> list[str]:
    q = f"Contested point “{p['question']}”"
    if p["change"] != "changed":
        return [f"{q}: {p['change']}"]
    out = []
    if p.get("favours"):
        out.append(f"{q}: the editor now favours {_pair(p['favours'])}")
    if p.get("confidence"):
        out.append(f"{q}: confidence {_pair(p['confidence'])}")
    if p.get("field"):
        out.append(f"{q}: field {_pair(p['field'])}")
    if p.get("concerns"):
        out.append(f"{q}: concerns {_pair(p['concerns'])}")
    if p.get("other"):
        out.append(f"{q}: a claim's attribution or order changed")
    if p["assessment_text_changed"]:
        out.append(f"{q}: the editor's assessment was rewritten")
    for sign, key in (("claim added", "claims_added"), ("claim removed", "claims_removed")):
        out += [f"{q}: {sign}: “{c['value']}” ({c['source']})" for c in p[key]]
    return out


def change_items(c: dict[str, Any]) -> list[str]:
    """What the diff says about one changed fact, one line each."""
    out = []
    if c["status"]:
        out.append(f"Status: {_pair(c['status'])}")
    if c["fields"]:
        out.append("Fields changed: " + ", ".join(c["fields"]))
    for sign, key in (("Quote added", "quotes_added"), ("Quote removed", "quotes_removed")):
        out += [f"{sign} ({q['source']}): “{q['quote']}”" for q in c[key]]
    for p in c["contested"]:
        out += _point_items(p)
    return out


def _bullets(lines: list[str], cls: str) -> nodes.bullet_list:
    items = nodes.bullet_list(classes=[cls])
    for line in lines:
        items += nodes.list_item("", R.para(R.text(line)))
    return items


LABEL = "briefing-changes"


def _listed(book: BookData) -> list[FactResult]:
    state = state_of(book)
    if state is None:
        return []
    listed = [f["id"] for part in ("added", "changed") for f in state.diff["facts"][part]]
    return [book.by_id[i] for i in listed if i in book.by_id]


def change_parts(book: BookData) -> list[tuple[str, list[FactResult]]]:
    """The era parts of a long list of added and changed facts (``[]``: one page)."""
    return layout_of(book).parts("changes", lambda: _listed(book))  # (memo)


def part_stubs(book: BookData) -> dict[str, str]:
    """``changes/<era>.md`` below :data:`~.pages.PARTS` for each part."""
    layout = layout_of(book)
    return {
        f"changes/{key}.md": (
            f"---\norphan: true\n---\n# What changed, {layout.part_title(key)}\n\n"
            f"```{{briefing-changes-part}} {key}\n```\n"
        )
        for key, _facts in change_parts(book)
    }


def _entries(state: EditionsState, part: str, ids: set[str]) -> list[dict[str, Any]]:
    return [f for f in state.diff["facts"][part] if f["id"] in ids]


class ChangesDirective(FactsDirective):
    """``briefing-changes``: the diff from the newest saved edition to this build.

    It selects the book's facts that the diff lists as added or changed (removed
    facts are no longer in the book: the diff, which the fingerprint holds whole,
    shows them), and depends on the saved editions and the changelog."""

    page_kind = "changes"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        return _listed(book)

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """The editions' fingerprint and the whole diff (what the page shows); when
        the list is split, the parts' counts instead of their entries."""
        state = state_of(book)
        if state is None:
            return None
        parts = change_parts(book)
        if not parts:
            return state.fingerprint, state.diff
        diff = state.diff
        layout = layout_of(book)
        counts = {k: len(v) for k, v in diff["facts"].items()}
        return (state.fingerprint, counts, diff["facts"]["removed"], diff["sources"],
                [(k, layout.part_title(k), len(fs)) for k, fs in parts])

    @classmethod
    def dependencies(
        cls, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[str]:
        """The saved editions and the changelog."""
        state = state_of(book)
        return list(state.files) if state is not None else []

    def render(
        self, book: BookData, arg: str, selected: list[FactResult]
    ) -> list[nodes.Node]:
        state = get_state(self.env)
        box = nodes.container(classes=["briefing-changes"])
        box += _intro(state)
        facts = state.diff["facts"]
        parts = change_parts(book)
        if parts:
            return [note_label(self.env, LABEL), R.no_smartquotes(
                self._split(book, state, parts, box))]
        for title, section in SECTIONS:
            if facts[section]:
                box += nodes.rubric(title, title)
                box += defer("changes-facts", section)
        box += _sources(state.diff["sources"])
        box += self._other_notes(state)
        return [R.no_smartquotes(box)]

    def _split(self, book: BookData, state: EditionsState,
               parts: list[tuple[str, list[FactResult]]],
               box: nodes.Element) -> nodes.Element:
        """The main page of a long list: a link to each era's part, then the
        removed facts, the sources and the other changelog lines."""
        layout = layout_of(book)
        title = "Added and changed, by era"
        box += nodes.rubric(title, title)
        items = nodes.bullet_list(classes=["briefing-changes-parts"])
        for key, part in parts:
            link = link_to_doc(part_docname("changes", key), layout.part_title(key),
                               self.env.docname)
            n = len(part)
            items += nodes.list_item("", R.para(
                link, R.text(f" · {n} fact{'s' if n != 1 else ''}", "briefing-muted")))
        box += items
        removed = state.diff["facts"]["removed"]
        if removed:
            box += nodes.rubric("Removed", "Removed")
            box += defer("changes-facts", "removed")
        box += _sources(state.diff["sources"])
        box += self._other_notes(state)
        return box

    def _other_notes(self, state: EditionsState) -> list[nodes.Node]:
        facts = state.diff["facts"]
        shown = {f["id"] for part in facts.values() for f in part}
        rest = [e for e in state.changelog if e.fact not in shown]
        if not rest:
            return []
        out: list[nodes.Node] = [nodes.rubric("Changelog", "Changelog"),
                                 R.para(R.text("Editors’ lines for facts whose data the "
                                               "diff shows unchanged:"))]
        items = nodes.bullet_list(classes=["briefing-changelog"])
        for e in rest:
            items += nodes.list_item("", R.para(
                fact_xref(e.fact, docname=self.env.docname), nodes.Text(": "),
                R.text(e.change)))
        out.append(items)
        return out


class ChangesPartDirective(ChangesDirective):
    """``briefing-changes-part <era>``: one era's added and changed facts."""

    page_kind = "changes-part"
    required_arguments = 1

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        for key, facts in change_parts(book):
            if key == arg:
                return facts
        raise LookupError(f"no part '{arg}' of the list of changes")

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        state = state_of(book)
        if state is None:
            return None
        ids = {r.fact.id for r in facts}
        return (state.fingerprint, _entries(state, "added", ids),
                _entries(state, "changed", ids))

    def render(
        self, book: BookData, arg: str, selected: list[FactResult]
    ) -> list[nodes.Node]:
        state = get_state(self.env)
        ids = {r.fact.id for r in selected}
        box = nodes.container(classes=["briefing-changes"])
        total = sum(len(v) for k, v in state.diff["facts"].items() if k != "removed")
        box += R.para(
            R.text(f"{len(selected)} of the {total} facts added or changed in this "
                   "edition: those of this era. "),
            link_to_label(LABEL, "All changes", self.env.docname), nodes.Text("."),
            classes=["briefing-changes-intro"])
        for title, section in SECTIONS[:2]:
            if _entries(state, section, ids):
                box += nodes.rubric(title, title)
                box += defer("changes-facts", f"{section} {arg}")
        return [R.no_smartquotes(box)]


#: the lists of facts, by the diff's name for each
SECTIONS = (("Added", "added"), ("Changed", "changed"), ("Removed", "removed"))


def _build_facts(book: BookData, page: Page, arg: str) -> list[nodes.Node]:
    """One list of added, changed or removed facts (``arg``: the list's name, then
    the era part's key on a part page) as one fragment: each fact's title (a link,
    unless removed) and id, what changed, and the editors' changelog lines."""
    state = state_of(book)
    assert state is not None  # the directive that deferred this had the state
    section, _, key = arg.partition(" ")
    entries = state.diff["facts"][section]
    if key:
        ids = {r.fact.id for k, part in change_parts(book) if k == key for r in part}
        entries = _entries(state, section, ids)
    items, words = [], []
    simple = True  # as the writer marks a list whose every item is one paragraph,
    for entry in entries:  # or one paragraph and a list after it
        title = span(entry["title"], "briefing-fact-title")
        head = [page.fact(entry["id"], title) if section != "removed" else title,
                span(f" ({entry['id']})", "briefing-muted")]
        children = [el("p", *head)]
        words.append(f"{entry['title']} ({entry['id']})")
        details = change_items(entry) if section == "changed" else []
        if details:
            children.append(_bullets_html(details, "briefing-change-diff"))
            words += details
        notes = state.notes_for(entry["id"])
        if notes:
            children.append(el("p", R.label_html("Editors’ changelog:"),
                               classes="briefing-changelog-head"))
            children.append(_bullets_html(notes, "briefing-changelog"))
            words += notes
        items.append(_item(children, "briefing-change"))
        simple = simple and len(children) - (children[-1].startswith("<ul")) <= 1
    html = _list(items, "briefing-changes-facts", simple)
    return [fragment_node(html, "\n".join(words))]


def _item(children: list[Html], cls: str = "") -> Html:
    """A list item as the docutils writer writes it: a paragraph ends its line unless
    it is the item's only child."""
    body = [Html(c + "\n") if c.startswith("<p") and len(children) > 1 else c
            for c in children]
    return el("li", *body, classes=cls, after="\n")


def _list(items: list[Html], cls: str, simple: bool) -> Html:
    classes = f"{cls} simple" if simple else cls
    return Html(f'<ul class="{classes}">\n' + "".join(items) + "</ul>\n")


def _bullets_html(lines: list[str], cls: str) -> Html:
    return _list([_item([el("p", span(line))]) for line in lines], cls, True)


register_builder("changes-facts", _build_facts)


def _intro(state: EditionsState) -> nodes.paragraph:
    facts, newest = state.diff["facts"], state.newest
    counts = (f"{len(facts['added'])} facts added, {len(facts['changed'])} changed, "
              f"{len(facts['removed'])} removed.")
    if newest is None:
        return R.para(R.text("No edition has been saved yet (`briefing edition save`): "
                             "every fact is new in this edition. " + counts))
    return R.para(R.text(f"This edition compared with {newest.label}, the newest saved "
                         f"edition: {counts}"), classes=["briefing-changes-intro"])


def _sources(diff: dict[str, Any]) -> list[nodes.Node]:
    lines = [f"Added: {s['title']} ({s['id']})" for s in diff["added"]]
    lines += [f"Removed: {s['title']} ({s['id']})" for s in diff["removed"]]
    lines += [f"Re-sealed: {s['id']} (SHA-256 {s['old']} → {s['new']})"
              for s in diff["resealed"]]
    lines += [f"Metadata changed: {s['id']} ({', '.join(s['fields'])})"
              for s in diff["changed"]]
    if not lines:
        return []
    return [nodes.rubric("Sources", "Sources"), _bullets(lines, "briefing-changes-sources")]


def setup_changes(app: Sphinx) -> None:
    """Register the "What changed" directive."""
    register_directive(app, "briefing-changes", ChangesDirective)
    register_directive(app, "briefing-changes-part", ChangesPartDirective)
