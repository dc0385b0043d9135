"""Benchmark: ``python bench/run.py [--sizes 1000,10000] [--sphinx-sizes 1000,5000]
[--repeat 3] [--sphinx-repeat 2] [--no-checks] [--no-sphinx]``.

For each synthetic book it prints, measured in this run on this machine:
the checks cold (no cache) and warm (nothing changed) with peak memory, against the
floor of reading and YAML-parsing the same files with PyYAML's C loader; and for each
Sphinx size a full build of the book with its floors built in the same run (bare
Sphinx on the same pages, with the book's navigation and, up to
``--full-nav-floor-max``, with every page in the navigation) and sphinx-needs on the
same facts (up to ``--needs-max``), then incremental builds: nothing changed, one fact
edited, one source text edited (with the pages re-written), each beside bare Sphinx's
own incremental build of the same pages (nothing changed; the fact's page edited; the
source's page edited), and sphinx-needs' one edit.
Each figure is the best of its runs, with the spread, the CPU time (less noisy on a
shared machine) and the peak memory. See bench/floors.py for the comparison books.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, ROOT)

import synth  # noqa: E402

FLOOR = """
import glob, sys, yaml
for p in sorted(glob.glob(sys.argv[1] + '/*/*.yaml')):
    with open(p, encoding='utf-8') as fh:
        yaml.load(fh.read(), Loader=yaml.CSafeLoader)
"""


def run(cmd: list[str], cwd: str, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB, the process and its reaped children) of a command
    (the checks exit 1 on the synthetic book's deliberately failing quotes)."""
    wall, _cpu, rss = run3(cmd, cwd, env, ok=(0, 1))
    return wall, rss


def run3(cmd: list[str], cwd: str, env: dict[str, str] | None = None,
         ok: tuple[int, ...] = (0,)) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


#: one measurement: best wall time, peak memory, every run's wall time, best CPU time
Measured = tuple[float, int, list[float], float]


def bench_checks(book: str, repeat: int) -> dict[str, Measured]:
    """Best wall time, peak memory, every run's wall time and the best CPU time (user +
    system: much less sensitive to the other tenants) of each measurement."""
    env = dict(os.environ, BRIEFING_CACHE_DIR=os.path.join(book, ".cache"),
               PYTHONPATH=ROOT)
    best: dict[str, Measured] = {}

    def run(cmd: list[str], cwd: str, env: dict[str, str]) -> tuple[float, float, int]:
        return run3(cmd, cwd, env, ok=(0, 1))

    def keep(name: str, got: tuple[float, float, int]) -> None:
        walls = best[name][2] if name in best else []
        walls.append(got[0])
        peak = max(got[2], best[name][1]) if name in best else got[2]
        cpu = min(got[1], best[name][3]) if name in best else got[1]
        best[name] = (min(walls), peak, walls, cpu)

    check = [sys.executable, "-m", "checks", "facts"]
    edited = sorted(glob.glob(os.path.join(book, "facts", "events", "*.yaml")))[0]
    with open(edited, encoding="utf-8") as fh:
        original = fh.read()
    for n in range(repeat):  # interleaved, best of N: the machine's noise hits all alike
        keep("floor", run([sys.executable, "-c", FLOOR, "facts"], book, env))
        shutil.rmtree(os.path.join(book, ".cache"), ignore_errors=True)
        keep("cold", run(check, book, env))
        keep("warm", run(check, book, env))
        with open(edited, "w", encoding="utf-8") as fh:  # one fact edited (a new title)
            fh.write(re.sub(r"^title: .*$", f"title: Edited synthetic title {n}", original,
                            count=1, flags=re.M))
        keep("edit", run(check, book, env))
        shutil.rmtree(os.path.join(book, ".cache"), ignore_errors=True)
        keep("cold-json", run(check + ["--format", "json"], book, env))
        keep("warm-json", run(check + ["--format", "json"], book, env))
    with open(edited, "w", encoding="utf-8") as fh:
        fh.write(original)
    return best


def _copy_docs(dest: str) -> None:
    shutil.copytree(os.path.join(ROOT, "docs"), dest,
                    ignore=shutil.ignore_patterns("_build", "eras", "sources", "parts",
                                                   "__pycache__"))


def _html_mtimes(out: str) -> dict[str, int]:
    return {p: os.stat(p).st_mtime_ns for p in glob.glob(out + "/**/*.html", recursive=True)}


