"""The extension's stylesheet (light and dark mode, and sphinx-timeline's colours)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Make ``static/`` one of the HTML static folders."""
    if STATIC not in config.html_static_path:
        config.html_static_path.append(STATIC)


def setup_assets(app: Sphinx) -> None:
    """Ship ``briefing.css`` with every HTML page."""
    app.connect("config-inited", on_config_inited)
    app.add_css_file("briefing.css")
