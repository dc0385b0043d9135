"""The HTML fragments of long pages: text is escaped, links resolve as Sphinx's would."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs" / "_ext"))

from briefing.html import Html, Page, el, esc, join, para, span  # noqa: E402

HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)> @me'


def test_text_children_and_attribute_values_are_escaped() -> None:
    out = el("a", HOSTILE, classes=["c"], href='x" onclick="alert(1)', title=HOSTILE)
    assert "<script>" not in out and "<img" not in out
    assert 'onclick="' not in out
    assert out == (
        '<a class="c" href="x&quot; onclick=&quot;alert(1)" title="'
        + esc(HOSTILE) + '">' + esc(HOSTILE) + "</a>"
    )
    assert esc(HOSTILE) == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "&lt;img src=x onerror=alert(1)&gt; &#64;me"
    )


def test_built_html_is_not_escaped_twice_but_plain_text_always_is() -> None:
    inner = span("a < b", "k")
    assert isinstance(inner, Html)
    assert para(inner, " & ", "<i>") == (
        '<p><span class="k">a &lt; b</span> &amp; &lt;i&gt;</p>\n'
    )
    # a str that merely looks like HTML is text
    assert join(["<b>x</b>"]) == "&lt;b&gt;x&lt;/b&gt;"


def test_attributes_come_in_the_docutils_writer_order() -> None:
    assert el("a", "1", title="t", id_="m", href="#p", classes="z") == (
        '<a class="z" href="#p" id="m" title="t">1</a>'
    )
    assert el("div", "x", id_="") == "<div>x</div>"


class _Builder:
    def __init__(self, name: str, facts: dict[str, Any], sources: dict[str, str]) -> None:
        self.name = name
        data = {"facts": facts, "sources": sources}
        self.env = SimpleNamespace(get_domain=lambda _n: SimpleNamespace(data=data))

    def get_relative_uri(self, from_: str, to: str) -> str:
        return f"REL({from_}|{to}).html"


FACTS = {"f1": ("eras/a", "fact-f1", "A <title>"), "f2": ("eras/b", "fact-f2", "B")}
SOURCES = {"s1": "sources/s1"}


@pytest.mark.parametrize(
    ("name", "docname", "fact", "expected"),
    [
        ("html", "eras/a", "f1", "#fact-f1"),  # same page: the anchor alone
        ("html", "eras/a", "f2", "REL(eras/a|eras/b).html#fact-f2"),
        ("singlehtml", "index", "f2", "#fact-f2"),  # one page: the anchor alone
    ],
)
def test_fact_links_go_where_sphinx_would_send_them(
    name: str, docname: str, fact: str, expected: str
) -> None:
    page = Page(docname, _Builder(name, FACTS, SOURCES))  # type: ignore[arg-type]
    link = page.fact(fact)
    assert f'href="{expected}"' in link
    title = esc(FACTS[fact][2])
    assert link.endswith(f'title="{title}"><span class="briefing-fact-title">{title}'
                         "</span></a>")


def test_source_links_and_a_source_without_a_page() -> None:
    page = Page("eras/a", _Builder("html", FACTS, SOURCES))  # type: ignore[arg-type]
    assert page.source("s1", span("S"), "q-f1-1") == (
        '<a class="reference internal" href="REL(eras/a|sources/s1).html#q-f1-1">'
        "<span>S</span></a>"
    )
    single = Page("index", _Builder("singlehtml", FACTS, SOURCES))  # type: ignore[arg-type]
    assert 'href="#document-sources/s1"' in single.source("s1", "S")
    assert page.source("nowhere", "<S>") == "&lt;S&gt;"


def test_an_unknown_fact_is_shown_as_missing_text() -> None:
    page = Page("eras/a", _Builder("html", FACTS, SOURCES))  # type: ignore[arg-type]
    assert page.fact("<gone>") == '<span class="briefing-missing">&lt;gone&gt;</span>'
