"""Speed and memory of wording_guard, side by side with the raw matchers, in one run.

    python benchmarks/run.py [--corpus DIR] [--repeat N] [--write benchmarks/RESULTS.md]

``--corpus`` is a folder of UTF-8 ``.txt`` documents; the default is the subset of real
government texts shipped in benchmarks/corpus/ (see its SOURCES.md).

Measures (medians over repeats; the machines are shared and noisy, so ratios matter most):
* the cost of each rule kind that searches on its own (the scan with its rules disabled);
* throughput (MB/s of UTF-8) of ``scan`` over the real corpus, with and without context
  rules, next to raw daachorse, ahocorasick_rs, pyahocorasick and flashtext scans over the
  same terms (the scanner's compiled patterns) on the same texts;
* p50/p99 latency on a 5 KB article, ``scan`` and the raw automata;
* ``import wording_guard``; cold start of ``wording-guard scan`` on a 1 KB file
  (compiled-lexicon cache warm), and the first run with an empty cache;
* RSS of a process with the default scanner loaded, and with its segmenter loaded too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import ahocorasick
import ahocorasick_rs
import daachorse
from flashtext import KeywordProcessor

import wording_guard
from wording_guard import scanner as scanner_module
from wording_guard.scanner import Scanner, default_scanner

ROOT = Path(__file__).resolve().parents[1]
# real government texts shipped with the repository (origins in benchmarks/corpus/SOURCES.md)
DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus"
# issue #10's targets
TARGETS = {
    "throughput_ratio": 0.5,
    "p50_ratio": 3.0,
    "cold_start_s": 0.15,
    "first_run_s": 3.0,
    "import_s": 0.06,
    "rss_mb": 80.0,
    "context_overhead": 0.30,
}


def median_time(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def raw_matchers(patterns: list[str]) -> dict[str, Callable[[str], object]]:
    rs = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
    py = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for i, p in enumerate(patterns):
        py.add_word(p, i)
    py.make_automaton()
    kp = KeywordProcessor()
    for p in patterns:
        kp.add_keyword(p)
    daac = daachorse.CharwiseDoubleArrayAhoCorasick(
        patterns, match_kind=daachorse.MATCH_KIND_STANDARD
    )
    return {
        "raw daachorse": daac.find_overlapping,
        "raw ahocorasick_rs": lambda t: rs.find_matches_as_indexes(t, overlapping=True),
        "raw pyahocorasick": lambda t: list(py.iter(t)),
        "raw flashtext": lambda t: kp.extract_keywords(t, span_info=True),
    }


def without_context(scanner: Scanner, func: Callable[[], object]) -> Callable[[], object]:
    """Run ``func`` with every context condition answering 'holds' and no entry dated out
    (the engine minus context), patching only this scanner's own context object."""

    def run() -> object:
        ctx = scanner.context
        saved = scanner_module.dated_before
        ctx.word_boundary = lambda *a: True  # type: ignore[method-assign]
        ctx.any_holds = lambda *a: False  # type: ignore[method-assign]
        ctx.check = lambda *a: True  # type: ignore[method-assign]
        scanner_module.dated_before = lambda *a: False  # type: ignore[assignment]
        try:
            return func()
        finally:
            for name in ("word_boundary", "any_holds", "check"):
                delattr(ctx, name)
            scanner_module.dated_before = saved

    return run


