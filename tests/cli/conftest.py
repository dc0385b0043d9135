from __future__ import annotations

import sys
from pathlib import Path

_REPO = str(Path(__file__).resolve().parents[2])
if _REPO not in sys.path:  # so ``tests.helpers`` imports under plain ``pytest`` too
    sys.path.insert(0, _REPO)

import pytest  # noqa: E402

from tests.helpers import MiniBook, minimal_book  # noqa: E402


@pytest.fixture
def book(tmp_path, monkeypatch) -> MiniBook:
    """The clean minimal book (iqbal + mahajan, one era, one event); cwd is its parent,
    so reported paths read ``facts/...``."""
    monkeypatch.chdir(tmp_path)
    return minimal_book(tmp_path)
