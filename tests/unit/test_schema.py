"""The JSON Schema accepts every real fact file and rejects what the loader rejects."""

from __future__ import annotations

import glob
import os

import jsonschema
import pytest
import yaml

from checks.schema import build_schema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FACT_FILES = sorted(p for p in glob.glob(os.path.join(ROOT, "facts", "*", "*.yaml"))
                    if os.sep + "sources" + os.sep not in p)


class _Yaml12(yaml.SafeLoader):
    """Dates stay text, as an editor's YAML language server sees them."""


_Yaml12.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
VALIDATOR = jsonschema.Draft202012Validator(build_schema())


def _errors(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(yaml.load(text, Loader=_Yaml12))]


def test_book_has_facts() -> None:
    assert len(FACT_FILES) > 50


@pytest.mark.parametrize("path", FACT_FILES, ids=os.path.basename)
def test_every_real_fact_validates(path: str) -> None:
    with open(path, encoding="utf-8") as fh:
        assert _errors(fh.read()) == []


BASE = ("id: x\nkind: visit\ntitle: T\nsummary: S\ndate: 2014\nvisitor: V\n"
        "from_country: A\nto_country: B\nsources: [{source: s, quote: q}]\n")


@pytest.mark.parametrize("extra,phrase", [
    ("summray: typo\n", "Additional properties"),
    ("name: an agreement field\n", "False schema"),
    ("status: signed\n", "is not one of"),
    ("date2: 2014\n", "Additional properties"),
])
def test_schema_rejects(extra: str, phrase: str) -> None:
    assert any(phrase in m for m in _errors(BASE + extra))


def test_schema_accepts_the_base_visit() -> None:
    assert _errors(BASE) == []
