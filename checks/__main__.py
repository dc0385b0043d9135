"""``python -m checks``."""

from .cli import main

raise SystemExit(main())
