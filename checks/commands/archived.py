"""Sources archived from an HTML or PDF original, and the proof that their text still holds.

For each metadata file with an ``original`` field: the original's bytes must hash to
``original_sha256`` (``SRC001``), the original must exist (``SRC002``), and extracting
it again with the installed extractor must give the archived ``<id>.txt`` byte for byte
(``SRC003``, which names both extractor versions and the first differing line). The
archived text's own seal (``sha256``) is checked by ``briefing check`` as for any source.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from ..model import Pos
from ..problems import Problem
from ..yamltree import YNode, parse_file
from .extract import EXTRACTORS, extract, version_of


@dataclass
class Original:
    """One source's original file as its metadata records it."""

    meta_path: str
    text_path: str
    fields: dict[str, tuple[Pos, str]]

    def _at(self, key: str) -> str:
        pos = self.fields.get(key, (Pos(1, 1), ""))[0]
        return f"{self.meta_path}:{pos.line}:{pos.column}"

    def verify(self) -> list[str]:
        """Problem lines (``path:line:col: SRCnnn message``); none when the text holds."""
        name = self.fields["original"][1]
        path = os.path.join(os.path.dirname(self.meta_path), name)
        suffix = os.path.splitext(name)[1].lower()
        if os.path.basename(name) != name or suffix not in EXTRACTORS:
            return [f"{self._at('original')}: SRC002 original '{name}' must be a .html, .htm "
                    "or .pdf file name beside this metadata file"]
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            return [f"{self._at('original')}: SRC002 cannot read the original {path}: "
                    f"{exc.strerror or exc}"]
        recorded = self.fields.get("original_sha256", (Pos(1, 1), ""))[1]
        actual = hashlib.sha256(data).hexdigest()
        if actual != recorded:
            return [f"{self._at('original_sha256')}: SRC001 the original {name} has SHA-256 "
                    f"{actual[:12]}…, but {recorded[:12] or 'nothing'}… was recorded: restore "
                    "it, or archive the new file as a new source"]
        try:
            with open(self.text_path, "rb") as fh:
                archived = fh.read()
        except OSError:
            return []  # briefing check reports a missing or unreadable text (BB600)
        fresh = extract(suffix, data).text.encode("utf-8")
        if fresh == archived:
            return []
        was = self.fields.get("extractor_version", (Pos(1, 1), "?"))[1]
        now = version_of(EXTRACTORS[suffix])
        line = _first_difference(archived, fresh)
        return [f"{self._at('extractor_version')}: SRC003 extracting {name} with "
                f"{EXTRACTORS[suffix]} {now} no longer gives the archived text (made with "
                f"{was}); first difference at line {line}. Pin {EXTRACTORS[suffix]}=={was} "
                "again, or archive the new extraction as a new source"]


def _first_difference(a: bytes, b: bytes) -> int:
    for number, (x, y) in enumerate(zip(a.split(b"\n"), b.split(b"\n")), 1):
        if x != y:
            return number
    return min(a.count(b"\n"), b.count(b"\n")) + 1


def _scalars(root: YNode) -> dict[str, tuple[Pos, str]]:
    out: dict[str, tuple[Pos, str]] = {}
    if isinstance(root.value, dict):
        for key, (_, node) in root.value.items():
            if isinstance(node.value, str):
                out[key] = (node.pos, node.value)
    return out


def archived_originals(folder: str, ids: list[str]) -> tuple[list[Original], list[str]]:
    """The sources under ``folder`` archived from an original (only ``ids``, if given).

    Problems are returned as lines; an unknown id gives one line starting ``usage:``.
    """
    metas = sorted(n[: -len(".yaml")] for n in os.listdir(folder) if n.endswith(".yaml"))
    unknown = [i for i in ids if i not in metas]
    if unknown:
        return [], [f"usage: no source '{unknown[0]}' in {folder}"]
    out, problems = [], []
    for stem in ids or metas:
        meta = os.path.join(folder, stem + ".yaml")
        found: list[Problem] = []
        root = parse_file(meta, found)
        if root is None:
            problems += [f"{p.file}:{p.line}:{p.column}: {p.code.value} {p.message}" for p in found]
            continue
        fields = _scalars(root)
        if "original" in fields:
            out.append(Original(meta, os.path.join(folder, stem + ".txt"), fields))
    return out, problems
