"""Debian's Chromium for the browser tests: the same binary and flags the PDF builder
uses (``briefing.pdf``), and the marks that skip a test where it is missing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.pdf import ARGS, CHROMIUM

__all__ = ["ARGS", "CHROMIUM", "MARKS"]

#: every browser test's ``pytestmark``; CI sets BRIEFING_REQUIRE_BROWSER, and there a
#: missing browser fails instead of skipping
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and not os.environ.get("BRIEFING_REQUIRE_BROWSER"),
        reason=f"{CHROMIUM} is missing: run .ci/install-system-deps (Debian's chromium)",
    ),
]
