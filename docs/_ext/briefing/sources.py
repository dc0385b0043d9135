"""Source pages: metadata, coverage, and the full text with quoted passages marked."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import html as H
from . import render as R
from .base import FactsDirective, register_directive
from .deferred import defer, register_builder
from .html import Html, fragment_node
from .pages import layout_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from checks.archive import SourceText
    from checks.model import ExcludedRange, Source
    from checks.result import FactResult

    from .data import BookData, QuoteSpan
    from .html import Page


def text_blocks(text: SourceText) -> list[list[Any]]:
    """``[start, end, excluded]`` raw spans: paragraphs, and excluded runs of lines."""
    by_line: dict[int, ExcludedRange] = {}
    for excluded in text.source.excluded:
        for number in range(excluded.first_line, excluded.last_line + 1):
            by_line[number] = excluded
    blocks: list[list[Any]] = []
    current: list[Any] | None = None
    for number, line in enumerate(text.lines, 1):
        start = text.line_starts[number - 1]
        ex = by_line.get(number)
        if ex is None and not line.strip():
            current = None
            continue
        if current is not None and current[2] is ex:
            current[1] = start + len(line)
        else:
            current = [start, start + len(line), ex]
            blocks.append(current)
    return blocks


def source_coverage(book: BookData, source_id: str) -> tuple[int, int]:
    """:func:`coverage` of a source, computed once per build (two pages show it)."""
    text = book.result.book.texts.get(source_id)
    if text is None:
        return (0, 0)
    if source_id not in book.coverage:
        book.coverage[source_id] = coverage(text, book.spans.get(source_id, []))
    return book.coverage[source_id]


def coverage(text: SourceText, spans: list[QuoteSpan]) -> tuple[int, int]:
    """Non-blank characters of the author's text, and how many verified quotes cover."""
    merged: list[list[int]] = []  # the quoted spans, overlaps joined, in text order
    for a, b in sorted((s.start, s.end) for s in spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    total = hits = 0
    for start, end, ex in text_blocks(text):
        if ex is not None:
            continue
        total += _nonblank(text.raw[start:end])
        for a, b in merged:
            if a < end and b > start:
                hits += _nonblank(text.raw[max(a, start) : min(b, end)])
    return total, hits


def _nonblank(piece: str) -> int:
    """Characters that are not whitespace (``str.split`` splits on exactly the
    characters ``str.isspace`` names)."""
    return sum(map(len, piece.split()))


def citing_facts(book: BookData, source_id: str) -> list[str]:
    """Ids of the facts that quote a source, in book order."""
    return book.citing.get(source_id, [])




Passages = dict[tuple[int, int], tuple[int, list["QuoteSpan"]]]


def passages(spans: list[QuoteSpan]) -> Passages:
    """Each distinct quoted passage ``(start, end)``: its number on the page (in text
    order) and the quotes that cite exactly it."""
    out: Passages = {}
    for s in sorted(spans, key=lambda s: (s.start, s.end, s.fact_id, s.n)):
        key = (s.start, s.end)
        if key not in out:
            out[key] = (len(out) + 1, [])
        out[key][1].append(s)
    return out


def paragraph(
    text: SourceText,
    start: int,
    end: int,
    spans: list[QuoteSpan],
    page: Page,
    numbered: Passages | None = None,
) -> Html:
    """One author paragraph, split into segments where quotes start and end; each
    passage ends in one small numbered marker that shows the facts citing it."""
    numbered = passages(spans) if numbered is None else numbered
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted(
        {start, end}
        | {min(max(p, start), end) for s in inside for p in (s.start, s.end)}
    )
    out: list[str] = []
    for a, b in pairwise(cuts):
        piece = text.raw[a:b]
        covering = [s for s in inside if s.start <= a and s.end >= b]
        if not covering:
            out.append(piece)
            continue
        out.append(_marked(piece, covering, [s.anchor for s in covering if s.start == a]))
        ending = sorted({(s.start, s.end) for s in covering if s.end == b})
        for key in ending:
            number, cites = numbered[key]
            out.append(marker(number, cites, page))
    return H.para(*out, classes="briefing-source-para")


def _fact_links(cites: list[QuoteSpan], page: Page) -> list[str]:
    out: list[str] = []
    for i, fact_id in enumerate(dict.fromkeys(s.fact_id for s in cites)):
        if i:
            out.append("; ")
        out.append(page.fact(fact_id))
    return out


def marker(number: int, cites: list[QuoteSpan], page: Page) -> Html:
    """The passage's number, linked to its line in the list after the text; hovering
    or focusing it shows the facts citing the passage."""
    facts = len(dict.fromkeys(s.fact_id for s in cites))
    link = H.el("a", str(number), classes="briefing-marker reference internal",
                href=f"#passage-{number}", id=f"marker-{number}",
                title=f"Passage {number}: cited by {facts} fact{'s' if facts != 1 else ''}")
    pop = H.el("span", H.span(f"Passage {number}, cited by: ", "briefing-pop-head"),
               *_fact_links(cites, page), classes="briefing-pop")
    return H.el("span", link, pop, classes=["briefing-marker-wrap", R.NO_SEARCH])


def passage_list(numbered: Passages, page: Page) -> Html:
    """The compact list after the text: each passage's number and the facts citing
    it."""
    items: list[str] = []
    for number, cites in sorted(numbered.values(), key=lambda v: v[0]):
        back = H.el("a", "↑", classes="briefing-back reference internal",
                    href=f"#marker-{number}", title=f"Back to passage {number} in the text")
        line = H.el("p", back, " ", *_fact_links(cites, page))
        items.append(H.el("li", line, id=f"passage-{number}", after="\n"))
    return H.el("ol", "\n", *items, classes=["simple", "briefing-passages", R.NO_SEARCH],
                after="\n")


def _marked(piece: str, covering: list[QuoteSpan], anchors: list[str]) -> Html:
    """A highlighted segment; each quote starting here gets its own target element."""
    inner: str = piece
    for anchor in reversed(anchors[1:]):
        inner = H.el("span", inner, classes="briefing-quote-start", id=anchor)
    classes = ["briefing-quoted"] + (["briefing-overlap"] if len(covering) > 1 else [])
    return H.el("span", inner, classes=classes, id=anchors[0] if anchors else "")


def excluded_block(text: SourceText, start: int, end: int, ex: ExcludedRange) -> Html:
    note = f" — {ex.note}" if ex.note else ""
    head = H.para(R.label_html(f"Not the author's text ({ex.reason})"),
                  H.span(f"{note}; lines {ex.first_line}–{ex.last_line}", "briefing-muted"))
    lines = [H.para(H.span(line)) for line in text.raw[start:end].split("\n")
             if line.strip()]
    return H.div(head, *lines, classes=["briefing-excluded"])


def _metadata(src: Source) -> nodes.field_list:
    fields = nodes.field_list(classes=["briefing-details"])
    rows = [
        ("Author", src.author),
        ("Publication", src.publication),
        ("Publication note", src.publication_note),
        ("Published", src.published),
        ("Published note", src.published_note),
        ("SHA-256", src.sha256),
    ]
    for name, value in rows:
        if value:
            body = nodes.literal(value, value) if name == "SHA-256" else R.text(value)
            fields += nodes.field(
                "", nodes.field_name(name, name), nodes.field_body("", R.para(body))
            )
    return fields


class SourceDirective(FactsDirective):
    """``briefing-source <source-id>``: one archived source, in full; it selects the
    facts citing the source."""

    page_kind = "source"
    required_arguments = 1

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        if arg not in book.sources:
            raise LookupError(f"unknown source '{arg}'")
        return [book.by_id[i] for i in citing_facts(book, arg)]

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """The source's metadata, where each quote of it lies, and the links to the
        facts citing it."""
        spans = [(s.fact_id, s.n, s.start, s.end) for s in book.spans.get(arg, [])]
        cited = layout_of(book).links([r.fact.id for r in facts])
        return repr(book.sources[arg]), sorted(spans), cited

    @classmethod
    def dependencies(
        cls, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[str]:
        """The source's own files (the text); what the page shows of the facts
        citing it is in the fingerprint."""
        return list(book.source_paths(arg))

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        src = book.sources[arg]
        section = nodes.section(ids=[f"source-{arg}"], classes=["briefing-source"])
        section["briefing_source"] = arg
        section += nodes.title(src.title, src.title)
        has_text = arg in book.result.book.texts
        section += defer("source", arg, toc=[(f"text-{arg}", "Full text")] * has_text)
        return [R.no_smartquotes(section)]


def _build_source(book: BookData, page: Page, sid: str) -> list[nodes.Node]:
    src = book.sources[sid]
    text = book.result.book.texts.get(sid)
    cited = citing_facts(book, sid)
    out: list[nodes.Node] = [_metadata(src)]
    out += _usage(book, sid, text, cited, page.docname)
    out.append(_downloads(sid, page.docname))
    if text is not None:
        out.append(_full_text(book, text, page))
    if cited:
        out.append(fragment_node(_cited_by(cited, page)))
    return out


register_builder("source", _build_source)


def _usage(
    book: BookData, sid: str, text: SourceText | None, cited: list[str], docname: str
) -> list[nodes.Element]:
    spans = book.spans.get(sid, [])
    if text is None:
        return [
            R.para(
                R.text(
                    "The archived text could not be read or no longer matches "
                    "its seal; no quote from it is verified."
                ),
                classes=["briefing-badge-unverified"],
            )
        ]
    total, hits = source_coverage(book, sid)
    share = 100 * hits / total if total else 0
    out: list[nodes.Element] = [
        R.para(
            R.label("Cited:"),
            R.text(
                f" {share:.0f}% of the author's text ({hits:,} of {total:,} "
                f"characters) in {len(spans)} verified quotes from {len(cited)} "
                "facts. Quoted passages are "
                "highlighted below; the rest has not been used yet."
            ),
            classes=["briefing-coverage"],
        )
    ]
    return out


def _downloads(sid: str, docname: str) -> nodes.paragraph:
    """The article's citation, as the exports write it (CSL-JSON and BibTeX)."""
    up = "../" * docname.count("/")
    out = R.para(
        R.label("Cite this article:"),
        nodes.Text(" "),
        classes=["briefing-downloads", R.NO_SEARCH],
    )
    for i, (ext, name) in enumerate((("json", "CSL-JSON"), ("bib", "BibTeX"))):
        if i:
            out += nodes.Text(" · ")
        out += nodes.reference(
            "", name, refuri=f"{up}exports/sources/{sid}.{ext}", internal=False
        )
    return out


def _cited_by(cited: list[str], page: Page) -> Html:
    """Every fact citing the source: collapsed, after the text."""
    title = f"Cited by {len(cited)} fact{'s' if len(cited) != 1 else ''}"
    items = [H.el("li", H.el("p", page.fact(fact_id)), after="\n") for fact_id in cited]
    return H.el("details", H.el("summary", title, after="\n"),
                H.el("ul", "\n", *items, classes="simple", after="\n"),
                classes=["briefing-cited-by", R.NO_SEARCH], after="\n")


def _full_text(book: BookData, text: SourceText, page: Page) -> nodes.section:
    """The article: its paragraphs with the quoted passages marked, its excluded
    regions muted, and the list of passages (one HTML fragment; search finds the
    article's own words)."""
    sid = text.source.id
    section = nodes.section(ids=[f"text-{sid}"], classes=["briefing-source-text"])
    section += nodes.title("Full text", "Full text")
    spans = book.spans.get(sid, [])
    numbered = passages(spans)
    out: list[str] = []
    for start, end, ex in text_blocks(text):
        if ex is None:
            out.append(paragraph(text, start, end, spans, page, numbered))
        else:
            out.append(excluded_block(text, start, end, ex))
    if numbered:
        out.append(H.para(
            R.label_html("Quoted passages"),
            H.span(" — the facts citing each numbered passage", "briefing-muted"),
            classes=["briefing-heading", R.NO_SEARCH],
        ))
        out.append(passage_list(numbered, page))
    section += fragment_node(H.join(out), text.raw)
    return section


COLUMNS = [
    ("Source", 34, None),
    ("Author", 16, None),
    ("Published", 22, None),
    ("Quotes", 8, None),
    ("Facts", 8, None),
    ("Cited", 8, None),
]


class SourceIndexDirective(FactsDirective):
    """``briefing-source-index``: every archived source with its use in the book; it
    selects the facts citing any source and depends on every source's files."""

    page_kind = "source-index"

    @classmethod
    def select(cls, book: BookData, arg: str) -> list[FactResult]:
        ids = dict.fromkeys(
            i for sid in sorted(book.sources) for i in citing_facts(book, sid)
        )
        return [book.by_id[i] for i in ids]

    @classmethod
    def payload(cls, book: BookData, arg: str, facts: list[FactResult]) -> Any:
        """Each source's metadata, its quoted spans and how many facts cite it."""
        return [
            (
                repr(book.sources[s]),
                sorted((q.start, q.end) for q in book.spans.get(s, [])),
                len(citing_facts(book, s)),
            )
            for s in sorted(book.sources)
        ]

    @classmethod
    def dependencies(
        cls, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[str]:
        """Every source's files."""
        return [p for sid in sorted(book.sources) for p in book.source_paths(sid)]

    def render(
        self, book: BookData, arg: str, facts: list[FactResult]
    ) -> list[nodes.Node]:
        return [defer("source-index")]


def _build_index(book: BookData, page: Page, arg: str) -> list[nodes.Node]:
    """The table of every source, as one fragment (a source's title links to its page)."""
    names = [name for name, _w, _c in COLUMNS]
    rows, words = [], list(names)
    for sid in sorted(book.sources):
        src = book.sources[sid]
        total, hits = source_coverage(book, sid)
        cells = [src.author, src.published_note or src.published,
                 str(len(book.spans.get(sid, []))), str(len(citing_facts(book, sid))),
                 f"{100 * hits / total:.0f}%" if total else "—"]
        rows.append([page.source(sid, H.span(src.title)), *(H.span(c) for c in cells)])
        words += [src.title, *cells]
    html = H.table([H.span(n) for n in names], rows,
                   ["briefing-register", "briefing-source-index"])
    return [fragment_node(html, "\n".join(words))]


register_builder("source-index", _build_index)


def setup_sources(app: Sphinx) -> None:
    """Register the source directives."""
    register_directive(app, "briefing-source", SourceDirective)
    register_directive(app, "briefing-source-index", SourceIndexDirective)
