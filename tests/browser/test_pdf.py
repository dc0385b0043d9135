"""``nox -s pdf``'s steps on the real book: the singlehtml build printed by Chromium;
the PDF's text holds every fact's title and every source's SHA-256, and the home page
links the PDF once it is there."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import MARKS

DOCS = Path(__file__).resolve().parents[2] / "docs"
pytestmark = MARKS


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    from pypdf import PdfReader
    from sphinx.cmd.build import build_main

    sys.path.insert(0, str(DOCS / "_ext"))
    from briefing.pdf import main as pdf_main

    tmp = tmp_path_factory.mktemp("pdf")
    single, html = tmp / "singlehtml", tmp / "html"
    assert build_main(["-q", "-E", "-b", "singlehtml", str(DOCS), str(single)]) == 0
    pdf = html / "briefing-book.pdf"
    assert pdf_main([str(single), str(pdf)]) == 0
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    return html, text


def test_the_pdf_holds_every_fact_and_every_source_seal(
    printed: tuple[Path, str], site: Any
) -> None:
    _html, text = printed
    _url, data = site
    flat = _flat(text)
    missing = [f["title"] for f in data["facts"] if _flat(f["title"]) not in flat]
    assert missing == []
    bare = re.sub(r"\s+", "", text)
    for src in data["sources"]:
        assert src["sha256"] in bare, src["id"]
    # the contested points with each side's quote, attributed
    fact = next(f for f in data["facts"] if f["contested"])
    for claim in fact["contested"][0]["claims"]:
        assert _flat(claim["quote"])[:60] in flat
    authors = {s["author"] for s in data["sources"]}
    assert all(a in flat for a in authors)
    # eras in their order
    eras = [f["title"] for f in data["facts"] if f["kind"] == "era"]
    at = [flat.find(t, flat.find("The eras")) for t in eras]
    assert at == sorted(at)


def test_the_home_page_links_the_pdf_once_built(printed: tuple[Path, str]) -> None:
    from bs4 import BeautifulSoup
    from sphinx.cmd.build import build_main

    html, _text = printed  # html/ holds only the PDF so far
    assert build_main(["-q", "-b", "html", str(DOCS), str(html)]) == 0
    page = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = page.select_one(".briefing-pdf-link a")
    assert link is not None and link["href"] == "briefing-book.pdf"
