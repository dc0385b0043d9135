"""A tiny briefing book for the extension's tests (paths are set by tests/conftest.py)."""

extensions = ["myst_parser", "briefing"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "facts"]
html_theme = "basic"
briefing_facts_dir = "facts"
