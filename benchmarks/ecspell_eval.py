"""Detection and correction quality of wording_guard on ECSpell odw.test (公文 spelling errors).

    python benchmarks/ecspell_eval.py [--data FILE] [--show-fp] [--date YYYY-MM-DD]

``--data`` defaults to the copy of ECSpell's odw.test shipped in benchmarks/data/ecspell/
(MIT licence, see LICENSE and SOURCES.md there).

odw.test lines are ``<number of wrong characters>\\t<source>\\t<target>`` (0 = the source is
correct). Every source sentence is scanned with ``wording_guard.scan``. Reported:

* sentence-level detection: a sentence is flagged when it has at least one finding
  (all categories; typo findings only; per category);
* finding level: a finding is on an error when its span covers a character that differs
  between source and target, and it corrects it when its first suggestion, put in place of
  the span, makes that part equal to the target;
* character level: how many wrong characters are covered / corrected.

This is a benchmark, not a tuning set: measure only, never fit lexicons to it. False
positives (findings in correct sentences, and findings on no wrong character) are listed on
stderr, or in the Markdown on stdout with ``--show-fp``, for the lexicon owners to judge.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import wording_guard
from wording_guard.models import Finding

# ECSpell's odw.test, shipped with the repository (MIT; origin in benchmarks/data/ecspell/)
DEFAULT_DATA = Path(__file__).resolve().parent / "data" / "ecspell" / "odw.test"
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.45


def _reported(finding: Finding) -> bool:
    """Serious and improper findings: what the issue's targets count (notices apart)."""
    return finding.severity.value != "notice"


@dataclass
class Row:
    number: int  # 1-based line number in the data file
    label: int  # number of wrong characters (0 = correct sentence)
    source: str
    target: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def wrong(self) -> set[int]:
        """Positions (code points) where source and target differ."""
        if len(self.source) != len(self.target):  # CSC data is length-preserving
            return set(range(len(self.source)))
        return {i for i, (a, b) in enumerate(zip(self.source, self.target, strict=True)) if a != b}


