"""The checks: turn a loaded book into per-fact verdicts and located problems."""

from __future__ import annotations

import hashlib
import json
from itertools import repeat
from typing import Any, Callable

from . import plain
from .archive import Match, SourceText
from .book import Book
from .contests import check_points, duplicate_disputes, shared_contests
from .disagreement import Gazetteer, person_conflicts, year_conflicts
from .eras import Eras
from .finding import Finding
from .grounding import check_grounding
from .matching import QuoteResult, check_normalized
from .model import Fact, Pos, Quote
from .people import check_people
from .registers import Registers
from .speakers import inside_quotation
from .problems import Code, Problem, Verdict, did_you_mean
from .result import Checked, FactResult, QuoteCheck
from .worddiff import describe

__all__ = ["Checked", "FactResult", "check_book"]

MAX_EXPLAINED = 200  # nearest-passage searches per run; past that, failures are listed bare
#: characters of source text searched for nearest passages per run (each search is
#: bounded by :data:`checks.matching.MAX_PROBE` characters of its quote)
MAX_EXPLAINED_CHARS = 20_000_000


#: one fact's own check as the cache keeps it: ``[problems, quote results, whether each
#: quote not found had its nearest passage searched for]``
Record = list[Any]


class _Checker:
    def __init__(self, book: Book, reuse: dict[str, tuple[str, Record]] | None = None) -> None:
        self.book = book
        self.eras = Eras(book.facts)
        self.ids = {f.id for f in book.facts}
        self.shared = shared_contests(book.facts)
        #: where each verified quote lies in its source's normalised text (by identity)
        self.spans: dict[int, tuple[int, int]] = {}
        self.gazetteer = Gazetteer.of(book.facts)
        #: nearest-passage searches still allowed in this run (failures in book order)
        self.to_explain = MAX_EXPLAINED
        self.chars_to_explain = MAX_EXPLAINED_CHARS
        #: the quotes not found whose nearest passage was searched for (by identity)
        self.searched: set[int] = set()
        #: earlier runs' checks of single facts, ``path -> (key, record)`` (see :meth:`reuse`)
        self.earlier = reuse or {}
        self.context = self.context_digest()

    def run(self) -> Checked:
        results = [FactResult(fact, self.era_of(fact), shared=self.shared.get(fact.id, []))
                   for fact in self.book.facts]
        for result in results:
            key = self.key_of(result)
            if not self.reuse(result, key):
                self.check_fact(result)
                self.book.checks[result.fact.file] = (key, [
                    list(result.problems), [q.result for q in result.quotes],
                    [id(q.quote) in self.searched for q in result.quotes]])
        self.check_unique_ids(results)
        by_id = {r.fact.id: r for r in reversed(results)}
        for finding in self.eras.check() + duplicate_disputes(self.book.facts, self.locate):
            self.file(by_id[finding.fact_id], finding)
        registers = Registers(self.book.facts, self.locate)
        for result in results:
            findings, notes = registers.check(result.fact, result.contests)
            for finding in findings:
                self.file(result, finding)
            result.register_notes.extend(notes)
        problems = list(self.book.problems)
        for result in results:
            problems.extend(result.problems)
        problems.sort(key=Problem.sort_key)
        # load problems belong to their fact too, so its status is honest
        by_file = {r.fact.file: r for r in results}
        for p in self.book.problems:
            if p.file in by_file:
                by_file[p.file].problems.append(p)
        return Checked(self.book, results, problems)

    # -- reuse: one fact's own check depends on its file, the files of the sources it
    # cites, and the book-wide values below; while all are unchanged its record is reused
    def context_digest(self) -> str:
        """Digest of everything a fact's own check reads beyond its file and its cited
        sources: the ids, the eras, the people named anywhere, which sources exist."""
        g = self.gazetteer
        parts = [sorted(self.ids), plain.encode([f for f in self.book.facts if f.kind == "era"]),
                 sorted(self.book.sources), sorted(self.book.broken_sources),
                 sorted([list(k), v] for k, v in g.names.items()), g.longest,
                 sorted(g.firsts)]
        return _digest(json.dumps(parts, ensure_ascii=False))

    def key_of(self, r: FactResult) -> str:
        """What one fact's own check depends on, as a digest."""
        digests, sources = self.book.digests, self.book.sources
        parts = [self.context, r.fact.file, digests.get(r.fact.file, "")]
        for source_id in r.source_ids:
            source = sources.get(source_id)
            parts.append(source_id)
            if source is not None:
                parts += (digests.get(source.meta_file, ""), digests.get(source.text_file, ""))
            parts.append("")
        if r.shared:
            parts.append(json.dumps(plain.encode([[fact.id, contest] for fact, contest in r.shared]),
                                    ensure_ascii=False))
        return _digest("\0".join(parts))

    def reuse(self, r: FactResult, key: str) -> bool:
        """Take a fact's own check from an earlier run when nothing it read changed.

        Whether a quote not found had its nearest passage searched for depends on the
        failures before it in the run (the budget): such a record is reused only if
        this run's budget makes the same choice for each of its quotes not found (and
        it is then spent the same way).
        """
        earlier = self.earlier.get(r.fact.file)
        if earlier is None or earlier[0] != key:
            return False
        try:
            problems = plain.decode(list[Problem], earlier[1][0])
            verdicts = plain.decode(list[QuoteResult], earlier[1][1])
            searched = plain.decode(list[bool], earlier[1][2])
        except (plain.PlainError, IndexError):
            return False
        quotes = r.fact.all_quotes()
        if not len(verdicts) == len(searched) == len(quotes) or not self.spend(
                quotes, verdicts, searched):
            return False
        texts = self.book.texts
        located = _spans(earlier[1], quotes, verdicts, texts)
        for quote, verdict, span in zip(quotes, verdicts, located or repeat(False)):
            r.quotes.append(QuoteCheck(quote, verdict, texts.get(quote.source), span))
            if verdict.ok:
                self.spans[id(quote)] = (verdict.norm_start, verdict.norm_end)
        r.problems.extend(problems)
        # as stored, written back unchanged; without spans that do not fit, so that it
        # is given them again (see checks.api)
        self.book.checks[r.fact.file] = earlier if located is not None or len(
            earlier[1]) == 3 else (earlier[0], earlier[1][:3])
        return True

    def spend(self, quotes: tuple[Quote, ...], verdicts: list[QuoteResult],
              searched: list[bool]) -> bool:
        """Replay a record's nearest-passage searches on this run's budget (see
        :meth:`check_one`): False, spending nothing, if it would choose otherwise."""
        left, chars = self.to_explain, self.chars_to_explain
        for quote, verdict, was in zip(quotes, verdicts, searched):
            if verdict.verdict is not Verdict.NOT_FOUND:
                continue
            text = self.book.texts.get(quote.source)
            if text is None:
                return False
            now = left > 0 and chars >= len(text.author)
            if now != was:
                return False
            if now:
                left, chars = left - 1, chars - len(text.author)
        self.to_explain, self.chars_to_explain = left, chars
        return True

    def check_unique_ids(self, results: list[FactResult]) -> None:
        seen: dict[str, Fact] = {}
        for result in results:
            fact = result.fact
            if fact.id in seen:
                self.add(result, fact.pos("id"), Code.DUPLICATE_ID,
                         f"id '{fact.id}' is also used by {seen[fact.id].file}; ids are unique "
                         "across all kinds: rename one file and its id")
            seen.setdefault(fact.id, fact)

    def add(self, result: FactResult, pos: Pos, code: Code, message: str,
            field_path: str | None = None) -> None:
        result.problems.append(Problem(result.fact.file, pos.line, pos.column, code, message,
                                       result.fact.id, field_path))

    def locate(self, quote: Quote) -> tuple[int, int] | None:
        """Where a verified quote lies in its source's normalised text."""
        return self.spans.get(id(quote))

    def file(self, result: FactResult, finding: Finding) -> None:
        """File a rule module's finding under its fact."""
        self.add(result, finding.pos, finding.code, finding.message, finding.field)

    def era_of(self, fact: Fact) -> str | None:
        if fact.kind == "era":
            return fact.id
        if fact.era:
            return fact.era
        first = fact.first
        return None if first is None else self.eras.holding(first)

    def check_fact(self, r: FactResult) -> None:
        f = r.fact
        self.check_dates(r)
        for finding in self.eras.check_fact(f) + check_people(f):
            self.file(r, finding)
        if f.era is None and r.era is None and f.first is not None:
            self.add(r, f.pos("date" if f.date else "start"), Code.NO_ERA,
                     f"no era holds {f.first.display()}; every dated fact falls in exactly "
                     "one era: add an era that holds it, or widen one", "era")
        for i, rel in enumerate(f.related):
            if rel not in self.ids:
                self.add(r, f.pos("related"), Code.UNKNOWN_FACT,
                         f"related[{i}] '{rel}' is not a fact id" + did_you_mean(rel, self.ids),
                         "related")
        for quote in f.all_quotes():
            r.quotes.append(QuoteCheck(quote, self.check_one(r, quote),
                                       self.book.texts.get(quote.source)))
        for finding in check_points(f, self.ids, self.locate) + check_grounding(
                f, r.shared, self.gazetteer):
            self.file(r, finding)
        self.check_contested(r)
        if not r.contests:
            self.check_disagreement(r)
        if r.single_source:
            self.add(r, f.pos("sources"), Code.SINGLE_SOURCE,
                     f"only {r.source_ids[0]} supports this fact; "
                     "cite every archived source that states it", "sources")
        self.check_date_stated(r)

    def check_dates(self, r: FactResult) -> None:
        f = r.fact
        if f.kind == "era" and (f.start is None or f.end is None):
            if "start" not in f.positions or "end" not in f.positions:
                self.add(r, Pos(1, 1), Code.NO_DATE, "an era needs both start and end")
        elif f.date is None and f.start is None and not {"date", "start"} & set(f.positions):
            self.add(r, Pos(1, 1), Code.NO_DATE,
                     "fact has no date: add date: YYYY[-MM[-DD]] or start:/end:")
        if f.date is not None and (f.start is not None or f.end is not None):
            self.add(r, f.pos("start" if f.start else "end"), Code.DATE_AND_SPAN,
                     "use either date (a point) or start/end (a span), not both")
        if f.start and f.end and f.start.sort_key() > f.end.last_key():
            self.add(r, f.pos("end"), Code.START_AFTER_END,
                     f"end {f.end.iso()} is before start {f.start.iso()}", "end")

    def check_one(self, r: FactResult, quote: Quote) -> QuoteResult:
        text = self.book.texts.get(quote.source)
        if text is None:
            if quote.source in self.book.broken_sources:
                self.add(r, quote.source_pos, Code.SOURCE_UNUSABLE,
                         f"source '{quote.source}' cannot be used (its text or metadata is "
                         "missing, or its text fails its SHA-256 seal; see the problem on "
                         "facts/sources/), so this quote is not verified", quote.path)
                return QuoteResult(Verdict.SOURCE_UNUSABLE)
            self.add(r, quote.source_pos, Code.UNKNOWN_SOURCE,
                     f"source '{quote.source}' is not archived in facts/sources/"
                     + did_you_mean(quote.source, self.book.sources), quote.path)
            return QuoteResult(Verdict.UNKNOWN_SOURCE)
        explain = self.to_explain > 0 and self.chars_to_explain >= len(text.author)
        res = check_normalized(quote.normalized, text, explain=explain)
        if res.ok:
            self.spans[id(quote)] = (res.norm_start, res.norm_end)
            if quote.speaker is None and inside_quotation(text, res.norm_start,
                                                          res.norm_end):
                self.add(r, quote.pos, Code.NO_SPEAKER,
                         f"quote lies inside a quotation in {quote.source}: these are someone "
                         "else's words, reported by the author; add speaker: \"<the speaker "
                         "as the article names them>\" to the quote (the book then shows it "
                         "as the speaker's, quoted by the author)", quote.path)
        code = res.verdict.code
        if res.verdict is Verdict.NOT_FOUND and explain:
            self.searched.add(id(quote))
            self.to_explain -= 1
            self.chars_to_explain -= len(text.author)
        if code is not None:
            self.add(r, quote.pos, code, _VERDICT_MESSAGES[res.verdict](quote, res), quote.path)
        return res

    def check_contested(self, r: FactResult) -> None:
        for i, contest in enumerate(r.fact.contested):
            values = [c.value for c in contest.claims]
            if len(contest.claims) < 2:
                self.add(r, contest.pos, Code.TOO_FEW_CLAIMS,
                         f"contested[{i}] has {len(contest.claims)} claim(s); a disagreement "
                         "needs at least two sides", f"contested[{i}]")
            a = contest.assessment
            if a and a.favours and a.favours not in ("both", "neither") and a.favours not in values:
                self.add(r, a.pos, Code.BAD_FAVOURS,
                         f"assessment favours '{a.favours}', which is none of the claims' "
                         f"values ({', '.join(values)}) nor 'both' or 'neither'",
                         f"contested[{i}].assessment")

    def check_disagreement(self, r: FactResult) -> None:
        f = r.fact
        if f.kind == "era":
            return
        span = f.span_years()
        for quote, years in year_conflicts(f):
            named = ", ".join(map(str, sorted(years)))
            self.add(r, quote.pos, Code.YEAR_DISAGREES,
                     f"quote from {quote.source} names {named}, but the fact is dated "
                     f"{_span_text(span)}; if the sources disagree, mark the fact contested; "
                     f"if the year is only context, add context_values: [\"{min(years)}\"]",
                     quote.path)
        for quote, names in person_conflicts(f, self.gazetteer):
            named = ", ".join(sorted(names))
            self.add(r, quote.pos, Code.PERSON_DISAGREES,
                     f"quote from {quote.source} names {named}, who is not among this fact's "
                     "people (visitor, signatories, hosts, people); if that is a different "
                     "claim, mark the fact contested; otherwise add them to people: or the "
                     "quote's context_values", quote.path)

    def check_date_stated(self, r: FactResult) -> None:
        f = r.fact
        if f.kind == "era" or f.first is None or f.last is None:
            return
        quotes = f.all_quotes()
        named = set().union(*(q.years for q in quotes))
        explained = f.editor_note is not None and str(f.first.year) in f.editor_note
        if quotes and not {f.first.year, f.last.year} & named and not explained:
            where = "date" if f.date else "start"
            self.add(r, f.pos(where), Code.DATE_UNSTATED,
                     f"no quote states the year {f.first.year}; quote a passage that dates it, "
                     f"or explain where {f.first.year} comes from in editor_note", where)


