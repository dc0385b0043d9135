"""Generate a deterministic synthetic book: N facts over S archived sources (~8 KB each).

The texts carry the awkwardness of real archives: curly quotes and apostrophes,
no-break spaces, en and em dashes, and page breaks (blank lines) inside quoted passages.
About two quotes per fact; a few per thousand are altered so they must fail.
"""

from __future__ import annotations

import hashlib
import os
import random
import re

YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")

WORDS = ("relations treaty visit minister cooperation defence agreement delegation talks "
         "energy pipeline border summit strategic partnership region security trade "
         "economic military exercise foreign policy government capital envoy accord "
         "mission support alliance council conference signed announced agreed reported "
         "between both countries during after before since historic formal official "
         "bilateral joint annual several important major first second new old").split()
NAMES = ("Ivanov Petrova Khan Qureshi Sharif Volkov Ahmed Sokolov Malik Orlov Baig "
         "Morozov Rana Pavlov Siddiqui Lebedev").split()
KINDS = (("events", "event"), ("visits", "visit"), ("agreements", "agreement"))


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    if rng.random() < 0.5:
        words.insert(rng.randint(0, len(words)), str(rng.randint(1950, 2020)))
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(NAMES) + "\u2019s")
    if rng.random() < 0.2:
        i = rng.randint(1, len(words) - 2)
        words[i] = "\u201c" + words[i]
        words[i + 1] = words[i + 1] + "\u201d"
    text = " ".join(words)
    text = text.replace(" between ", " between\u00a0", 1)
    if rng.random() < 0.2:
        text = text.replace(" and ", " \u2013 ", 1)
    return text[0].upper() + text[1:] + "."


def source_text(rng: random.Random, size: int = 8000) -> str:
    paras, total = [], 0
    while total < size:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))
        if rng.random() < 0.3:  # a page break in mid-sentence
            cut = para.find(" ", len(para) // 2)
            para = para[:cut] + "\n\n" + para[cut + 1:]
        paras.append(para)
        total += len(para) + 2
    return "Synthetic article\n\n" + "\n\n".join(paras) + "\n\nReader comment: nice article\n"


def _cuts_quotation(window: list[str]) -> bool:
    """The words start or end inside a quoted run, or start with its opening mark."""
    first, last = window[0], window[-1]
    return (first.startswith("\u201c") or ("\u201d" in first and "\u201c" not in first)
            or ("\u201c" in last and "\u201d" not in last))


def pick_quote(rng: random.Random, text: str, fail: bool) -> str:
    body = text.split("\n\n", 1)[1].rsplit("\n\nReader", 1)[0]
    words = body.split()
    n = rng.randint(6, 14)
    i = rng.randint(0, len(words) - n)
    while _cuts_quotation(words[i:i + n]):  # a real book gives those a speaker
        i = rng.randint(0, len(words) - n)
    quote = " ".join(words[i:i + n])
    if fail:
        quote = quote.replace(words[i + 2], words[i + 2] + "x", 1)
    return (quote.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            .replace("\u2013", "-"))


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_book(root: str, n_facts: int, n_sources: int, seed: int = 1, fail_every: int = 500) -> None:
    rng = random.Random(seed)
    for folder in ("sources", "eras", "events", "visits", "agreements"):
        os.makedirs(os.path.join(root, folder), exist_ok=True)
    texts = []
    for s in range(n_sources):
        sid = f"source-{s:04d}"
        text = source_text(rng)
        texts.append((sid, text))
        lines = text.count("\n") + 1
        with open(os.path.join(root, "sources", sid + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        digest = hashlib.sha256(text.encode()).hexdigest()
        with open(os.path.join(root, "sources", sid + ".yaml"), "w", encoding="utf-8") as fh:
            fh.write(f"id: {sid}\ntitle: Synthetic article {s}\nauthor: A. Writer\n"
                     f"publication: unknown\npublished: unknown\nsha256: {digest}\n"
                     f"excluded:\n  - lines: {lines - 1}-{lines}\n    reason: comments\n")
    for e in range(10):
        start, end = 1950 + e * 8, 1950 + e * 8 + 7
        sid, text = texts[e % n_sources]
        with open(os.path.join(root, "eras", f"era-{e:02d}.yaml"), "w", encoding="utf-8") as fh:
            fh.write(f"id: era-{e:02d}\nkind: era\ntitle: A synthetic era\nstart: {start}\nend: {end}\n"
                     f"summary: Synthetic era.\nsources:\n  - source: {sid}\n"
                     f"    quote: {_q(pick_quote(rng, text, False))}\n")
    for f in range(n_facts):
        folder, kind = KINDS[f % 3]
        quotes = []
        for _ in range(2):
            sid, text = texts[rng.randrange(n_sources)]
            fail = fail_every and rng.randrange(fail_every) == 0
            quotes.append((sid, pick_quote(rng, text, bool(fail))))
        years = sorted({int(y) for _, q in quotes for y in YEAR.findall(q)})
        year = years[0] if years else rng.randint(1950, 2019)
        fid = f"{year}-fact-{f:05d}"
        lines = [f"id: {fid}", f"kind: {kind}", f"title: A synthetic {kind}",
                 f"date: {year}-{rng.randint(1, 12):02d}", "summary: >-",
                 "  A synthetic fact for the benchmark, with a folded summary line.",
                 "sources:"]
        for sid, quote in quotes:
            lines += [f"  - source: {sid}", f"    quote: {_q(quote)}"]
            if set(YEAR.findall(quote)) - {str(year)}:
                lines.append("    context_values: [" + ", ".join(
                    f'"{y}"' for y in sorted(set(YEAR.findall(quote)) - {str(year)})) + "]")
        if not years:
            lines.append(f"editor_note: The year {year} is synthetic.")
        if kind == "visit":
            lines += [f"visitor: {rng.choice(NAMES)} {rng.choice(NAMES)}", "from_country: A",
                      "to_country: B"]
        elif kind == "agreement":
            lines += [f"name: Accord {f}", "parties: [A, B]"]
        with open(os.path.join(root, folder, fid + ".yaml"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
