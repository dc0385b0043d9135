"""Shared fixtures: Sphinx's testing fixtures, the test roots, and the import paths."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXT = REPO / "docs" / "_ext"

# the test roots' conf.py files are copied to a temporary folder, so they cannot find
# the extension (docs/_ext) or the checks package (repo root) themselves
for _path in (str(EXT), str(REPO)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

pytest_plugins = "sphinx.testing.fixtures"
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>/``."""
    return HERE / "roots"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives a real browser (needs Chromium)"
    )
