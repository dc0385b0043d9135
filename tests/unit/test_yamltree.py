"""The positioned YAML tree: exact 1-based positions, and every refusal located."""

from __future__ import annotations

import pytest

from checks.problems import Code
from checks.yamltree import MAX_FILE_BYTES, YamlFileError, parse, read_text

DOC = """\
id: shoigu-visit
kind: event
title:   "Defence deal"
people:
  - Sergey Shoigu
  - "Khawaja Asif"
sources:
  - source: iqbal
    quote: >-
      the visit of
      Defence Minister
flow: {a: 1, b: [x, y]}
empty:
"""


@pytest.fixture(scope="module")
def tree():
    return parse(DOC, "doc.yaml")


def key_and_value(node, key):
    kpos, value = node.value[key]
    return (kpos.line, kpos.column), (value.pos.line, value.pos.column), value


@pytest.mark.parametrize("key,kpos,vpos,value", [
    ("id", (1, 1), (1, 5), "shoigu-visit"),
    ("kind", (2, 1), (2, 7), "event"),
    ("title", (3, 1), (3, 10), "Defence deal"),
])
def test_scalar_positions(tree, key, kpos, vpos, value) -> None:
    k, v, node = key_and_value(tree, key)
    assert (k, v, node.value) == (kpos, vpos, value)


def test_root_position(tree) -> None:
    assert (tree.pos.line, tree.pos.column) == (1, 1) and tree.is_map


def test_sequence_item_positions(tree) -> None:
    k, v, people = key_and_value(tree, "people")
    assert k == (4, 1) and v == (5, 3) and people.is_seq
    assert [(i.pos.line, i.pos.column, i.value) for i in people.value] == [
        (5, 5, "Sergey Shoigu"), (6, 5, "Khawaja Asif")]


def test_nested_mapping_positions(tree) -> None:
    item = tree.value["sources"][1].value[0]
    assert (item.pos.line, item.pos.column) == (8, 5)
    k, v, quote = key_and_value(item, "quote")
    assert k == (9, 5) and v == (9, 12)
    assert quote.value == "the visit of Defence Minister"


def test_flow_positions(tree) -> None:
    _, v, flow = key_and_value(tree, "flow")
    assert v == (12, 7)
    k, bv, b = key_and_value(flow, "b")
    assert k == (12, 14) and bv == (12, 17)
    assert [(i.pos.line, i.pos.column) for i in b.value] == [(12, 18), (12, 21)]


@pytest.mark.parametrize("text,value,is_bool", [
    ("a: 1971", "1971", False), ("a: 2014-11-21", "2014-11-21", False),
    pytest.param("a: true", "true", True),
    pytest.param("a: False", "False", True),
    ("a: 'true'", "true", False), ("a: 1.50", "1.50", False),
    pytest.param("a: ~", None, False),
    pytest.param("a: null", None, False),
    pytest.param("a:", None, False),
    ("a: 'null'", "null", False), ("a: \"\"", "", False),
    ("a: 007", "007", False),
])
def test_scalars_keep_their_text(text: str, value, is_bool: bool) -> None:
    node = parse(text, "t").value["a"][1]
    assert node.value == value
    assert (node.tag == "bool") is is_bool


def refusal(text: str) -> tuple[int, int, Code, str]:
    with pytest.raises(YamlFileError) as exc:
        parse(text, "t.yaml")
    p = exc.value.problem
    assert p.file == "t.yaml"
    return p.line, p.column, p.code, p.message


def test_duplicate_key_at_the_second_key() -> None:
    line, col, code, msg = refusal("a: 1\nb:\n  c: 1\n  d: 2\n  c: 3\n")
    assert (line, col, code) == (5, 3, Code.DUPLICATE_KEY)
    assert "key 'c' appears twice in this mapping (first at line 3)" in msg


def test_alias_at_its_use() -> None:
    line, col, code, _ = refusal("a: &x [1, 2]\nb: c\nd: *x\n")
    assert (line, col, code) == (3, 4, Code.ALIAS)


def test_tag_at_the_node() -> None:
    line, col, code, msg = refusal("a: b\nc: !custom d\n")
    assert (line, col, code) == (2, 4, Code.ALIAS) and "'!custom'" in msg


def test_syntax_error_position() -> None:
    line, col, code, _ = refusal("a: b\nc: [d, e\n")
    assert (line, col, code) == (3, 1, Code.YAML_SYNTAX)


def test_mapping_key_must_be_scalar() -> None:
    line, col, code, _ = refusal("a: 1\n? [x, y]\n: 2\n")
    assert (line, col, code) == (2, 3, Code.WRONG_TYPE)


def test_empty_document() -> None:
    assert refusal("# only a comment\n")[2] is Code.EMPTY_FILE


def test_read_text_refusals(tmp_path) -> None:
    cases = {
        "empty.yaml": (b"", (1, 1, Code.EMPTY_FILE)),
        "blank.yaml": (b" \n\t\n", (1, 1, Code.EMPTY_FILE)),
        "latin1.yaml": (b"a: 1\nb: 2\ncc: caf\xe9\n", (3, 8, Code.BAD_ENCODING)),
        "big.yaml": (b"a: " + b"x" * MAX_FILE_BYTES, (1, 1, Code.UNREADABLE)),
    }
    for name, (data, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(YamlFileError) as exc:
            read_text(str(path))
        p = exc.value.problem
        assert (p.line, p.column, p.code) == expected, name
    with pytest.raises(YamlFileError) as exc:
        read_text(str(tmp_path / "missing.yaml"))
    assert exc.value.problem.code is Code.UNREADABLE


def test_read_text_exactly_at_the_limit_is_read(tmp_path) -> None:
    path = tmp_path / "limit.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 3))
    assert len(read_text(str(path))) == MAX_FILE_BYTES
