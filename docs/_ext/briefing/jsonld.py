"""Structured data for fact-checkers: schema.org ``Claim`` and ``ClaimReview`` as JSON-LD.

Each fact entry gets a placeholder; at ``doctree-resolved`` (when page URLs are known)
the HTML builders replace it with a ``<script type="application/ld+json">`` element for
a fact with contested points, and every other builder drops it. The JSON escapes ``<``,
``>`` and ``&``, so no fact text can close the script element or open a comment.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes

from .data import get_book

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

#: an offline-expandable context: every term is a schema.org term
CONTEXT = {"@vocab": "https://schema.org/"}
RATINGS = {"low": 1, "medium": 2, "high": 3}
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
            "\u2028": "\\u2028", "\u2029": "\\u2029"}


class jsonld_node(nodes.General, nodes.Element):
    """Where a fact's JSON-LD goes (filled in at ``doctree-resolved``)."""


def placeholder(fact_id: str) -> jsonld_node:
    """The node a fact entry carries for its JSON-LD."""
    return jsonld_node("", briefing_jsonld=fact_id)


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element (no ``<``, ``>``, ``&``)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return "".join(_ESCAPES.get(c, c) for c in text)


def _rating(assessment: dict[str, Any]) -> dict[str, Any]:
    confidence = assessment["confidence"]
    favours = assessment.get("favours")
    if favours in (None, "both"):
        verdict = "both sides held" if favours == "both" else "no side favoured"
    else:
        verdict = "favoured by the editor"
    return {"@type": "Rating", "ratingValue": RATINGS.get(confidence, 1),
            "worstRating": 1, "bestRating": 3,
            "alternateName": f"{verdict} ({confidence} confidence)"}


def _claims(fact: dict[str, Any], number: int, point: dict[str, Any],
            appearance: Callable[[dict[str, Any], int], dict[str, Any]],
            first: int) -> dict[str, dict[str, Any]]:
    """One ``Claim`` per value of a contested point, each appearing in its quotes."""
    claims: dict[str, dict[str, Any]] = {}
    for k, claim in enumerate(point["claims"]):
        value = claim["value"]
        if value not in claims:
            claims[value] = {
                "@type": "Claim",
                "@id": f"_:{fact['id']}-p{number}-c{len(claims) + 1}",
                "name": point["question"], "text": value, "appearance": []}
        claims[value]["appearance"].append(appearance(claim, first + k))
    return claims


def fact_graph(fact: dict[str, Any], appearance: Callable[[dict[str, Any], int],
               dict[str, Any]], url: str, editors: str) -> list[dict[str, Any]]:
    """The JSON-LD nodes of one fact (empty when it has no contested point).

    :param fact: the fact as in ``facts.json``
    :param appearance: ``(quote, n) -> CreativeWork`` where the n-th quote appears
    :param url: the fact entry's URL
    :param editors: who wrote the assessments
    """
    graph: list[dict[str, Any]] = []
    first = len(fact["quotes"]) + 1  # quotes are numbered: own quotes, then claims
    for number, point in enumerate(fact["contested"], 1):
        claims = _claims(fact, number, point, appearance, first)
        first += len(point["claims"])
        graph += claims.values()
        a = point.get("assessment")
        if a is None:
            continue
        favoured = claims.get(a.get("favours") or "")
        reviewed = [favoured] if favoured else list(claims.values())
        graph.append({
            "@type": "ClaimReview", "url": url,
            "claimReviewed": favoured["text"] if favoured else point["question"],
            "itemReviewed": [{"@id": c["@id"]} for c in reviewed],
            "reviewBody": a["text"], "reviewRating": _rating(a),
            "author": {"@type": "Organization", "name": editors},
        })
    return graph


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill (HTML) or drop (any other builder) every JSON-LD placeholder."""
    found = list(doctree.findall(jsonld_node))
    if not found:
        return
    if app.builder.format != "html":
        for node in found:
            node.parent.remove(node)
        return
    book = get_book(app.env)
    pages: dict[str, str] = app.env.get_domain("briefing").data.get("sources", {})
    base = str(app.config.html_baseurl or "")

    def uri(target: str, anchor: str) -> str:
        if base:
            return urljoin(base, app.builder.get_target_uri(target)) + anchor
        return app.builder.get_relative_uri(docname, target) + anchor

    for node in found:
        fid = node["briefing_jsonld"]
        fact = book.json.get(fid)
        graph = [] if fact is None else fact_graph(
            fact, _appearance(book, fid, pages, uri), uri(docname, f"#fact-{fid}"),
            _editors(str(app.config.author or "")))
        if not graph:
            node.parent.remove(node)
            continue
        data = {"@context": CONTEXT, "@graph": graph}
        html = f'<script type="application/ld+json">\n{script_json(data)}\n</script>\n'
        node.replace_self(nodes.raw("", html, format="html"))


def quotation(quote: dict[str, Any], article: dict[str, Any],
              url: str | None = None) -> dict[str, Any]:
    """A quote as a schema.org ``Quotation``, part of its source ``Article``.

    :param quote: a quote or claim as in ``facts.json``
    :param article: the source as an ``Article`` node
    :param url: where the highlighted passage is (verified quotes only)
    """
    out: dict[str, Any] = {"@type": "Quotation", "text": quote["quote"],
                           "isPartOf": article}
    if quote.get("speaker"):  # the article's author quoting someone else
        out["spokenByCharacter"] = {"@type": "Person", "name": quote["speaker"]}
    if url is not None:
        out["url"] = url
    return out


def _editors(author: str) -> str:
    """The book's ``author`` (the editors), unless it is Sphinx's placeholder."""
    return author if author and author != "Author name not set" else "The editors"


def _appearance(book: Any, fid: str, pages: dict[str, str],
                uri: Callable[[str, str], str]) -> Callable[[dict[str, Any], int],
                                                           dict[str, Any]]:
    def appearance(quote: dict[str, Any], n: int) -> dict[str, Any]:
        sid = quote["source"]
        src = book.sources.get(sid)
        article: dict[str, Any] = {"@type": "Article", "identifier": sid}
        if src is not None:
            article.update(name=src.title,
                           author={"@type": "Person", "name": src.author})
        page = pages.get(sid)
        if page is not None:
            article["url"] = uri(page, "")
        url = None
        if page is not None and quote.get("verified"):
            url = uri(page, f"#q-{fid}-{n}")
        return quotation(quote, article, url)

    return appearance


def setup_jsonld(app: Sphinx) -> None:
    """Register the placeholder node and fill it when pages are resolved."""
    app.add_node(jsonld_node)
    app.connect("doctree-resolved", on_doctree_resolved)
