"""Benchmark: ``python bench/run.py [--sizes 1000,10000] [--repeat 3] [--sphinx-repeat 2]
[--no-sphinx]``.

For each synthetic book it prints, measured in this run on this machine:
the checks cold (no cache) and warm (nothing changed) with peak memory, against the
floor of reading and YAML-parsing the same files with PyYAML's C loader; and for the
1,000-fact book a full Sphinx build, an incremental rebuild after editing one fact
(with the number of pages re-written), and the bare-Sphinx floor: the same pages
with plain text instead of facts.
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
    """Wall seconds and peak RSS (MB, the process and its reaped children) of a command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss // 1024


def bench_checks(book: str, repeat: int) -> dict[str, tuple[float, int]]:
    env = dict(os.environ, BRIEFING_CACHE_DIR=os.path.join(book, ".cache"),
               PYTHONPATH=ROOT)
    best: dict[str, tuple[float, int]] = {}

    def keep(name: str, got: tuple[float, int]) -> None:
        if name not in best or got[0] < best[name][0]:
            best[name] = (got[0], max(got[1], best.get(name, (0, 0))[1]))

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
                    ignore=shutil.ignore_patterns("_build", "eras", "sources", "__pycache__"))


def _html_mtimes(out: str) -> dict[str, int]:
    return {p: os.stat(p).st_mtime_ns for p in glob.glob(out + "/**/*.html", recursive=True)}


def bench_sphinx(book: str, repeat: int) -> dict[str, object]:
    """Full build and its bare floor, interleaved, best of ``repeat``; then one
    incremental rebuild after editing one fact."""
    src, out = os.path.join(book, "docs"), os.path.join(book, "html")
    shutil.rmtree(src, ignore_errors=True)
    _copy_docs(src)
    facts = os.path.join(book, "facts")
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-D",
           f"briefing_facts_dir={facts}", src, out]
    env = dict(os.environ, BRIEFING_CACHE_DIR=os.path.join(book, ".cache"))
    full = bare = (float("inf"), 0)
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        full = min(full, run(cmd + ["-E"], book, env))
        bare = min(bare, bare_floor(book, out))
    before = _html_mtimes(out)
    edited = sorted(glob.glob(facts + "/events/*.yaml"))[0]
    with open(edited, encoding="utf-8") as fh:
        text = fh.read()
    with open(edited, "w", encoding="utf-8") as fh:
        fh.write(re.sub(r"^title: .*$", "title: An edited synthetic title", text, count=1,
                        flags=re.M))
    incremental = run(cmd, book, env)
    after = _html_mtimes(out)
    rewritten = sorted(os.path.relpath(p, out) for p in after if after[p] != before.get(p))
    return {"full": full, "incremental": incremental, "rewritten": rewritten,
            "pages": len(after), "bare": bare}


def bare_floor(book: str, built: str) -> tuple[float, int]:
    """The same page structure with plain text: one page per built page, same sections."""
    src = os.path.join(book, "bare")
    shutil.rmtree(src, ignore_errors=True)
    os.makedirs(src)
    from checks.api import check_path

    result = check_path(os.path.join(book, "facts"))
    pages: dict[str, list[str]] = {}
    for r in result.facts:
        page = pages.setdefault(f"eras/{r.era or 'none'}", [f"# Era {r.era}\n"])
        page.append(f"## Fact {r.fact.id}\n\n{r.fact.summary}\n")
        page += [f"> {q.text}\n" for q in r.fact.all_quotes()]
        for reg in ("timeline", "agreements", "visits", "contested"):
            pages.setdefault(reg, [f"# {reg.title()}\n"]).append(f"- {r.fact.id}: {r.fact.title}\n")
    for sid, text in result.book.texts.items():
        pages[f"sources/{sid}"] = [f"# Source {sid}\n"] + [p + "\n" for p in text.raw.split("\n\n")]
    pages["index"] = ["# Bare floor\n", "```{toctree}\n:glob:\n\n*\neras/*\nsources/*\n```\n"]
    for name, lines in pages.items():
        os.makedirs(os.path.dirname(os.path.join(src, name)) or src, exist_ok=True)
        with open(os.path.join(src, name + ".md"), "w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
    with open(os.path.join(src, "conf.py"), "w", encoding="utf-8") as fh:
        fh.write('extensions = ["myst_parser"]\nhtml_theme = "furo"\n')
    out = os.path.join(book, "bare-html")
    shutil.rmtree(out, ignore_errors=True)
    return run([sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", src, out], book)


def _count_failing(book: str, env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-m", "checks", "facts", "--no-cache"], cwd=book,
                         env=env, capture_output=True, text=True).stdout
    return out.count(" BB501 ")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", default=os.path.join(HERE, "_out"))
    parser.add_argument("--sphinx-repeat", type=int, default=2)
    parser.add_argument("--no-sphinx", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for size in (int(s) for s in args.sizes.split(",")):
        book = os.path.join(args.out, f"book-{size}")
        if not os.path.isdir(os.path.join(book, "facts")):
            synth.write_book(os.path.join(book, "facts"), size, max(size // 10, 10), seed=size)
        quotes = sum(1 for _ in glob.glob(book + "/facts/*/*.yaml")) * 2
        print(f"\n== {size:,} facts, {max(size // 10, 10):,} sources (~{quotes:,} quotes)")
        best = bench_checks(book, args.repeat)
        floor = best["floor"][0]
        for name in ("floor", "cold", "warm", "edit", "cold-json", "warm-json"):
            wall, rss = best[name]
            ratio = "" if name == "floor" else f"  ratio to floor {wall / floor:.2f}x"
            print(f"checks {name:9}: {wall:6.2f} s  peak {rss:4d} MB{ratio}")
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
        if size <= 1000 and not args.no_sphinx:
            s = bench_sphinx(book, args.sphinx_repeat)
            full, inc, bare = s["full"], s["incremental"], s["bare"]
            print(f"sphinx full       : {full[0]:6.2f} s  peak {full[1]:4d} MB  "  # type: ignore[index]
                  f"ratio to bare {full[0] / bare[0]:.2f}x ({s['pages']} pages)")  # type: ignore[index]
            print(f"sphinx incremental: {inc[0]:6.2f} s  re-wrote {len(s['rewritten'])} pages: "  # type: ignore[index, arg-type]
                  + ", ".join(s["rewritten"]))  # type: ignore[arg-type]
            print(f"sphinx bare floor : {bare[0]:6.2f} s")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
