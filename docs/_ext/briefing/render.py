"""A fact's entry, built straight from the model as HTML (see :mod:`.html`): fact text
is data, never markup. The few small nodes other pages use are here too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from checks import fields as F
from checks.dates import DateError, PartialDate

from .history import history_placeholder
from . import html as H
from .html import Html, Page, el, esc, fragment_node, join, span
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


def badge_html(name: str) -> Html:
    """A status badge whose tooltip says exactly what it means."""
    slug = {"single source": "single"}.get(name, name.replace(" ", "-"))
    return el("abbr", name, classes=["briefing-badge", f"briefing-badge-{slug}", NO_SEARCH],
              title=BADGE_MEANINGS[name])


def badge(name: str) -> nodes.Element:
    """:func:`badge_html` as a node, for pages built of nodes."""
    return fragment_node(badge_html(name))


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


def label_html(value: str, *extra: str) -> Html:
    return el("strong", value, classes=["briefing-label", *extra])


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


def date_html(fact: Fact) -> Html:
    classes = ["briefing-date"]
    if contested_fields(fact) & {"date", "start", "end"}:
        classes.append("briefing-date-contested")
    if fact.circa:
        classes.append("briefing-date-circa")
    return span(date_text(fact), *classes)


def date_node(fact: Fact) -> nodes.Element:
    """:func:`date_html` as a node (searchable as the date it shows)."""
    return fragment_node(date_html(fact), date_text(fact))


def badges_html(r: FactResult) -> list[Html]:
    """Status badge, plus 'single source' when only one source supports the fact."""
    out = [badge_html(r.standing.value)]
    if r.single_source:
        out.append(badge_html("single source"))
    return out


def badges(r: FactResult) -> list[nodes.Element]:
    return [fragment_node(b) for b in badges_html(r)]


def meta_line(r: FactResult, with_kind: bool = True) -> Html:
    """Date, kind and badges of a fact, on one line."""
    parts: list[str] = [date_html(r.fact)]
    if with_kind:
        parts += [" · ", span(KIND_LABELS[r.fact.kind], "briefing-kind", NO_SEARCH)]
    for b in badges_html(r):
        parts += [" ", b]
    return H.para(*parts, classes="briefing-meta")


def details(fact: Fact) -> Html:
    """Kind-specific fields as a field list (nothing when there are none)."""
    rows: list[str] = []
    for spec in F.labelled(fact.kind):
        name = spec.label or spec.name
        value = fact.details.get(spec.name) if spec.detail else getattr(fact, spec.name)
        if not value:
            continue
        shown = value if isinstance(value, str) else join_names(value)
        odd = "field-odd" if len(rows) % 2 == 0 else "field-even"
        rows.append(Html(
            el("dt", esc(name), el("span", ":", classes="colon"), classes=odd, after="\n")
            + el("dd", H.para(span(shown)), classes=odd, after="\n")))
    if not rows:
        return Html("")
    return el("dl", "\n", *rows, classes="briefing-details field-list simple", after="\n")


def detail_words(fact: Fact) -> list[str]:
    """The words of :func:`details`, for search."""
    out: list[str] = []
    for spec in F.labelled(fact.kind):
        value = fact.details.get(spec.name) if spec.detail else getattr(fact, spec.name)
        if value:
            out += [spec.label or spec.name,
                    value if isinstance(value, str) else join_names(value)]
    return out


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


def source_label(book: BookData, source_id: str) -> Html:
    src = book.sources.get(source_id)
    if src is None:
        return span(source_id)
    return join([span(src.author), ", ", el("em", src.title)])


def quote_block(book: BookData, r: FactResult, n: int, page: Page) -> Html:
    """The n-th quote of a fact (own quotes, then claims), linked to its source."""
    check = r.quotes[n - 1]
    quote, verdict = check.quote, check.result
    ok = verdict.ok
    anchor = f"q-{r.fact.id}-{n}" if ok else ""
    attribution: list[str] = ["—"]
    if quote.speaker:  # someone else's words, as the author quotes them
        attribution.append(span(f"{quote.speaker}, quoted by ", "briefing-speaker"))
    attribution.append(page.source(quote.source, el("span", source_label(book, quote.source)),
                                   anchor))
    classes = ["briefing-quote"]
    if not ok:
        why = verdict.verdict.value if verdict.verdict.source_checked else "source unavailable"
        attribution += [" ", span(f"not verified: {why}", "briefing-badge",
                                  "briefing-badge-unverified")]
        classes.append("briefing-quote-unverified")
    inner = join([el("p", span(quote.text, "briefing-quote-text"), after="\n"),
                  H.para(*attribution, classes="attribution")])
    return el("blockquote", "\n", el("div", inner), classes=classes, after="\n")


def quote_words(book: BookData, quote: Quote) -> list[str]:
    """What search finds of a quote: its words, who spoke them, its source."""
    src = book.sources.get(quote.source)
    return [quote.speaker or "", quote.text, *((src.author, src.title) if src else ())]


def quote_number(r: FactResult, quote: Quote) -> int:
    return r.number(quote)


def evidence(book: BookData, r: FactResult, page: Page) -> Html:
    """The fact's own quotes (claims' quotes appear in the contested block)."""
    if not r.fact.quotes:
        return Html("")
    out = [H.para(label_html("Evidence"), classes="briefing-heading")]
    for quote in r.fact.quotes:
        out.append(quote_block(book, r, quote_number(r, quote), page))
    return join(out)


def contest_block(
    book: BookData, r: FactResult, contest: Contest, page: Page,
    shown_on: FactResult | None = None, anchor: str = "",
) -> Html:
    """One contested point: the question, each side with its quotes, the book's own
    register where it checks a claim, and the assessment.

    :param r: the fact that declares the point (its quotes are numbered there)
    :param shown_on: the fact the point is shown on, when another fact declares it
    :param anchor: the point's own anchor (the contested page's overview links it)
    """
    out: list[str] = [H.para(label_html("Contested", "briefing-label-contested"), " ",
                        span(contest.question, "briefing-question"))]
    if shown_on is not None and shown_on is not r:
        out.append(H.para(span("Declared on "), page.fact(r.fact.id),
                     span(", which it also concerns."), classes="briefing-muted"))
    elif contest.concerns:
        also: list[str] = [span("Also concerns: ")]
        for i, other in enumerate(c for c in contest.concerns if c in book.by_id):
            also += ["; " if i else "", page.fact(other)]
        out.append(H.para(*also, classes="briefing-muted"))
    values: list[str] = []
    for claim in contest.claims:
        if claim.value not in values:
            values.append(claim.value)
    favours = contest.assessment.favours if contest.assessment else None
    sides: list[str] = []
    for value in values:
        head: list[str] = [label_html("Claim:"), " ",
                           span(value_text(value), "briefing-claim-value")]
        classes = ["briefing-claim"]
        if favours in (value, "both"):
            head += [" ", span("favoured by the editor", "briefing-badge",
                               "briefing-badge-favoured")]
            classes.append("briefing-claim-favoured")
        quotes = [quote_block(book, r, quote_number(r, c.quote), page)
                  for c in contest.claims if c.value == value]
        sides.append(H.div(H.para(*head, classes="briefing-claim-head"), *quotes,
                               classes=classes))
    out.append(H.div(*sides, classes=["briefing-claims"]))
    out += register_notes(book, r, contest, page)
    if contest.assessment is not None:
        out.append(assessment_block(contest))
    return H.div(*out, classes=["briefing-contest"], id_=anchor)


def contest_words(book: BookData, r: FactResult, contest: Contest) -> list[str]:
    """What search finds of a contested point."""
    out = [contest.question]
    for claim in contest.claims:
        out += [value_text(claim.value), *quote_words(book, claim.quote)]
    if contest.assessment is not None:
        out.append(contest.assessment.text)
    return out


def register_notes(
    book: BookData, owner: FactResult, contest: Contest, page: Page
) -> list[Html]:
    """The book's own register beside the claims it checked (the checks' own evidence)."""
    notes = book.result.register_notes(owner.fact.id, contest.question)
    out: list[Html] = []
    for n in notes:
        line: list[str] = [
            label_html("The book's own register:"), " ",
            span(f"{n.claim_value} ({n.source}) "),
            span("agrees" if n.agrees else "is contradicted",
                 "briefing-register-agrees" if n.agrees else "briefing-register-contradicts"),
        ]
        if n.entry is not None and n.entry in book.by_id:
            line += [span(": "), page.fact(n.entry), span(f" ({n.entry_date})")]
        else:
            line.append(span(f": {n.text}"))
        out.append(H.para(*line, classes="briefing-register-note"))
    return out


def assessment_block(contest: Contest) -> Html:
    a = contest.assessment
    assert a is not None
    head: list[str] = [label_html("Editor's assessment"), " ",
                       span(f"(confidence: {a.confidence}", "briefing-confidence")]
    if a.favours:
        head.append(span(f"; favours: {value_text(a.favours)}", "briefing-confidence"))
    head.append(span(")", "briefing-confidence"))
    return H.div(H.para(*head), H.para(span(a.text)), classes=["briefing-assessment"])


def note_text(fact: Fact) -> str:
    """The editor's note, without a leading "Editor's note:" (then recapitalised)."""
    note = fact.editor_note or ""
    if note.lower().startswith(_NOTE_PREFIX):
        note = note[len(_NOTE_PREFIX) :].lstrip()
        note = note[:1].upper() + note[1:]
    return note


