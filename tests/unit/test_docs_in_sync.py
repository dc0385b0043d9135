"""The README's code table and the committed JSON Schema follow the code."""

from __future__ import annotations

import json
import os
import re

from checks.problems import Code
from checks.schema import build_schema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_readme_lists_every_problem_code_with_its_severity() -> None:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        rows = dict(re.findall(r"^\| `(BB\d{3})` \| (error|warning) \|", fh.read(), re.M))
    assert rows == {code.value: code.severity.value for code in Code}


def test_committed_schema_is_generated_from_the_field_table() -> None:
    with open(os.path.join(ROOT, "facts", "fact.schema.json"), encoding="utf-8") as fh:
        assert json.load(fh) == build_schema(), "run: python -m checks.schema --write"