def _spans(record: Record, quotes: tuple[Quote, ...], verdicts: list[QuoteResult],
           texts: dict[str, SourceText]) -> list[Match | bool] | None:
    """The raw spans a record keeps of its verified quotes (``[start, end, line]``, null
    for a quote not verified), each checked to lie in its source's text; None when the
    record keeps none, or any does not fit (they are then located again)."""
    if len(record) < 4 or type(record[3]) is not list or len(record[3]) != len(quotes):
        return None
    out: list[Match | bool] = []
    for quote, verdict, span in zip(quotes, verdicts, record[3]):
        if not verdict.ok:
            if span is not None:
                return None
            out.append(False)
            continue
        text = texts.get(quote.source)
        if (text is None or type(span) is not list or len(span) != 3
                or not _INTS.issuperset(map(type, span))
                or not 0 <= span[0] <= span[1] <= len(text.raw) or span[2] < 1):
            return None
        out.append(Match(*span))
    return out


_INTS = frozenset({int})


def with_spans(checked: Checked) -> bool:
    """Give each fact's stored check (:attr:`Book.checks`) the raw spans of its quotes
    once every one is located, so that a run reusing it needs no offset map; True when
    every fact's record has them."""
    checks, every = checked.book.checks, True
    for r in checked.facts:
        item = checks.get(r.fact.file)
        if item is None or len(item[1]) > 3:
            continue
        if not all(q.located for q in r.quotes):
            every = False
            continue
        checks[r.fact.file] = (item[0], [*item[1][:3], [q.span for q in r.quotes]])
    return every


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


