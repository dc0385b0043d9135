"""Docutils nodes built straight from the model: fact text is data, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from checks import fields as F
from checks.dates import DateError, PartialDate

from .domain import fact_xref, source_xref
from .history import history_placeholder
from .htmlnodes import details as details_node
from .htmlnodes import summary as summary_node
from .jsonld import placeholder as jsonld_placeholder

if TYPE_CHECKING:
    from checks.model import Contest, Fact, Quote
    from checks.result import FactResult

    from .data import BookData

KIND_LABELS = {
    "era": "Era",
    "agreement": "Agreement",
    "visit": "Visit",
    "event": "Event",
}
_NOTE_PREFIX = "editor's note:"
#: the class Sphinx's search indexer skips (and the search page's snippets drop)
NO_SEARCH = "no-search"
#: what a "cite this" names the book as (set from the project's config per build)
SITE: dict[str, str] = {"title": "", "baseurl": ""}

#: What each badge means, exactly as much as the checks prove (shown as the badge's
#: tooltip, and on the home page).
BADGE_MEANINGS = {
    "verified": (
        "Every quote occurs word for word in its archived source; every year, date, "
        "number and person the title and summary state occurs in those quotes; no quote "
        "names a year or person at odds with the entry; and every 'first' claim the "
        "checks can read agrees with the book's own registers. It does not mean the "
        "articles are right."),
    "contested": (
        "The sources disagree on a declared point: each side is shown with its own "
        "quote (and the book's register entry where it can check a claim), with the "
        "editor's assessment where there is one. Its quotes occur in their sources and "
        "its title and summary are grounded in them, as for a verified entry."),
    "single source": (
        "Only one archived article supports the entry: its quotes are checked, but no "
        "second source confirms them."),
    "unverified": (
        "A check failed: a quote was not found in its source, or the entry states what "
        "no quote states, or a claim contradicts the book's registers. The published "
        "book has none; a build that finds one fails."),
}


def badge(name: str) -> nodes.Element:
    """A status badge whose tooltip says exactly what it means."""
    slug = {"single source": "single"}.get(name, name.replace(" ", "-"))
    return nodes.abbreviation(name, name, explanation=BADGE_MEANINGS[name],
                              classes=["briefing-badge", f"briefing-badge-{slug}", NO_SEARCH])


def text(value: str, *classes: str) -> nodes.Element:
    """A literal span of data (escaped by the writer, never parsed)."""
    return nodes.inline(value, value, classes=list(classes))


def para(*children: nodes.Node, classes: list[str] | None = None) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=classes or [])


def no_smartquotes(node: nodes.Element) -> nodes.Element:
    """Keep quotes verbatim: Sphinx's smart quotes would change the cited words."""
    node["support_smartquotes"] = False
    return node


def label(value: str, *extra: str) -> nodes.Element:
    return nodes.strong(value, value, classes=["briefing-label", *extra])


def contested_fields(fact: Fact) -> set[str]:
    return {c.field for c in fact.contested if c.field}


def date_text(fact: Fact) -> str:
    """The fact's date at the precision the data has; circa and contested marked."""
    if fact.date is not None:
        shown = fact.date.display()
    elif fact.start is not None:
        end = fact.end
        shown = fact.start.display()
        if end is not None and end != fact.start:
            shown = f"{shown} – {end.display()}"
    else:
        return "undated"
    if fact.circa:
        shown = f"c. {shown}"
    if contested_fields(fact) & {"date", "start", "end"}:
        shown = f"{shown} (contested)"
    return shown


def date_node(fact: Fact) -> nodes.Element:
    classes = ["briefing-date"]
    if contested_fields(fact) & {"date", "start", "end"}:
        classes.append("briefing-date-contested")
    if fact.circa:
        classes.append("briefing-date-circa")
    return text(date_text(fact), *classes)


def badges(r: FactResult) -> list[nodes.Element]:
    """Status badge, plus 'single source' when only one source supports the fact."""
    out = [badge(r.standing.value)]
    if r.single_source:
        out.append(badge("single source"))
    return out


def meta_line(r: FactResult, with_kind: bool = True) -> nodes.paragraph:
    """Date, kind and badges of a fact, on one line."""
    children: list[nodes.Node] = [date_node(r.fact)]
    if with_kind:
        children += [
            nodes.Text(" · "),
            text(KIND_LABELS[r.fact.kind], "briefing-kind", NO_SEARCH),
        ]
    for badge in badges(r):
        children += [nodes.Text(" "), badge]
    return para(*children, classes=["briefing-meta"])


def details(fact: Fact) -> nodes.field_list | None:
    """Kind-specific fields as a field list (``None`` when there are none)."""
    fields = nodes.field_list(classes=["briefing-details"])
    for spec in F.labelled(fact.kind):
        name = spec.label or spec.name
        value = fact.details.get(spec.name) if spec.detail else getattr(fact, spec.name)
        if not value:
            continue
        shown = value if isinstance(value, str) else join_names(value)
        fields += nodes.field(
            "", nodes.field_name(name, name), nodes.field_body("", para(text(shown)))
        )
    return fields if fields.children else None


