"""This checkout against an earlier git revision, side by side in one run.

    python benchmarks/versus.py REV [--corpus DIR] [--rounds N]

Checks REV out into a temporary git worktree and runs both engines from their own sources
(same interpreter, same installed dependencies), alternating old and new in every round so
that the machine's load hits both alike:

* throughput: a fresh process per side scans every corpus document (dated by its year, as
  in ``run.py``) after one warm-up pass; MB/s of UTF-8;
* cold start: ``python -m wording_guard.cli scan`` of the same 1 KB file, compiled-lexicon
  cache warm (each side has its own cache directory).

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


def _cold(env: dict[str, str], sample: Path) -> float:
    cmd = [sys.executable, "-m", "wording_guard.cli", "scan", str(sample), "--fail-on", "never"]
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the git revision to compare against (e.g. a commit)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
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
            for env in sides.values():  # build each side's compiled cache once
                _cold(env, sample)
            speed: dict[str, list[float]] = {name: [] for name in sides}
            cold: dict[str, list[float]] = {name: [] for name in sides}
            for _ in range(args.rounds):
                for name, env in sides.items():
                    speed[name].append(_throughput(env, args.corpus))
                    cold[name].append(_cold(env, sample))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)],
                check=False,
            )
    med = {name: (statistics.median(speed[name]), statistics.median(cold[name])) for name in sides}
    rev = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", args.rev],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"## Against revision {rev}, side by side\n")
    print(f"Command: `python benchmarks/versus.py {args.rev}`")
    print(
        f"{args.rounds} alternating rounds (old, new) in one run; corpus "
        f"{args.corpus.name}/; medians on a shared, noisy machine.\n"
    )
    print("| measure | old | new | new / old |")
    print("|---|---:|---:|---:|")
    (old_speed, old_cold), (new_speed, new_cold) = med["old"], med["new"]
    print(
        f"| scan throughput, MB/s | {old_speed:.1f} | {new_speed:.1f} | "
        f"{new_speed / old_speed:.2f}× |"
    )
    print(
        f"| cold `wording-guard scan` of 1 KB, cache warm | {old_cold:.3f} s | "
        f"{new_cold:.3f} s | {new_cold / old_cold:.2f}× |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
