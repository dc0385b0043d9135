"""Verified briefing book: the fact model, the source archive and the checks."""

from __future__ import annotations

__version__ = "0.1.0"
