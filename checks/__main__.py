"""``python -m checks``."""

from .cli import run

run()