class Figures:
    """Every run of each measurement: best, spread, CPU and memory."""

    def __init__(self) -> None:
        self.runs: dict[str, list[tuple[float, float, int]]] = {}
        self.notes: dict[str, str] = {}

    def add(self, name: str, got: tuple[float, float, int], note: str = "") -> None:
        self.runs.setdefault(name, []).append(got)
        if note:
            self.notes[name] = note

    def best(self, name: str) -> float:
        return min(w for w, _c, _m in self.runs[name])

    def line(self, name: str, label: str, floor: str | None = None) -> str:
        runs = self.runs[name]
        walls = sorted(w for w, _c, _m in runs)
        cpu = min(c for _w, c, _m in runs)
        peak = max(m for _w, _c, m in runs)
        spread = f"{walls[0]:.2f}-{walls[-1]:.2f}" if len(walls) > 1 else "one run"
        ratio = f"  {walls[0] / self.best(floor):.2f}x {floor}" if floor else ""
        note = f"  {self.notes[name]}" if name in self.notes else ""
        return (f"{label:34} {walls[0]:7.2f} s (runs {spread}, {len(walls)}x)  "
                f"cpu {cpu:6.2f} s  peak {peak:4d} MB{ratio}{note}")


def _edit_fact(facts: str, n: int) -> None:
    edited = sorted(glob.glob(facts + "/events/*.yaml"))[0]
    with open(edited, encoding="utf-8") as fh:
        text = fh.read()
    with open(edited, "w", encoding="utf-8") as fh:
        # a title no earlier run gave it, so that the edit always changes the page; in
        # letters only: a number in a title that no quote states makes the fact
        # unverified, and the edit would then also change every count of the book
        fh.write(re.sub(r"^title: .*$", f"title: Edited title {_letters(n, time.time_ns())}",
                        text, count=1, flags=re.M))


def _letters(*numbers: int) -> str:
    return " ".join("".join(chr(ord("a") + int(d)) for d in str(n)) for n in numbers)


def _edit_source(facts: str, n: int) -> None:
    """Add a paragraph at the top of one archived text (every quote in it moves) and
    re-seal it, as an editor correcting an archive would."""
    import hashlib

    text_path = sorted(glob.glob(facts + "/sources/*.txt"))[1]
    meta_path = text_path[:-4] + ".yaml"
    with open(text_path, "rb") as fh:
        old = fh.read()
    head, _, rest = old.partition(b"\n\n")
    if rest.startswith(b"Editor's added paragraph"):
        rest = rest.partition(b"\n\n")[2]
    new = head + f"\n\nEditor's added paragraph {n} {time.time_ns()}.\n\n".encode() + rest
    with open(text_path, "wb") as fh:
        fh.write(new)
    with open(meta_path, encoding="utf-8") as fh:
        meta = fh.read()
    meta = re.sub(r"^sha256: .*$", f"sha256: {hashlib.sha256(new).hexdigest()}", meta,
                  flags=re.M)
    # the excluded comment lines move down by the two added lines
    meta = re.sub(r"lines: (\d+)-(\d+)", lambda m: _shift(m, new), meta)
    with open(meta_path, "w", encoding="utf-8") as fh:
        fh.write(meta)


def _shift(m: re.Match[str], text: bytes) -> str:
    lines = text.count(b"\n") + 1
    return f"lines: {lines - 1}-{lines}"


def _edit_bare_fact(facts: str, vsrc: str, n: int) -> None:
    """The bare floor's edit: the same fact's title on its page of the bare book."""
    fid = os.path.basename(sorted(glob.glob(facts + "/events/*.yaml"))[0])[:-5]
    marker = f"(fact-{fid})=\n"
    for path in glob.glob(vsrc + "/**/*.md", recursive=True):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if marker in text:
            head, _, rest = text.partition(marker)
            rest = f"**Edited title {_letters(n, time.time_ns())}**" + rest[rest.index("\n"):]
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(head + marker + rest)
            return


def _edit_bare_source(facts: str, vsrc: str, n: int) -> None:
    """The bare floor's edit: a paragraph added at the top of the same source's page."""
    sid = os.path.basename(sorted(glob.glob(facts + "/sources/*.txt"))[1])[:-4]
    path = os.path.join(vsrc, "sources", sid + ".md")
    with open(path, encoding="utf-8") as fh:
        head, _, rest = fh.read().partition("\n\n")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"{head}\n\nEditor's added paragraph {n} {time.time_ns()}.\n\n{rest}")


def _rewritten(out: str, before: dict[str, int]) -> list[str]:
    after = _html_mtimes(out)
    return sorted(os.path.relpath(p, out) for p in after if after[p] != before.get(p))