def join_names(values: list[str] | tuple[str, ...]) -> str:
    """A list of names for one cell or line, each name once, in the given order."""
    return ", ".join(dict.fromkeys(v for v in values if v))


def value_text(value: str) -> str:
    """A claim's value as the fact's dates read ("1 May 1948"); other values as they
    are."""
    try:
        return PartialDate.parse(value).display()
    except DateError:
        return value


def source_label(book: BookData, source_id: str) -> list[nodes.Node]:
    src = book.sources.get(source_id)
    if src is None:
        return [text(source_id)]
    return [text(src.author), nodes.Text(", "), nodes.emphasis(src.title, src.title)]


def quote_block(
    book: BookData, r: FactResult, n: int, docname: str
) -> nodes.block_quote:
    """The n-th quote of a fact (own quotes, then claims), linked to its source."""
    check = r.quotes[n - 1]
    quote, verdict = check.quote, check.result
    ok = verdict.ok
    anchor = f"q-{r.fact.id}-{n}" if ok else ""
    link = source_xref(
        quote.source,
        nodes.inline("", "", *source_label(book, quote.source)),
        docname,
        anchor,
    )
    block = nodes.block_quote(classes=["briefing-quote"])
    block += para(text(quote.text, "briefing-quote-text"))
    attribution = nodes.attribution("", "", link)
    if quote.speaker:  # someone else's words, as the author quotes them
        attribution.insert(0, text(f"{quote.speaker}, quoted by ", "briefing-speaker"))
    if not ok:
        why = verdict.verdict.value if verdict.verdict.source_checked else "source unavailable"
        attribution += [
            nodes.Text(" "),
            text(f"not verified: {why}", "briefing-badge", "briefing-badge-unverified"),
        ]
        block["classes"].append("briefing-quote-unverified")
    block += attribution
    return block


def quote_number(r: FactResult, quote: Quote) -> int:
    return r.number(quote)


def evidence(book: BookData, r: FactResult, docname: str) -> list[nodes.Element]:
    """The fact's own quotes (claims' quotes appear in the contested block)."""
    if not r.fact.quotes:
        return []
    out: list[nodes.Element] = [para(label("Evidence"), classes=["briefing-heading"])]
    for quote in r.fact.quotes:
        out.append(quote_block(book, r, quote_number(r, quote), docname))
    return out


def contest_block(
    book: BookData, r: FactResult, contest: Contest, docname: str,
    shown_on: FactResult | None = None, anchor: str = "",
) -> nodes.container:
    """One contested point: the question, each side with its quotes, the book's own
    register where it checks a claim, and the assessment.

    :param r: the fact that declares the point (its quotes are numbered there)
    :param shown_on: the fact the point is shown on, when another fact declares it
    :param anchor: the point's own anchor (the contested page's overview links it)
    """
    box = nodes.container(classes=["briefing-contest"], ids=[anchor] if anchor else [])
    box += para(
        label("Contested", "briefing-label-contested"),
        nodes.Text(" "),
        text(contest.question, "briefing-question"),
    )
    if shown_on is not None and shown_on is not r:
        box += para(text("Declared on "), fact_xref(r.fact.id, docname=docname),
                     text(", which it also concerns."), classes=["briefing-muted"])
    elif contest.concerns:
        also = para(text("Also concerns: "), classes=["briefing-muted"])
        for i, other in enumerate(c for c in contest.concerns if c in book.by_id):
            also += [nodes.Text("; " if i else ""), fact_xref(other, docname=docname)]
        box += also
    sides = nodes.container(classes=["briefing-claims"])
    values: list[str] = []
    for claim in contest.claims:
        if claim.value not in values:
            values.append(claim.value)
    favours = contest.assessment.favours if contest.assessment else None
    for value in values:
        side = nodes.container(classes=["briefing-claim"])
        head = para(
            label("Claim:"),
            nodes.Text(" "),
            text(value_text(value), "briefing-claim-value"),
            classes=["briefing-claim-head"],
        )
        if favours in (value, "both"):
            head += [
                nodes.Text(" "),
                text(
                    "favoured by the editor",
                    "briefing-badge",
                    "briefing-badge-favoured",
                ),
            ]
            side["classes"].append("briefing-claim-favoured")
        side += head
        for claim in contest.claims:
            if claim.value == value:
                side += quote_block(book, r, quote_number(r, claim.quote), docname)
        sides += side
    box += sides
    box += register_notes(book, r, contest, docname)
    if contest.assessment is not None:
        box += assessment_block(contest)
    return box