def _span_text(span: range | None) -> str:
    if span is None:
        return "(undated)"
    return str(span.start) if len(span) == 1 else f"{span.start}-{span.stop - 1}"


def _not_found(quote: Quote, res: QuoteResult) -> str:
    head = f"quote not found in {quote.source}"
    if res.nearest is None:
        return head + " (nearest passage not computed: too many failing quotes in this run)"
    nearest = res.nearest if len(res.nearest) <= 240 else res.nearest[:237] + "..."
    diff = describe(quote.normalized, res.nearest)
    return (f"{head}; {diff + '; ' if diff else ''}nearest passage ({res.similarity:.0f}% "
            f"similar, source line {res.nearest_line}): \"{nearest}\"")


#: the message of each verdict that raises a problem (its code: :attr:`Verdict.code`)
_VERDICT_MESSAGES: dict[Verdict, Callable[[Quote, QuoteResult], str]] = {
    Verdict.NOT_FOUND: _not_found,
    Verdict.EXCLUDED: lambda quote, res: (
        f"quote occurs in {quote.source} only outside the author's text (a reader "
        "comment, ad, byline or other excluded lines); it is not evidence of what "
        "the article says"),
    Verdict.TOO_SHORT: lambda quote, res: (
        "quote has fewer than 5 words; extend it so it is evidence on its own"),
    Verdict.PARTIAL_WORD: lambda quote, res: (
        "quote occurs only inside longer words; start and end it on whole words"),
    Verdict.CUTS_NUMBER: lambda quote, res: (
        f"quote occurs in {quote.source} only by starting or ending inside a number (as "
        "'including $2' would from '$2.5 billion'), which changes what the source says; "
        "extend it to take in the whole number"),
}


def check_book(book: Book, reuse: dict[str, tuple[str, Record]] | None = None) -> Checked:
    """Run every check on a loaded book.

    :param reuse: earlier runs' checks of single facts (:attr:`Book.checks` as stored):
        each is reused while what it depends on is unchanged
    """
    return _Checker(book, reuse).run()