def _largest(out: str) -> tuple[int, str]:
    sizes = [(os.path.getsize(p), os.path.relpath(p, out))
             for p in glob.glob(out + "/**/*.html", recursive=True)]
    return max(sizes)


def bench_sphinx(book: str, size: int, repeat: int, variants: list[str]) -> Figures:
    """Full builds of the book and its comparison books, interleaved, ``repeat`` times;
    then the book's incremental builds (nothing changed, one fact, one source text)
    and sphinx-needs' one edit, each ``repeat`` times."""
    import floors

    fig = Figures()
    src, out = os.path.join(book, "docs"), os.path.join(book, "html")
    shutil.rmtree(src, ignore_errors=True)
    _copy_docs(src)
    facts = os.path.join(book, "facts")
    editions = os.path.join(book, "editions")  # as the real book has (no saved edition)
    os.makedirs(editions, exist_ok=True)
    with open(os.path.join(editions, "changelog.yaml"), "w", encoding="utf-8") as fh:
        fh.write("[]\n")
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D",
           f"briefing_facts_dir={facts}", src, out]
    env = dict(os.environ, BRIEFING_CACHE_DIR=os.path.join(book, ".cache"),
               PYTHONPATH=ROOT)
    others = {}
    for variant in variants:
        vsrc = os.path.join(book, variant)
        floors.write(facts, variant, vsrc)
        others[variant] = ([sys.executable, "-m", "sphinx", "-q", "-b", "html", vsrc,
                            os.path.join(book, variant + "-html")])
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        fig.add("book", run3(cmd + ["-E"], book, env))
        for variant, vcmd in others.items():
            shutil.rmtree(vcmd[-1], ignore_errors=True)
            fig.add(variant, run3(vcmd + ["-E"], book, env))
    pages = len(_html_mtimes(out))
    biggest, name = _largest(out)
    index = os.path.getsize(os.path.join(out, "searchindex.js"))
    fig.notes["book"] = (f"{pages} pages, largest {name} {biggest / 1e6:.2f} MB, "
                         f"search index {index / 1e6:.2f} MB")
    bare = others.get("bare-book-nav")
    for n in range(repeat):
        before = _html_mtimes(out)
        fig.add("nochange", run3(cmd, book, env), f"re-wrote {len(_rewritten(out, before))}")
        _edit_fact(facts, n)
        before = _html_mtimes(out)
        got = run3(cmd, book, env)
        fig.add("fact", got, "re-wrote " + ", ".join(_rewritten(out, before)))
        _edit_source(facts, n)
        before = _html_mtimes(out)
        got = run3(cmd, book, env)
        fig.add("source", got, "re-wrote " + ", ".join(_rewritten(out, before)))
        if bare is not None:  # the floors: bare Sphinx's own incremental builds
            vsrc, vout = bare[-2], bare[-1]
            before = _html_mtimes(vout)
            fig.add("bare-nochange", run3(bare, book, env),
                    f"re-wrote {len(_rewritten(vout, before))}")
            _edit_bare_fact(facts, vsrc, n)
            fig.add("bare-fact", run3(bare, book, env))
            _edit_bare_source(facts, vsrc, n)
            fig.add("bare-source", run3(bare, book, env))
    if "needs" in others:
        vsrc = os.path.join(book, "needs")
        page = sorted(glob.glob(vsrc + "/eras/**/*.md", recursive=True))[0]
        for n in range(repeat):
            with open(page, encoding="utf-8") as fh:
                text = fh.read()
            with open(page, "w", encoding="utf-8") as fh:
                fh.write(re.sub(r"^(```\{req\}) .*$", rf"\1 An edited need {n}", text,
                                count=1, flags=re.M))
            fig.add("needs-edit", run3(others["needs"], book, env))
    return fig


