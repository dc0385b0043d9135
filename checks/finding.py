"""What a rule module returns: a located problem for one fact, before it becomes a Problem."""

from __future__ import annotations

from typing import NamedTuple

from .model import Pos
from .problems import Code


class Finding(NamedTuple):
    """A problem a rule found on one fact (the checker files it under that fact)."""

    fact_id: str
    pos: Pos
    code: Code
    message: str
    field: str | None = None