def cold_start(repeat: int) -> tuple[float, float, float, float]:
    sample = "\n".join(
        ["关于做好2024年春季防汛工作的通知", "各乡镇人民政府，县直各单位："]
        + ["为认真部署今年防汛工作，切实保障人民群众生命财产安全，现将有关事项通知如下。"] * 9
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(sample[:1000])
        path = fh.name
    exe = [sys.executable, "-m", "wording_guard.cli", "scan", path, "--fail-on", "never"]
    # as an installed package runs: with its bytecode cached (some shells and CI images set
    # PYTHONDONTWRITEBYTECODE, which makes every start compile the sources again, ~50 ms)
    user_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(command: list[str], env: dict[str, str] = user_env) -> None:
        subprocess.run(command, env=env, check=True, capture_output=True)

    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        run(exe, {**user_env, "WORDING_GUARD_CACHE_DIR": cache})
        build = time.perf_counter() - t0
    run(exe)  # warm the user cache and the bytecode
    cold = median_time(lambda: run(exe), repeat)
    bare = median_time(lambda: run([sys.executable, "-c", "pass"]), repeat)
    imported = median_time(lambda: run([sys.executable, "-c", "import wording_guard"]), repeat)
    os.unlink(path)
    return cold, build, bare, imported - bare


def rss_mb() -> tuple[float, float]:
    """Resident memory (MB) of a fresh process with the default scanner loaded and used, and
    after the segmenter (rjieba) is loaded too (texts with short candidate hits need it).

    Read from /proc/self/status: ru_maxrss would include the (large) benchmark parent, since
    Linux keeps it across fork and exec."""
    code = (
        "import wording_guard\n"
        "def rss():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('VmRSS:'):\n"
        "            return int(line.split()[1]) / 1024\n"
        "wording_guard.scan('要认真部署工作。')\n"
        "loaded = rss()\n"
        "from wording_guard.scanner import default_scanner\n"
        "default_scanner().context.word_cuts('书法国画展览', [(2, 4)])\n"
        "print(loaded, rss())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded, with_jieba = out.stdout.split()
    return float(loaded), float(with_jieba)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        metavar="DIR",
        help="folder of UTF-8 .txt documents (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", type=Path, help="write the Markdown report here")
    args = parser.parse_args(argv)

    from corpus_findings import doc_date  # type: ignore[import-not-found]

    files = sorted(args.corpus.glob("*.txt"))
    if not files:
        parser.error(f"no .txt files in {args.corpus}")
    docs = [(p.read_text(encoding="utf-8"), doc_date(p)) for p in files]
    mb = sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6
    scanner = default_scanner()
    patterns = scanner.compiled.all_patterns()
    generated = sum(1 for g in scanner.compiled.generated if g)
    raws = raw_matchers(patterns)
    for text, date in docs:  # warm up: jieba, caches
        scanner.scan(text, date=date)

    def full() -> None:
        for text, date in docs:
            scanner.scan(text, date=date)

    rows: list[tuple[str, float]] = [
        ("wording_guard.scan", median_time(full, args.repeat)),
        ("scan without context rules", median_time(without_context(scanner, full), args.repeat)),
    ]
    for name, func in raws.items():
        rows.append((name, median_time(lambda f=func: [f(t) for t, _ in docs], args.repeat)))
    speed = {name: mb / seconds for name, seconds in rows}

    # what each kind that searches on its own costs: the full scan with its rules disabled
    # (a finder whose rules are all disabled does not run), alternating with the full scan
    # in every round so that the machine's load hits both alike; medians of the rounds
    kind_costs: list[tuple[str, float, float]] = []
    base_times: list[float] = []
    for _, served in scanner._finders:
        ids = sorted(served)
        kind = next(r.kind for r in scanner.rules if r.id in served)
        pairs = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            full()
            t1 = time.perf_counter()
            for text, date in docs:
                scanner.scan(text, date=date, disable=ids)
            t2 = time.perf_counter()
            pairs.append((t1 - t0, t2 - t1))
        base_times += [a for a, _ in pairs]
        without = statistics.median(b for _, b in pairs)
        cost = statistics.median(a - b for a, b in pairs) / mb * 1e3
        kind_costs.append((kind, mb / without, cost))
    base = statistics.median(base_times)

    article = next(t for t, _ in docs if len(t) > 6000)[:5000]
    article_date = dt.date(2024, 3, 5)
    scan_lat = []
    raw_lat = []
    daac_lat = []
    rs, daac = raws["raw ahocorasick_rs"], raws["raw daachorse"]
    for _ in range(max(200, args.repeat * 60)):
        t0 = time.perf_counter()
        scanner.scan(article, date=article_date)
        t1 = time.perf_counter()
        rs(article)
        t2 = time.perf_counter()
        daac(article)
        t3 = time.perf_counter()
        scan_lat.append(t1 - t0)
        raw_lat.append(t2 - t1)
        daac_lat.append(t3 - t2)
    p50, p99 = statistics.median(scan_lat), percentile(scan_lat, 0.99)
    raw_p50, daac_p50 = statistics.median(raw_lat), statistics.median(daac_lat)

    cold, build, bare, imported = cold_start(max(7, args.repeat))
    rss, rss_jieba = rss_mb()
    counts = (wording_guard.scan(docs[0][0]),)
    del counts

    ratio = speed["wording_guard.scan"] / speed["raw ahocorasick_rs"]
    daac_ratio = speed["wording_guard.scan"] / speed["raw daachorse"]
    overhead = speed["scan without context rules"] / speed["wording_guard.scan"] - 1
    lines = [
        "# Benchmark results",
        "",
        f"Command: `python benchmarks/run.py --repeat {args.repeat}"
        + ("" if args.corpus.resolve() == DEFAULT_CORPUS else f" --corpus {args.corpus}")
        + (f" --write {args.write}`" if args.write else "`"),
        f"Date: {dt.datetime.now().isoformat(timespec='minutes')}; machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; "
        f"wording_guard {wording_guard.__version__}, matcher backend {scanner.backend}.",
        f"Corpus: {len(docs)} documents, {mb:.2f} MB UTF-8 ({args.corpus.name}/); "
        f"{len(patterns)} patterns ({generated} generated near-miss variants), "
        f"{len(scanner.compiled.rules)} rules, {len(scanner.compiled.entries)} entries.",
        "Medians of repeated runs on a shared, noisy machine: read the ratios.",
        "",
        "## Throughput over the corpus",
        "",
        "| scanner | MB/s | vs raw ahocorasick_rs | vs raw daachorse |",
        "|---|---:|---:|---:|",
    ]
    for name, _ in rows:
        lines.append(
            f"| {name} | {speed[name]:.1f} | {speed[name] / speed['raw ahocorasick_rs']:.2f}× "
            f"| {speed[name] / speed['raw daachorse']:.2f}× |"
        )
    lines += [
        "",
        "Raw scans run the same patterns over the original text with no normalization, no "
        "context and no findings; flashtext's word-boundary model does not fit Chinese (it "
        "misses terms inside runs of CJK text), it is listed for speed only.",
        "",
        "## Cost of the rule kinds that search on their own",
        "",
        f"Full scan {mb / base:.1f} MB/s; the same scan with one kind's rules disabled: its "
        "finder does not run, and hits of its lexicon strings are dropped before their "
        "context is checked. Medians of alternating rounds; differences of a few ms/MB are "
        "noise.",
        "",
        "| kind | MB/s without it | its cost, ms per MB |",
        "|---|---:|---:|",
        *(f"| {kind} | {rate:.1f} | {cost:.1f} |" for kind, rate, cost in kind_costs),
        "",
        "## Targets",
        "",
        "| measure | value | target | met |",
        "|---|---:|---:|:-:|",
        f"| scan throughput / raw ahocorasick_rs | {ratio:.2f}× | ≥ {TARGETS['throughput_ratio']}× "
        f"| {'yes' if ratio >= TARGETS['throughput_ratio'] else 'NO'} |",
        f"| scan throughput / raw daachorse | {daac_ratio:.2f}× | | |",
        f"| 5 KB article p50 (scan) | {p50 * 1e3:.3f} ms | | |",
        f"| 5 KB article p99 (scan) | {p99 * 1e3:.3f} ms | | |",
        f"| 5 KB article p50 raw ahocorasick_rs | {raw_p50 * 1e3:.3f} ms | | |",
        f"| 5 KB article p50 raw daachorse | {daac_p50 * 1e3:.3f} ms | | |",
        f"| 5 KB p50 scan / raw ahocorasick_rs | {p50 / raw_p50:.1f}× | "
        f"≤ {TARGETS['p50_ratio']}× | {'yes' if p50 / raw_p50 <= TARGETS['p50_ratio'] else 'NO'} |",
        f"| 5 KB p50 scan / raw daachorse | {p50 / daac_p50:.1f}× | | |",
        f"| context rules overhead on the corpus | {overhead * 100:.0f} % | "
        f"≤ {TARGETS['context_overhead'] * 100:.0f} % | "
        f"{'yes' if overhead <= TARGETS['context_overhead'] else 'NO'} |",
        f"| cold `wording-guard scan` of a 1 KB file (cache warm) | {cold:.3f} s | "
        f"≤ {TARGETS['cold_start_s']} s | {'yes' if cold <= TARGETS['cold_start_s'] else 'NO'} |",
        f"| bare `python -c pass` on this machine | {bare:.3f} s | | |",
        f"| `import wording_guard`, beyond bare Python | {imported * 1e3:.0f} ms | "
        f"≤ {TARGETS['import_s'] * 1e3:.0f} ms | {_met(imported <= TARGETS['import_s'])} |",
        f"| first run, compiled-lexicon cache empty (one-time build) | {build:.2f} s | "
        f"≤ {TARGETS['first_run_s']:.0f} s | {_met(build <= TARGETS['first_run_s'])} |",
        f"| RSS, process with the default scanner loaded | {rss:.1f} MB | | |",
        f"| RSS with the segmenter loaded too | {rss_jieba:.1f} MB | "
        f"≤ {TARGETS['rss_mb']:.0f} MB | {'yes' if rss_jieba <= TARGETS['rss_mb'] else 'NO'} |",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        args.write.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
