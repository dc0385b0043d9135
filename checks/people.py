"""People are declared, not guessed: what counts as a person's name.

The people the book knows (the gazetteer of the disagreement and grounding rules) come
only from the declared person fields (``people``, ``hosts``, ``signatories``,
``visitor``). An entry of ``people``, ``hosts`` or ``signatories`` must be a name: its
words capitalised, none of them a title, office or institution word ("Minister",
"General", "President", "Army", "Russian"...). ``visitor`` may be a description ("a
Soviet defence minister"); only a capitalised, name-like visitor is held to the rule. A
bad entry is an error on the fact that declares it (``BB208``) and is left out of the
gazetteer, so it cannot raise problems in other files.
"""

from __future__ import annotations

import re

from .finding import Finding
from .model import Fact
from .normalize import normalize
from .problems import Code

#: Words that make an entry a title, office or institution rather than a person's name.
TITLE_WORDS = frozenset("""
Minister Ministers Prime President Vice Deputy Premier Chancellor Secretary General
Secretary-General Gen Col Colonel Colonel-General Lt Lieutenant Major Major-General Brigadier
Marshal Field Admiral Captain Commander Chief Chiefs Chairman Senator Governor Ambassador
Envoy Representative Special Foreign Defence Defense Army Navy Air Force Forces Military
Ministry Government Cabinet Council Parliament Assembly Delegation Official Officials
King Queen Prince Princess Emperor Sultan Sheikh Mr Mrs Ms Dr Sir Lord Lady Excellency
Pakistan Pakistani Russia Russian Soviet USSR Union Federation India Indian China Chinese
United States US USA America American Kremlin Moscow Islamabad Republic Nations Organisation
Organization Office Agency Committee Commission Department
""".split())

#: Lower-case particles that may stand inside a name (Zia-ul-Haq, Osama bin Laden).
PARTICLES = frozenset("al ul ud ur bin ibn de da di van von der la le".split())

_PARTS = re.compile(r"[\s\-]+")


def title_word(name: str) -> str | None:
    """The first title, office or institution word in ``name``, if any."""
    for part in _PARTS.split(normalize(name).replace(".", " ")):
        word = part.strip(",'\"()")
        if word in TITLE_WORDS or word.rstrip("'s") in TITLE_WORDS:
            return word
    return None


def looks_like_a_name(name: str) -> bool:
    """Every word capitalised (particles aside), no digits: a name, not a description."""
    words = [w for w in _PARTS.split(normalize(name).strip()) if w]
    return bool(words) and all(
        (w[:1].isupper() or w in PARTICLES) and not any(ch.isdigit() for ch in w)
        for w in words)


def is_person(name: str) -> bool:
    """A declared entry the gazetteer may use: a name with no title or office word."""
    return looks_like_a_name(name) and title_word(name) is None


def check_people(fact: Fact) -> list[Finding]:
    """``BB208`` for each entry of this fact's person fields that is not a person's name."""
    out: list[Finding] = []
    for key in ("people", "hosts", "signatories"):
        values = fact.people if key == "people" else fact.details.get(key, ())
        for i, name in enumerate(values if isinstance(values, tuple) else ()):
            word = title_word(name)
            if word is not None:
                why = f"'{word}' is a title, office or institution word"
            elif not looks_like_a_name(name):
                why = "it is not a name (lower-case words or digits)"
            else:
                continue
            out.append(Finding(fact.id, fact.pos(key), Code.NOT_A_PERSON,
                               f"{key}[{i}] '{name}' is not a person's name: {why}; write the "
                               "person's name alone (\"Raheel Sharif\", not \"General Raheel "
                               "Sharif\"), or drop the entry if the source names no person",
                               key))
    visitor = fact.details.get("visitor")
    if isinstance(visitor, str) and looks_like_a_name(visitor) \
            and (word := title_word(visitor)) is not None:
        out.append(Finding(fact.id, fact.pos("visitor"), Code.NOT_A_PERSON,
                           f"visitor '{visitor}' reads as a name but holds the title word "
                           f"'{word}'; write the name alone (the office goes in role: and "
                           "office:), or describe the visitor in lower case "
                           "(\"a Soviet defence minister\")", "visitor"))
    return out