def report_sphinx(fig: Figures, size: int) -> list[str]:
    has = fig.runs.__contains__
    lines = [fig.line("book", "sphinx full build", "bare-book-nav" if has("bare-book-nav")
                      else None)]
    per = fig.best("book") / (size / 1000)
    lines.append(f"{'  per 1,000 facts':34} {per:7.2f} s")
    if has("bare-book-nav"):
        lines.append(fig.line("bare-book-nav", "floor: bare, the book's navigation"))
    if has("bare-full-nav"):
        lines.append(fig.line("bare-full-nav", "floor: bare, full navigation",
                              "bare-book-nav" if has("bare-book-nav") else None))
    if has("needs"):
        lines.append(fig.line("needs", "sphinx-needs full build", "bare-book-nav"))
        lines.append(f"{'  book / sphinx-needs':34} "
                     f"{fig.best('book') / fig.best('needs'):7.2f}x")
    floor = has("bare-nochange")
    lines.append(fig.line("nochange", "no change", "bare-nochange" if floor else None))
    if floor:
        lines.append(fig.line("bare-nochange", "floor: bare, no change"))
    lines.append(fig.line("fact", "one fact edited", "bare-fact" if floor else None))
    if floor:
        lines.append(fig.line("bare-fact", "floor: bare, its page edited"))
    if has("needs-edit"):
        lines.append(fig.line("needs-edit", "sphinx-needs, one need edited"))
        lines.append(f"{'  book / sphinx-needs edit':34} "
                     f"{fig.best('fact') / fig.best('needs-edit'):7.2f}x")
    lines.append(fig.line("source", "one source text edited",
                          "bare-source" if floor else None))
    if floor:
        lines.append(fig.line("bare-source", "floor: bare, its page edited"))
    return lines


def _count_failing(book: str, env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-m", "checks", "facts", "--no-cache"], cwd=book,
                         env=env, capture_output=True, text=True).stdout
    return out.count(" BB501 ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="books for the checks")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=os.path.join(HERE, "_out"))
    parser.add_argument("--sphinx-sizes", default="1000", help="books for Sphinx")
    parser.add_argument("--sphinx-repeat", type=int, default=2)
    parser.add_argument("--full-nav-floor-max", type=int, default=1000,
                        help="largest book for the quadratic full-navigation floor")
    parser.add_argument("--needs-max", type=int, default=1000,
                        help="largest book built with sphinx-needs too")
    parser.add_argument("--no-checks", action="store_true")
    parser.add_argument("--no-sphinx", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"load {os.getloadavg()[0]:.1f}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    sizes = [] if args.no_checks else [int(s) for s in args.sizes.split(",")]
    sphinx = [] if args.no_sphinx else [int(s) for s in args.sphinx_sizes.split(",")]
    for size in sorted(set(sizes) | set(sphinx)):
        book = os.path.join(args.out, f"book-{size}")
        if not os.path.isdir(os.path.join(book, "facts")):
            synth.write_book(os.path.join(book, "facts"), size, max(size // 10, 10), seed=size)
        quotes = sum(1 for _ in glob.glob(book + "/facts/*/*.yaml")) * 2
        print(f"\n== {size:,} facts, {max(size // 10, 10):,} sources (~{quotes:,} quotes)",
              flush=True)
        if size in sizes:
            _bench_checks(args, book, size)
        if size in sphinx:
            variants = ["bare-book-nav"]
            if size <= args.full_nav_floor_max:
                variants.append("bare-full-nav")
            if size <= args.needs_max:
                variants.append("needs")
            fig = bench_sphinx(book, size, args.sphinx_repeat, variants)
            for line in report_sphinx(fig, size):
                print(line, flush=True)
    return 0


def _bench_checks(args: argparse.Namespace, book: str, size: int) -> None:
    best = bench_checks(book, args.repeat)
    floor, floor_cpu = best["floor"][0], best["floor"][3]
    for name in ("floor", "cold", "warm", "edit", "cold-json", "warm-json"):
        wall, rss, walls, cpu = best[name]
        ratio = "" if name == "floor" else f"  ratio to floor {wall / floor:.2f}x"
        spread = f"  (runs {min(walls):.2f}-{max(walls):.2f} s)"
        cpu_ratio = "" if name == "floor" else f" = {cpu / floor_cpu:.2f}x"
        print(f"checks {name:9}: {wall:6.2f} s  peak {rss:4d} MB{ratio}{spread}  "
              f"cpu {cpu:5.2f} s{cpu_ratio}", flush=True)
    if size <= 1000:
        bad = os.path.join(args.out, f"book-{size}-bad")
        if not os.path.isdir(os.path.join(bad, "facts")):
            synth.write_book(os.path.join(bad, "facts"), size, max(size // 10, 10),
                             seed=size, fail_every=20)
        env = dict(os.environ, BRIEFING_CACHE_DIR=os.path.join(bad, ".cache"))
        wall, rss = min(run([sys.executable, "-m", "checks", "facts", "--no-cache"], bad, env)
                        for _ in range(args.repeat))
        failing = _count_failing(bad, env)
        print(f"checks with {failing} failing quotes (each explained): {wall:6.2f} s  "
              f"peak {rss:4d} MB")


if __name__ == "__main__":
    raise SystemExit(main())
