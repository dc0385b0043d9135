"""Read a YAML file into a small tree that keeps 1-based positions for every value."""

from __future__ import annotations

import re
from functools import lru_cache
from sys import intern
from typing import Any, NamedTuple, Union

import yaml

from .files import MAX_FILE_BYTES, UnreadableFile, read_bytes
from .model import Pos
from .problems import Code, Problem

try:  # the C loader is ~9x faster; fall back where libyaml is missing
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader

_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_SCALAR, _SEQUENCE = yaml.ScalarNode, yaml.SequenceNode
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = frozenset(("true", "True", "TRUE", "false", "False", "FALSE",
                    "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"))


class _Loader(_Base):  # type: ignore[misc]
    """Composes without PyYAML's regex resolver: every value is kept as text, and
    null and booleans are recognised from plain scalars in :func:`_convert`."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

_STD_TAG = "tag:yaml.org,2002:"
#: characters a fact file may not hold, raw or written as an escape ("\e", "\u202e"):
#: control characters (tab and line ends aside), bidirectional controls (they make
#: text read differently from how it is stored), the line separators that YAML counts
#: as line breaks and editors do not (NEL, U+2028, U+2029), lone surrogates, nonchars
_FORBIDDEN = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
              "\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff")
_CONTROL = re.compile(f"[{_FORBIDDEN}]")
#: in a value, also a carriage return (only an escape can put one there)
_BAD_VALUE = re.compile(f"[{_FORBIDDEN}\r]")
_LINE_BREAK = re.compile(r"\r\n?|\n")


class YNode(NamedTuple):
    """A scalar (``str``), sequence (``list``) or mapping (``dict``) with its position.

    A mapping's value maps each key to ``(key position, value node)``.
    """

    value: Union[str, list["YNode"], dict[str, tuple[Pos, "YNode"]], None]
    pos: Pos
    tag: str

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_scalar(self) -> bool:
        return isinstance(self.value, str) or self.value is None

    def type_name(self) -> str:
        if self.is_map:
            return "a mapping"
        if self.is_seq:
            return "a list"
        if self.value is None:
            return "nothing (null)"
        return f"{self.tag} {self.value!r}"


class YamlFileError(Exception):
    """Raised with the located problem when a file cannot be read as YAML."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _pos(mark: Any) -> Pos:
    """1-based position of a PyYAML mark (from its C or Python parser), or the start."""
    if mark is None:
        return Pos(1, 1)
    return Pos(mark.line + 1, mark.column + 1)


MAX_DEPTH = 20


def _fail(path: str, pos: Pos, code: Code, message: str) -> YamlFileError:
    one_line = message.replace("\r", " ").replace("\n", " ")
    return YamlFileError(Problem(path, pos.line, pos.column, code, one_line))


def _pos_of_offset(text: str, offset: int) -> Pos:
    """1-based position of an offset, lines counted as editors and YAML count them
    (CR LF, CR or LF ends a line)."""
    line, start = 1, 0
    for m in _LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, m.end()
    return Pos(line, offset - start + 1)


def _what(ch: str) -> str:
    code = ord(ch)
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x61C, 0x200E, 0x200F):
        return (f"bidirectional control U+{code:04X} (it makes text read differently from "
                "how it is stored)")
    if code in (0x85, 0x2028, 0x2029):
        return f"line separator U+{code:04X} (editors and YAML disagree on its lines)"
    return f"control character U+{code:04X}"


def read_text(path: str) -> str:
    """Read a fact or metadata file as UTF-8, refusing oversized and binary files.

    :param path: file to read (also the path its problems name)
    :raises YamlFileError: with a located problem
    """
    try:
        return decode(read_bytes(path, path, MAX_FILE_BYTES), path)
    except UnreadableFile as exc:
        raise YamlFileError(exc.problem) from None