def editor_note(fact: Fact) -> Html:
    if not fact.editor_note:
        return Html("")
    head = H.para(label_html("Editor's note"), " ",
             span("(from outside the archived sources)", "briefing-muted"))
    return H.div(head, H.para(span(note_text(fact))), classes=["briefing-editor-note"])


def related(book: BookData, fact: Fact, page: Page) -> Html:
    known = [i for i in fact.related if i in book.by_id]
    if not known:
        return Html("")
    out: list[str] = [label_html("Related:")]
    for i, fact_id in enumerate(known):
        out += [" " if i == 0 else "; ", page.fact(fact_id)]
    return H.para(*out, classes="briefing-related")


def fact_body(book: BookData, r: FactResult, page: Page) -> Html:
    """Everything an entry shows below its title."""
    out: list[str] = [
        meta_line(r),
        details(r.fact),
        H.para(span(r.fact.summary), classes="briefing-summary"),
        evidence(book, r, page),
    ]
    out += [contest_block(book, book.by_id[owner.id], c, page, shown_on=r)
            for owner, c in r.contests]
    out += [editor_note(r.fact), related(book, r.fact, page), cite_block(book, r, page)]
    return join(out)


def fact_words(book: BookData, r: FactResult) -> str:
    """What search finds in an entry's body: its date, details, summary, quotes,
    contested points and editor's note (not its badges, links or citation)."""
    fact = r.fact
    words = [date_text(fact), *detail_words(fact), fact.summary]
    for quote in fact.quotes:
        words += quote_words(book, quote)
    for owner, contest in r.contests:
        words += contest_words(book, book.by_id[owner.id], contest)
    words.append(note_text(fact))
    return " ".join(w for w in words if w)