def register_notes(
    book: BookData, owner: FactResult, contest: Contest, docname: str
) -> list[nodes.Element]:
    """The book's own register beside the claims it checked (the checks' own evidence)."""
    notes = book.result.register_notes(owner.fact.id, contest.question)
    out: list[nodes.Element] = []
    for n in notes:
        line = para(label("The book's own register:"), nodes.Text(" "),
                    text(f"{n.claim_value} ({n.source}) "),
                    text("agrees" if n.agrees else "is contradicted",
                         "briefing-register-agrees" if n.agrees
                         else "briefing-register-contradicts"),
                    classes=["briefing-register-note"])
        if n.entry is not None and n.entry in book.by_id:
            line += [text(": "), fact_xref(n.entry, docname=docname),
                     text(f" ({n.entry_date})")]
        else:
            line += text(f": {n.text}")
        out.append(line)
    return out


def assessment_block(contest: Contest) -> nodes.container:
    a = contest.assessment
    assert a is not None
    box = nodes.container(classes=["briefing-assessment"])
    head = para(
        label("Editor's assessment"),
        nodes.Text(" "),
        text(f"(confidence: {a.confidence}", "briefing-confidence"),
    )
    if a.favours:
        head += text(f"; favours: {value_text(a.favours)}", "briefing-confidence")
    head += text(")", "briefing-confidence")
    box += head
    box += para(text(a.text))
    return box


def editor_note(fact: Fact) -> nodes.container | None:
    if not fact.editor_note:
        return None
    note = fact.editor_note
    if note.lower().startswith(_NOTE_PREFIX):
        note = note[len(_NOTE_PREFIX) :].lstrip()
        note = note[:1].upper() + note[1:]
    box = nodes.container(classes=["briefing-editor-note"])
    box += para(
        label("Editor's note"),
        nodes.Text(" "),
        text("(from outside the archived sources)", "briefing-muted"),
    )
    box += para(text(note))
    return box


def related(book: BookData, fact: Fact, docname: str) -> nodes.paragraph | None:
    known = [i for i in fact.related if i in book.by_id]
    if not known:
        return None
    out = para(label("Related:"), classes=["briefing-related"])
    for i, fact_id in enumerate(known):
        out += nodes.Text(" " if i == 0 else "; ")
        out += fact_xref(fact_id, docname=docname)
    return out


def fact_body(book: BookData, r: FactResult, docname: str) -> list[nodes.Element]:
    """Everything an entry shows below its title."""
    out: list[nodes.Element | None] = [
        meta_line(r),
        details(r.fact),
        para(text(r.fact.summary), classes=["briefing-summary"]),
    ]
    out += evidence(book, r, docname)
    out += [contest_block(book, book.by_id[owner.id], c, docname, shown_on=r)
            for owner, c in r.contests]
    out += [editor_note(r.fact), related(book, r.fact, docname)]
    out.append(cite_block(book, r, docname))
    return [n for n in out if n is not None]


def fact_url(docname: str, fact_id: str) -> str:
    """The fact's address: absolute under ``html_baseurl``, else from the site root
    (the page's script makes it absolute)."""
    path = f"{docname}.html#fact-{fact_id}"
    base = SITE["baseurl"]
    return f"{base.rstrip('/')}/{path}" if base else path


def cite_block(book: BookData, r: FactResult, docname: str) -> nodes.Element:
    """A collapsed "Cite this": the fact's title, its address and its sources."""
    fact = r.fact
    box = details_node(classes=["briefing-cite", NO_SEARCH])
    box += summary_node("Cite this", "Cite this")
    line = para(classes=["briefing-cite-text"])
    line += text(f"“{fact.title}” ({date_text(fact)}). ")
    if SITE["title"]:
        line += nodes.emphasis(SITE["title"], SITE["title"])
        line += nodes.Text(". ")
    line += text(fact_url(docname, fact.id), "briefing-cite-url")
    line += nodes.Text(".")
    box += line
    sources = para(label("Sources:"), classes=["briefing-cite-sources"])
    for i, sid in enumerate(dict.fromkeys(r.source_ids)):
        sources += nodes.Text(" " if i == 0 else "; ")
        src = book.sources.get(sid)
        if src is None:
            sources += text(sid)
            continue
        published = src.published
        shown = f"{src.author}, “{src.title}”" + (
            f", {src.publication}" if src.publication != "unknown" else ""
        )
        if published and published != "unknown":
            shown += f" ({published})"
        sources += text(shown)
    box += sources
    return box


def fact_section(book: BookData, r: FactResult, docname: str) -> nodes.section:
    """A fact's entry: a section with the stable anchor ``fact-<id>``."""
    section = nodes.section(
        ids=[f"fact-{r.fact.id}"],
        classes=[
            "briefing-fact",
            f"briefing-{r.fact.kind}",
            f"briefing-status-{r.standing.value}",
        ],
    )
    section["briefing_fact"] = r.fact.id
    section["briefing_title"] = r.fact.title
    section += nodes.title(r.fact.title, r.fact.title)
    section += fact_body(book, r, docname)
    section += [history_placeholder(r.fact.id), jsonld_placeholder(r.fact.id)]
    return no_smartquotes(section)  # type: ignore[return-value]
