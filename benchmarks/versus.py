"""This checkout against an earlier git revision, side by side in one run.

    python benchmarks/versus.py REV [--corpus DIR] [--rounds N] [--no-throughput]

Checks REV out into a temporary git worktree and runs both engines from their own sources
(same interpreter, same installed dependencies), alternating old and new in every round so
that the machine's load hits both alike:

* throughput: a fresh process per side scans every corpus document (dated by its year, as
  in ``run.py``) after one warm-up pass; MB/s of UTF-8;
* cold start: ``python -m wording_guard.cli scan`` of the same 1 KB file, compiled-lexicon
  cache warm (each side has its own cache directory): wall time, CPU time (user + system,
  steadier than wall time on a shared machine) and peak RSS;
* RSS of a process with the default scanner loaded and used, and with its segmenter ready.

Prints a Markdown section with medians and new/old ratios. The worktree is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus"
SAMPLE = "\n".join(
    ["关于做好2024年春季防汛工作的通知", "各乡镇人民政府，县直各单位："]
    + ["为认真部署今年防汛工作，切实保障人民群众生命财产安全，现将有关事项通知如下。"] * 9
)[:1000]

# run inside the measured process: import the engine from PYTHONPATH, scan the corpus
THROUGHPUT = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from corpus_findings import doc_date
from wording_guard.scanner import default_scanner
files = sorted(Path(sys.argv[1]).glob("*.txt"))
docs = [(p.read_text(encoding="utf-8"), doc_date(p)) for p in files]
scanner = default_scanner()
for text, date in docs:
    scanner.scan(text, date=date)
t0 = time.perf_counter()
for text, date in docs:
    scanner.scan(text, date=date)
seconds = time.perf_counter() - t0
print(sum(len(t.encode("utf-8")) for t, _ in docs) / 1e6 / seconds)
"""


def _side_env(src: Path, cache: Path) -> dict[str, str]:
    # bytecode cached, as an installed package runs (see run.py's cold start)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(src), "WORDING_GUARD_CACHE_DIR": str(cache)}


def _throughput(env: dict[str, str], corpus: Path) -> float:
    out = subprocess.run(
        [sys.executable, "-c", THROUGHPUT, str(corpus), str(ROOT / "benchmarks")],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.split()[-1])


def _cold(env: dict[str, str], sample: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one cold scan."""
    cmd = [sys.executable, "-m", "wording_guard.cli", "scan", str(sample), "--fail-on", "never"]
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise subprocess.CalledProcessError(child.returncode, cmd)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


# run inside the measured process: RSS with the default scanner loaded and used, then with
# its segmenter ready too (as run.py measures it)
RSS = """
import wording_guard
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
wording_guard.scan('要认真部署工作。')
loaded = rss()
from wording_guard.scanner import default_scanner
default_scanner().context.word_cuts('书法国画展览', [(2, 4)])
print(loaded, rss())
"""


def _rss(env: dict[str, str]) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", RSS], env=env, check=True, capture_output=True, text=True
    )
    loaded, ready = out.stdout.split()
    return float(loaded), float(ready)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the git revision to compare against (e.g. a commit)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
    parser.add_argument(
        "--no-throughput", action="store_true", help="start-up and memory only (no corpus scans)"
    )
    args = parser.parse_args(argv)
    if not sorted(args.corpus.glob("*.txt")):
        parser.error(f"no .txt files in {args.corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        old_tree = work / "old"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old_tree), args.rev],
            check=True,
        )
        try:
            sample = work / "sample.txt"
            sample.write_text(SAMPLE, encoding="utf-8")
            sides = {
                "old": _side_env(old_tree / "src", work / "cache-old"),
                "new": _side_env(ROOT / "src", work / "cache-new"),
            }
            for env in sides.values():  # build each side's compiled cache (two starts:
                for _ in range(2):  # the second may compile the segmenter's dictionary)
                    _cold(env, sample)
            speed: dict[str, list[float]] = {name: [] for name in sides}
            cold: dict[str, list[tuple[float, float, float]]] = {name: [] for name in sides}
            rss: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
            for _ in range(args.rounds):
                for name, env in sides.items():
                    if not args.no_throughput:
                        speed[name].append(_throughput(env, args.corpus))
                    cold[name].append(_cold(env, sample))
                    rss[name].append(_rss(env))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)],
                check=False,
            )

    def med(runs: list[tuple[float, ...]], k: int) -> float:
        return statistics.median(run[k] for run in runs)

    rows = [
        ("cold `wording-guard scan` of 1 KB, cache warm", "s", cold, 0, 3),
        ("the same, CPU (user + system)", "s", cold, 1, 3),
        ("the same, peak RSS", "MB", cold, 2, 1),
        ("RSS, default scanner loaded and used", "MB", rss, 0, 1),
        ("RSS with the segmenter ready too", "MB", rss, 1, 1),
    ]
    rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"## Against revision {rev}, side by side\n")
    flags = f" --rounds {args.rounds}" + (" --no-throughput" if args.no_throughput else "")
    print(f"Command: `python benchmarks/versus.py {args.rev}{flags}`")
    print(
        f"{args.rounds} alternating rounds (old, new) in one run; corpus "
        f"{args.corpus.name}/; medians on a shared, noisy machine.\n"
    )
    print("| measure | old | new | new / old |")
    print("|---|---:|---:|---:|")
    if not args.no_throughput:
        old_speed, new_speed = statistics.median(speed["old"]), statistics.median(speed["new"])
        print(
            f"| scan throughput, MB/s | {old_speed:.1f} | {new_speed:.1f} | "
            f"{new_speed / old_speed:.2f}× |"
        )
    for label, unit, runs, k, digits in rows:
        old, new = med(runs["old"], k), med(runs["new"], k)  # type: ignore[arg-type]
        print(f"| {label} | {old:.{digits}f} {unit} | {new:.{digits}f} {unit} | {new / old:.2f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