def decode(data: bytes, path: str) -> str:
    """A file's bytes as UTF-8 text.

    :raises YamlFileError: on bytes that are not UTF-8, or a file with no content
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(path, Pos(line, col), Code.BAD_ENCODING,
                    f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8") from None
    if not text.strip():
        raise _fail(path, Pos(1, 1), Code.EMPTY_FILE, "file is empty; a fact file holds one YAML mapping")
    return text


def parse(text: str, path: str) -> YNode:
    """Compose YAML text into a :class:`YNode` tree.

    :raises YamlFileError: on syntax errors, duplicate keys, anchors, aliases or tags
    """
    bad = _CONTROL.search(text)
    if bad is not None:
        raise _fail(path, _pos_of_offset(text, bad.start()), Code.YAML_SYNTAX,
                    f"{_what(bad.group())} is not allowed in a fact file")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _pos(mark)
        what = exc.problem or "invalid YAML"
        line = text.split("\n")[pos.line - 1] if pos.line <= text.count("\n") + 1 else ""
        hint = "; indent with spaces, not tabs" if "\t" in line else ""
        raise _fail(path, pos, Code.YAML_SYNTAX, f"YAML syntax error: {what}{hint}") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise _fail(path, Pos(1, 1), Code.YAML_SYNTAX, f"YAML error: {exc}") from None
    if root is None:
        raise _fail(path, Pos(1, 1), Code.EMPTY_FILE, "file holds no YAML document")
    if "&" in text:  # an alias needs an anchor: files without '&' have neither
        _refuse_anchors(text, path)
    return _convert(root, path, 0)


def _refuse_anchors(text: str, path: str) -> None:
    """Refuse the first alias where it is used, else the first anchor, before any
    value is expanded (an alias bomb is refused without being built)."""
    anchor = None
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            raise _fail(path, _pos(event.start_mark), Code.ALIAS,
                        "YAML aliases (*name) are not allowed in fact files; write the value out")
        if anchor is None and getattr(event, "anchor", None):
            anchor = event
    if anchor is not None:
        raise _fail(path, _pos(anchor.start_mark), Code.ALIAS,
                    f"YAML anchor &{getattr(anchor, 'anchor')} is not allowed in fact files; "
                    "write the value out")


def parse_file(path: str, problems: list[Problem]) -> YNode | None:
    """Read and parse one file; on failure record its located problem and return None."""
    try:
        return parse(read_text(path), path)
    except YamlFileError as exc:
        problems.append(exc.problem)
        return None


def parse_data(data: bytes, path: str, problems: list[Problem]) -> YNode | None:
    """:func:`parse_file` for a file already read (``path`` names it in problems)."""
    try:
        return parse(decode(data, path), path)
    except YamlFileError as exc:
        problems.append(exc.problem)
        return None


_node = tuple.__new__  # YNode(value, pos, tag) without a Python-level __new__ per node


@lru_cache(maxsize=1 << 16)
def _position(line: int, column: int) -> Pos:
    """One shared :class:`Pos` per place: cheaper to build, and pickled once per segment."""
    return Pos(line, column)


def _convert(node: yaml.Node, path: str, depth: int) -> YNode:
    """Nodes to :class:`YNode` (the document holds no aliases: see :func:`_refuse_anchors`)."""
    if depth > MAX_DEPTH:
        raise _fail(path, _pos(node.start_mark), Code.YAML_SYNTAX,
                    f"YAML nested more than {MAX_DEPTH} levels deep; fact files are shallow")
    mark = node.start_mark
    pos = _position(mark.line + 1, mark.column + 1)
    tag = node.tag
    if tag is not _STR and tag is not _MAP and tag is not _SEQ:  # written, not resolved
        raise _fail(path, pos, Code.ALIAS,
                    f"YAML tag {tag!r} is not allowed in fact files: write the "
                    "value plainly (a tag such as !!bool would decide what it means)")
    kind = type(node)
    if kind is _SCALAR:
        value = node.value
        bad = _BAD_VALUE.search(value) if node.style == '"' else None  # type: ignore[attr-defined]
        if bad is not None:
            raise _fail(path, pos, Code.BAD_VALUE,
                        f"{_what(bad.group())}, written as an escape, is not allowed in a "
                        "value")
        if not node.style:  # type: ignore[attr-defined]  # a ScalarNode: plain is '' or None
            if value in _NULLS:
                return _node(YNode, (None, pos, "null"))
            if value in _BOOLS:
                return _node(YNode, (value, pos, "bool"))
        return _node(YNode, (value, pos, "str"))
    if kind is _SEQUENCE:
        return _node(YNode, ([_convert(item, path, depth + 1) for item in node.value], pos, "seq"))
    mapping: dict[str, tuple[Pos, YNode]] = {}
    for key_node, value_node in node.value:
        kmark = key_node.start_mark
        key_pos = _position(kmark.line + 1, kmark.column + 1)
        if type(key_node) is not _SCALAR:
            raise _fail(path, key_pos, Code.WRONG_TYPE, "mapping keys must be plain names")
        key = intern(key_node.value)  # field names: one string each, wherever they occur
        if key in mapping:
            first = mapping[key][0]
            raise _fail(path, key_pos, Code.DUPLICATE_KEY,
                        f"key '{key}' appears twice in this mapping (first at line {first.line}); "
                        "keep one")
        mapping[key] = (key_pos, _convert(value_node, path, depth + 1))
    return _node(YNode, (mapping, pos, "map"))
