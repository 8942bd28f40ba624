"""Scale: big inputs and sweeps of many files, through the command line.

    python benchmarks/scale.py [--sizes 1,10,100] [--size-rounds 2] [--files 2000]
                               [--file-chars 1000] [--rounds 3] [--jobs 2]
                               [--only sizes|sweep] [--corpus DIR] [--src DIR]

Both parts build their inputs in a temporary folder from the real government texts shipped in
benchmarks/corpus/ (see its SOURCES.md) and run ``wording-guard scan`` (``python -m
wording_guard.cli scan … --format jsonl --fail-on never``) in a subprocess:

* big inputs: one UTF-8 text file per size in ``--sizes`` (MB), the corpus documents repeated
  until the size is reached; wall time and peak RSS of the scan (the child's ``ru_maxrss``
  from ``os.wait4``), medians over ``--size-rounds``, and the start-up (the command on a
  1 KB file). Time should grow linearly with size and RSS stay flat (target: a 100 MB file
  in ≤ 300 MB RSS);
* sweep: ``--files`` files of about ``--file-chars`` characters each (whole paragraphs of
  the corpus, consecutive, the corpus read again from a shifted start once used up), scanned
  with ``-j 1`` and with ``-j N`` in alternating rounds; wall times (medians), and the same
  with the start-up (the command on one of the files, also timed in every round) taken off.
  Target: ``-j 2`` ≥ 1.8× the throughput of ``-j 1``.

``--src`` runs another source tree (for a before/after comparison: a checkout's ``src``).
The machine is shared and noisy: read medians and ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus"
RSS_TARGET_MB = 300.0
SPEEDUP_TARGET = 1.8


def documents(corpus: Path) -> list[str]:
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files in {corpus}")
    return [p.read_text(encoding="utf-8") for p in files]


def write_big(path: Path, docs: list[str], size: int) -> int:
    """Write the documents, repeated, until ``size`` bytes; returns the bytes written."""
    written = 0
    with path.open("wb") as out:
        while written < size:
            for doc in docs:
                data = (doc.rstrip("\n") + "\n").encode("utf-8")
                out.write(data)
                written += len(data)
                if written >= size:
                    break
    return written


def paragraphs(docs: list[str]) -> list[str]:
    return [p.strip() for doc in docs for p in doc.split("\n\n") if p.strip()]


def write_sweep(folder: Path, docs: list[str], files: int, chars: int) -> int:
    """``files`` files of whole consecutive paragraphs, about ``chars`` characters each;
    returns the bytes written."""
    paras = paragraphs(docs)
    written = 0

    def stream() -> Iterator[str]:
        shift = 0
        while True:
            yield from paras[shift:] + paras[:shift]
            shift = (shift + 7) % len(paras)

    source = stream()
    for n in range(files):
        parts: list[str] = []
        size = 0
        while size < chars:
            para = next(source)
            parts.append(para)
            size += len(para)
        data = ("\n\n".join(parts) + "\n").encode("utf-8")
        sub = folder / f"{n // 100:02d}"
        sub.mkdir(exist_ok=True)
        (sub / f"page{n:05d}.txt").write_bytes(data)
        written += len(data)
    return written


def run_process(
    cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, resource.struct_rusage, str]:
    """Wall seconds, resource usage (``os.wait4``: the child's and its reaped workers') and
    stdout of ``cmd``, which must exit 0 or 1 (findings)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            message = err.read().decode("utf-8", "replace")
            raise SystemExit(f"{shlex.join(cmd)} failed ({proc.returncode}):\n{message}")
        return wall, usage, out.read().decode("utf-8")


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and stdout of ``cmd``.

    The peak is the child's own ``ru_maxrss``; Linux starts it at this process's RSS at the
    fork, which this script keeps small (it never imports the scanner)."""
    wall, usage, out = run_process(cmd, env)
    return wall, usage.ru_maxrss / 1024, out


def scan_cmd(*args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "wording_guard.cli",
        "scan",
        "--format",
        "jsonl",
        "--fail-on",
        "never",
        *args,
    ]


def sizes_section(
    docs: list[str], sizes: list[float], rounds: int, env: dict[str, str], tmp: Path
) -> list[str]:
    tiny = tmp / "tiny.txt"
    tiny.write_text(docs[0][:1000], encoding="utf-8")
    start = statistics.median(run(scan_cmd(str(tiny)), env)[0] for _ in range(rounds))
    lines = [
        f"Start-up (the same command on a 1 KB file): {start:.2f} s.",
        "",
        "| size | wall s | s per MB, start-up taken off | peak RSS MB | findings |",
        "|---:|---:|---:|---:|---:|",
    ]
    for mb in sizes:
        path = tmp / f"big_{mb:g}mb.txt"
        written = write_big(path, docs, int(mb * 1e6))
        walls, peaks = [], []
        findings = 0
        for _ in range(rounds):
            wall, rss, out = run(scan_cmd(str(path)), env)
            walls.append(wall)
            peaks.append(rss)
            findings = out.count("\n")
        path.unlink()
        wall = statistics.median(walls)
        size = written / 1e6
        lines.append(
            f"| {size:.0f} MB | {wall:.2f} | {(wall - start) / size:.3f} | {max(peaks):.0f} | "
            f"{findings} |"
        )
    return lines


def sweep_section(
    docs: list[str], files: int, chars: int, jobs: int, rounds: int, env: dict[str, str], tmp: Path
) -> list[str]:
    folder = tmp / "sweep"
    folder.mkdir()
    written = write_sweep(folder, docs, files, chars)
    one = next(iter(sorted(folder.rglob("*.txt"))))
    times: dict[str, list[float]] = {"start": [], "1": [], str(jobs): []}
    counts: dict[str, int] = {}
    for _ in range(rounds):
        times["start"].append(run(scan_cmd(str(one)), env)[0])
        for j in ("1", str(jobs)):
            wall, _rss, out = run(scan_cmd("-j", j, str(folder)), env)
            times[j].append(wall)
            counts[j] = out.count("\n")
    if counts["1"] != counts[str(jobs)]:
        raise SystemExit(f"-j 1 and -j {jobs} disagree: {counts} findings")
    start = statistics.median(times["start"])
    serial = statistics.median(times["1"])
    parallel = statistics.median(times[str(jobs)])
    ratio = serial / parallel
    net = (serial - start) / max(1e-9, parallel - start)
    return [
        f"{files} files, {written / 1e6:.1f} MB (about {chars} characters each), "
        f"{counts['1']} findings; medians of {rounds} alternating rounds.",
        "",
        "| run | wall s | files/s |",
        "|---|---:|---:|",
        f"| start-up (one file) | {start:.2f} | |",
        f"| `-j 1` | {serial:.2f} | {files / serial:.0f} |",
        f"| `-j {jobs}` | {parallel:.2f} | {files / parallel:.0f} |",
        "",
        "| measure | value | target | met |",
        "|---|---:|---:|:-:|",
        f"| `-j {jobs}` / `-j 1` sweep throughput (start-up taken off) | {net:.2f}× | "
        f"≥ {SPEEDUP_TARGET}× | {'yes' if net >= SPEEDUP_TARGET else 'NO'} |",
        f"| the same, whole command | {ratio:.2f}× | | |",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="MB, comma-separated")
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--file-chars", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the sweep")
    parser.add_argument(
        "--size-rounds", type=int, default=2, help="runs of each big file (median; RSS: max)"
    )
    parser.add_argument("--only", choices=("sizes", "sweep"))
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR")
    parser.add_argument("--src", type=Path, metavar="DIR", help="source tree to run instead")
    args = parser.parse_args(argv)
    docs = documents(args.corpus)
    env = dict(os.environ)
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve())
    sizes = [float(s) for s in args.sizes.split(",") if s]

    command = "python benchmarks/scale.py" + "".join(
        f" {a}" for a in (argv if argv is not None else sys.argv[1:])
    )
    out = [
        "## Scale: big inputs and sweeps of many files",
        "",
        f"Command: `{command}`",
        f"Date: {dt.datetime.now().isoformat(timespec='minutes')}; machine: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.1f} at the start (a shared machine).",
        "Each run is `python -m wording_guard.cli scan --format jsonl --fail-on never …` in a "
        "fresh process (compiled-lexicon cache warm); inputs built from benchmarks/corpus/.",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        run(scan_cmd(str(next(iter(sorted(args.corpus.glob("*.txt")))))), env)  # warm cache
        if args.only != "sweep":
            out += [
                "",
                f"### One big file (target: time linear in size, ≤ {RSS_TARGET_MB:.0f} MB RSS "
                "at 100 MB)",
                "",
            ]
            out += sizes_section(docs, sizes, args.size_rounds, env, Path(tmp))
        if args.only != "sizes":
            out += [
                "",
                f"### Sweep: `-j 1` against `-j {args.jobs}` (target ≥ {SPEEDUP_TARGET}×)",
                "",
            ]
            out += sweep_section(
                docs, args.files, args.file_chars, args.jobs, args.rounds, env, Path(tmp)
            )
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
