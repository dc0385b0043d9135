"""Sphinx configuration of the briefing book."""

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "_ext"))
sys.path.insert(0, os.path.dirname(HERE))  # the repository root, for the checks package

project = "Pakistan–Russia relations: a briefing book"
author = "The editors"
copyright = "the editors; quotations belong to their authors"

extensions = ["myst_parser", "briefing"]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_notes", "Thumbs.db", ".DS_Store"]
suppress_warnings: list[str] = []

html_theme = "furo"
html_title = "Pakistan–Russia briefing book"
html_static_path: list[str] = []
html_show_sourcelink = False

briefing_facts_dir = "../facts"
briefing_strict = False
