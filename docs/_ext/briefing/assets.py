"""The extension's stylesheet and script (light and dark mode), and the favicon."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from . import render as R

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Make ``static/`` one of the HTML static folders; the book's favicon unless the
    project names its own; what "cite this" calls the book."""
    if STATIC not in config.html_static_path:
        config.html_static_path.append(STATIC)
    if not config.html_favicon:
        config.html_favicon = os.path.join(STATIC, "favicon.svg")
    R.SITE["title"] = str(config.html_title or config.project or "")
    R.SITE["baseurl"] = str(config.html_baseurl or "")


def setup_assets(app: Sphinx) -> None:
    """Ship ``briefing.css`` and ``briefing.js`` with every HTML page."""
    app.connect("config-inited", on_config_inited)
    app.add_css_file("briefing.css")
    app.add_js_file("briefing.js", loading_method="defer")
