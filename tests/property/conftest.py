from __future__ import annotations

import sys
from pathlib import Path

_REPO = str(Path(__file__).resolve().parents[2])
if _REPO not in sys.path:  # so ``tests.helpers`` imports under plain ``pytest`` too
    sys.path.insert(0, _REPO)
