"""Findings of this checkout against an earlier git revision, on the same inputs.

    python benchmarks/findings_diff.py REV [--corpus DIR] [--show N]

A refactoring must not change what is found. The inputs are the corpus documents (each
dated by its year, as in ``run.py``), every sentence of the dev part of ``benchmarks/eval``
with its date (the held-out parts are never printed), ``benchmarks/data/ecspell/odw.test``,
and every example sentence of the current shipped lexicons, with and without its date.
REV is checked out into a temporary git worktree; each side scans all inputs in its own
process with its own shipped lexicons.
Findings are compared as sets of (input, rule, severity, span, text, message, suggestions).

Exits 1 when the sets differ, printing up to ``--show`` differences of each direction.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / "benchmarks" / "corpus"

# runs in each side's process: read (id, text, date) inputs, print one finding per line
SCAN = """
import json, sys
from wording_guard.scanner import default_scanner
scanner = default_scanner()
for key, text, date in json.load(open(sys.argv[1], encoding="utf-8")):
    for f in scanner.scan(text, date=date):
        row = [key, f.rule_id, f.severity.value, f.start, f.end, f.text, f.message,
               list(f.suggestions)]
        print(json.dumps(row, ensure_ascii=False))
"""


def inputs(corpus: Path) -> list[tuple[str, str, str | None]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus_findings import doc_date  # type: ignore[import-not-found]

    from wording_guard.lexicon import load_directory, shipped_lexicon_dir

    out: list[tuple[str, str, str | None]] = []
    for path in sorted(corpus.glob("*.txt")):
        date = doc_date(path)
        out.append((path.name, path.read_text(encoding="utf-8"), date and date.isoformat()))
    for path in sorted((ROOT / "benchmarks" / "eval" / "dev").glob("*.tsv")):
        with path.open(encoding="utf-8") as fh:
            for n, row in enumerate(csv.DictReader(fh, delimiter="\t")):
                text = row["sentence"].replace("\\n", "\n").replace("\\t", "\t")
                out.append((f"{path.parent.name}/{path.name}:{n}", text, row.get("date") or None))
    odw = ROOT / "benchmarks" / "data" / "ecspell" / "odw.test"
    for n, line in enumerate(odw.read_text(encoding="utf-8").splitlines()):
        out.append((f"odw.test:{n}", line, None))
    seen: set[tuple[str, str | None]] = set()
    for loaded in load_directory(shipped_lexicon_dir()):
        for entry in loaded.rule.entries:
            for bad in entry.examples.bad:
                seen.add((bad.plain()[0], bad.date and bad.date.isoformat()))
            for good in entry.examples.good:
                seen.add((good.text, good.date and good.date.isoformat()))
    for n, (text, date) in enumerate(sorted(seen, key=lambda x: (x[0], x[1] or ""))):
        out.append((f"example {n}", text, date))
        out.append((f"example {n}, no date", text, None))
    return out


# two starts before the scan: the first builds the compiled cache, the second what a side
# keeps beside it on a later start (the segmenter's compiled dictionary), so the scan runs
# as a warm start does
WARM = "from wording_guard.scanner import default_scanner; default_scanner().scan('县直各单位：')"


def findings(src: Path, cache: Path, data: Path) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(src), "WORDING_GUARD_CACHE_DIR": str(cache)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", WARM], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [sys.executable, "-c", SCAN, str(data)], env=env, check=True, capture_output=True
    )
    return set(out.stdout.decode("utf-8").splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the git revision to compare against")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, metavar="DIR")
    parser.add_argument("--show", type=int, default=20, help="differences shown per side")
    args = parser.parse_args(argv)
    items = inputs(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = work / "inputs.json"
        data.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        old_tree = work / "old"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old_tree), args.rev],
            check=True,
        )
        try:
            old = findings(old_tree / "src", work / "cache-old", data)
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old_tree)],
                check=False,
            )
        new = findings(ROOT / "src", work / "cache-new", data)
    print(f"inputs: {len(items)}; findings: {len(old)} at {args.rev}, {len(new)} here")
    for sign, rows in (("-", sorted(old - new)), ("+", sorted(new - old))):
        for row in rows[: args.show]:
            print(sign, row)
        if len(rows) > args.show:
            print(f"{sign} … and {len(rows) - args.show} more")
    same = old == new
    print("identical" if same else f"{len(old - new)} lost, {len(new - old)} new")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