def read(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        label, source, target = line.split("\t")
        rows.append(Row(number, int(label), source, target))
    return rows


def on_error(f: Finding, row: Row) -> bool:
    return any(f.start <= i < f.end for i in row.wrong)


def corrects(f: Finding, row: Row) -> bool:
    """The first suggestion turns the span into the target's text at the same place."""
    if not f.suggestions or not on_error(f, row):
        return False
    first = f.suggestions[0]
    return len(first) == f.end - f.start and row.target[f.start : f.end] == first


def apply_first(row: Row, findings: list[Finding]) -> str:
    """The source with every finding's first suggestion applied (overlaps: first wins)."""
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.start < pos or not f.suggestions:
            continue
        out.append(row.source[pos : f.start])
        out.append(f.suggestions[0])
        pos = f.end
    out.append(row.source[pos:])
    return "".join(out)


def prf(tp: int, fp: int, fn: int) -> tuple[str, str, str]:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * p * r / (p + r) if tp else 0.0
    return (f"{p:.3f}" if tp + fp else "–"), f"{r:.3f}", f"{f1:.3f}"


def detection_row(name: str, rows: list[Row], keep: object) -> str:
    tp = fp = fn = 0
    for row in rows:
        flagged = any(keep(f) for f in row.findings)  # type: ignore[operator]
        if row.label and flagged:
            tp += 1
        elif row.label:
            fn += 1
        elif flagged:
            fp += 1
    p, r, f1 = prf(tp, fp, fn)
    return f"| {name} | {tp + fp} | {tp} | {fp} | {fn} | {p} | {r} | {f1} |"


def context_of(row: Row, f: Finding, width: int = 12) -> str:
    left = row.source[max(0, f.start - width) : f.start]
    right = row.source[f.end : f.end + width]
    return f"{left}【{f.text}】{right}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        metavar="FILE",
        help="ECSpell-format test set (default: %(default)s)",
    )
    parser.add_argument(
        "--show-fp",
        action="store_true",
        help="list false positives in the Markdown on stdout (else on stderr)",
    )
    parser.add_argument("--date", default=None, help="document date passed to scan")
    args = parser.parse_args(argv)

    rows = read(args.data)
    wording_guard.scan("要认真部署工作。")  # build the scanner outside the timing
    t0 = time.perf_counter()
    for row in rows:
        row.findings = wording_guard.scan(row.source, date=args.date)
    elapsed = time.perf_counter() - t0

    errors = [r for r in rows if r.label]
    correct = [r for r in rows if not r.label]
    categories = sorted({f.category.value for r in rows for f in r.findings})

    cmd = (
        "python benchmarks/ecspell_eval.py"
        + (" --show-fp" if args.show_fp else "")
        + (f" --date {args.date}" if args.date else "")
    )
    lines = [
        "## ECSpell odw.test: detection and correction",
        "",
        f"Command: `{cmd}`",
        f"Data: {args.data.name}, {len(rows)} sentences ({len(errors)} with errors, "
        f"{len(correct)} correct), {sum(len(r.wrong) for r in errors)} wrong characters; "
        f"wording_guard {wording_guard.__version__}; scan of all sentences {elapsed:.2f} s.",
        "",
        "### Sentence-level detection (flagged = at least one finding)",
        "",
        "| findings counted | flagged | TP | FP | FN | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        detection_row("all categories", rows, lambda f: True),
        detection_row("serious + improper (no notices)", rows, _reported),
        detection_row("typo only", rows, lambda f: f.category.value == "typo"),
        detection_row("typo.statistical only", rows, lambda f: f.rule_id == "typo.statistical"),
    ]
    for cat in categories:
        if cat != "typo":
            lines.append(detection_row(f"{cat} only", rows, lambda f, c=cat: f.category.value == c))

    # finding level, per category
    lines += [
        "",
        "### Finding level (all sentences)",
        "",
        "| category | findings | in correct sentences | in error sentences, on no wrong char "
        "| on a wrong char | first suggestion corrects it | precision (on wrong char) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    totals = Counter()
    per_cat: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        for f in row.findings:
            c = per_cat[f.category.value]
            c["findings"] += 1
            if not row.label:
                c["fp_correct"] += 1
            elif not on_error(f, row):
                c["fp_error"] += 1
            else:
                c["hit"] += 1
                c["fixed"] += corrects(f, row)
    for cat in [*categories, "all"]:
        c = per_cat[cat] if cat != "all" else totals
        if cat != "all":
            totals.update(c)
        prec = f"{c['hit'] / c['findings']:.3f}" if c["findings"] else "–"
        lines.append(
            f"| {cat} | {c['findings']} | {c['fp_correct']} | {c['fp_error']} | "
            f"{c['hit']} | {c['fixed']} | {prec} |"
        )

    # correction level on flagged error sentences, and character level
    flagged_err = [r for r in errors if r.findings]
    in_flagged = sum(len(r.findings) for r in flagged_err)
    hit = sum(on_error(f, r) for r in flagged_err for f in r.findings)
    fixed = sum(corrects(f, r) for r in flagged_err for f in r.findings)
    wrong_total = sum(len(r.wrong) for r in errors)
    covered = sum(
        1 for r in errors for i in r.wrong if any(f.start <= i < f.end for f in r.findings)
    )
    corrected_chars = sum(
        1
        for r in errors
        for i in r.wrong
        if any(f.start <= i < f.end and corrects(f, r) for f in r.findings)
    )
    exact = sum(1 for r in errors if r.findings and apply_first(r, r.findings) == r.target)
    broken = sum(1 for r in correct if r.findings and apply_first(r, r.findings) != r.source)

    def pct(a: int, b: int) -> str:
        return f"{a} / {b} = {a / b:.3f}" if b else f"{a} / 0"

    lines += [
        "",
        "### Correction level",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| error sentences flagged | {pct(len(flagged_err), len(errors))} |",
        f"| findings in flagged error sentences on a wrong character | {pct(hit, in_flagged)} |",
        f"| … whose first suggestion makes that part equal to the target | "
        f"{pct(fixed, in_flagged)} |",
        f"| wrong characters covered by a finding | {pct(covered, wrong_total)} |",
        f"| wrong characters corrected by a first suggestion | "
        f"{pct(corrected_chars, wrong_total)} |",
        f"| error sentences fully corrected (all first suggestions applied == target) | "
        f"{pct(exact, len(errors))} |",
        f"| correct sentences that applying first suggestions would change | "
        f"{pct(broken, len(correct))} |",
    ]

    tp = sum(1 for r in errors if any(map(_reported, r.findings)))
    fp = sum(1 for r in correct if any(map(_reported, r.findings)))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / len(errors) if errors else float("nan")
    met = (
        "met"
        if tp + fp and precision >= TARGET_PRECISION and recall >= TARGET_RECALL
        else "NOT met"
    )
    covered = sum(
        len({i for f in r.findings if _reported(f) for i in range(f.start, f.end)} & r.wrong)
        for r in errors
    )
    wrong_chars = sum(len(r.wrong) for r in errors)
    lines += [
        "",
        f"Target: sentence-level detection, serious and improper findings only, precision ≥ "
        f"{TARGET_PRECISION} and recall ≥ {TARGET_RECALL}: {precision:.3f} / {recall:.3f}, "
        f"{met}; character level, wrong characters covered by such findings: {covered} / "
        f"{wrong_chars} = {covered / max(1, wrong_chars):.3f}. odw.test is a measurement "
        "only: nothing is tuned to it (the statistical kind was fitted on odw.train).",
    ]
    fp_findings = [(r, f) for r in rows for f in r.findings if not (r.label and on_error(f, r))]
    by_rule = Counter(f.rule_id.split(".")[0] for _, f in fp_findings)
    if fp_findings:
        lines.append(
            f"Of the {len(fp_findings)} false-positive findings, "
            + ", ".join(f"{n} from {cat}.*" for cat, n in by_rule.most_common())
            + ". Sentences are scanned without a document date, so a name that was current "
            "when the source was written but has since been replaced counts as a finding "
            "here (see `--date`)."
        )
    lines.append("")

    fp_lines = []
    for row in rows:
        for f in row.findings:
            if row.label and on_error(f, row):
                continue
            kind = "correct sentence" if not row.label else "no wrong char"
            sugg = f.suggestions[0] if f.suggestions else ""
            fp_lines.append(
                f"- line {row.number} ({kind}) `{f.rule_id}` {f.severity.value}: "
                f"{context_of(row, f)} → {sugg or '(no suggestion)'}"
            )
    fp_block = [f"### False positives ({len(fp_lines)})", "", *fp_lines, ""]
    if args.show_fp:
        lines += fp_block
    print("\n".join(lines))
    if not args.show_fp:
        print("\n".join(fp_block), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
