"""Shared by the browser tests: the real book built once, served on 127.0.0.1, and
Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.browser.chromium import ARGS, CHROMIUM

DOCS = Path(__file__).resolve().parents[2] / "docs"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Build the real book into a temporary folder and serve it on 127.0.0.1."""
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("site") / "html"
    assert build_main(["-q", "-E", "-b", "html", str(DOCS), str(out)]) == 0
    handler = functools.partial(_Quiet, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    data = json.loads((out / "facts.json").read_text(encoding="utf-8"))
    yield f"http://127.0.0.1:{server.server_address[1]}", data
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    outside: list[str] = []  # the book works offline: no request leaves 127.0.0.1
    pg.on(
        "request",
        lambda req: None
        if req.url.startswith(("http://127.0.0.1:", "data:", "blob:"))
        else outside.append(req.url),
    )
    yield pg
    context.close()
    assert errors == []
    assert outside == []