def fact_url(docname: str, fact_id: str) -> str:
    """The fact's address: absolute under ``html_baseurl``, else from the site root
    (the page's script makes it absolute)."""
    path = f"{docname}.html#fact-{fact_id}"
    base = SITE["baseurl"]
    return f"{base.rstrip('/')}/{path}" if base else path


def cite_block(book: BookData, r: FactResult, page: Page) -> Html:
    """A collapsed "Cite this": the fact's title, its address and its sources."""
    fact = r.fact
    line: list[str] = [span(f"“{fact.title}” ({date_text(fact)}). ")]
    if SITE["title"]:
        line += [el("em", SITE["title"]), ". "]
    line += [span(fact_url(page.docname, fact.id), "briefing-cite-url"), "."]
    sources: list[str] = [label_html("Sources:")]
    for i, sid in enumerate(dict.fromkeys(r.source_ids)):
        sources.append(" " if i == 0 else "; ")
        src = book.sources.get(sid)
        if src is None:
            sources.append(span(sid))
            continue
        published = src.published
        shown = f"{src.author}, “{src.title}”" + (
            f", {src.publication}" if src.publication != "unknown" else ""
        )
        if published and published != "unknown":
            shown += f" ({published})"
        sources.append(span(shown))
    return el("details", el("summary", "Cite this", after="\n"),
              H.para(*line, classes="briefing-cite-text"),
              H.para(*sources, classes="briefing-cite-sources"),
              classes=["briefing-cite", NO_SEARCH], after="\n")


def fact_section(book: BookData, r: FactResult, page: Page) -> nodes.section:
    """A fact's entry: a section with the stable anchor ``fact-<id>``, its title, and
    its body as one HTML fragment."""
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
    section += fragment_node(fact_body(book, r, page), fact_words(book, r))
    section += [history_placeholder(r.fact.id), jsonld_placeholder(r.fact.id)]
    return no_smartquotes(section)  # type: ignore[return-value]
