"""Fit the weights and choose the thresholds of the statistical typo kind.

    python benchmarks/typo_tuning.py --train odw.train --clean-dev DIR [--clean-test DIR]

``--train``: ECSpell-format lines (``<wrong count>\\t<source>\\t<target>``), e.g. ECSpell's
odw.train (MIT, github aopolin-lv/ECSpell; not shipped here). Never pass the benchmark's
odw.test. ``--clean-dev``: folders of .txt files of published text the model was not counted
from; every correction proposed there is a false alarm and joins the negatives (each file is
judged whole, as a scan judges a document).
``--clean-test``: more such text, used only to report false alarms (never fitted).
``--pages``: TSV files of correct sentences written like real government pages (first column;
benchmarks/eval/neg3/clean.tsv): names, places, local products and trade terms that reports
rarely hold. Rows whose MD5 is even join the negatives, weighted by ``--pages-weight`` (a
page has ten times the rare words of a report); odd rows only report false alarms.

Every correction the model proposes (``StatisticalFinder.judgements``) is one example: a
positive when it sits on a wrong character of the tuning set, a negative otherwise. A
logistic regression (Newton's method, light L2) over the kind's features gives the weights;
the table then shows, per threshold, detection on the tuning set and false alarms per
100,000 characters of clean text. Paste the weights into lexicons/typo/statistical.yaml and
pick the thresholds: strict = at most ~1 false alarm per 100 k on the dev text, loose = a few.
``--keep-weights``: no fit, the rule's own weights are measured (after a change of the model,
say; the page files the shipped weights were fitted on are not kept, see
benchmarks/data/page_corpus). ``--show`` lists the alarms of both clean texts.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from pathlib import Path

import wording_guard
from wording_guard.cache import cache_dir
from wording_guard.charmodel import Models
from wording_guard.kinds.statistical import FEATURES, Judgement, StatisticalFinder


def read_train(path: Path) -> list[tuple[bool, set[int], str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        label, source, target = line.split("\t")
        if len(source) == len(target):
            wrong = {i for i, (a, b) in enumerate(zip(source, target, strict=True)) if a != b}
            rows.append((int(label) > 0, wrong, source))
    return rows


def read_clean(folders: list[Path]) -> list[str]:
    """The documents, each judged whole (as a scan does: a string used twice in a document is
    never corrected), without their blank lines."""
    return [
        "\n".join(x for x in path.read_text(encoding="utf-8").splitlines() if x.strip())
        for folder in folders
        for path in sorted(folder.glob("*.txt"))
    ]


def read_pages(paths: list[Path]) -> tuple[list[str], list[str]]:
    """The sentences of the page-like TSV files, split in two halves by their MD5's parity."""
    fitted: list[str] = []
    held: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            sentence = line.split("\t")[0]
            if sentence:
                even = hashlib.md5(sentence.encode()).digest()[-1] % 2 == 0
                (fitted if even else held).append(sentence)
    return fitted, held


def solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems here are about 12 × 12)."""
    n = len(vector)
    a = [[*row, vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[col][col]:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][n] / a[i][i] for i in range(n)]


def fit(
    xs: list[tuple[float, ...]], ys: list[int], ws: list[float], l2: float = 1.0
) -> list[float]:
    """Logistic regression (one weight per example) by Newton's method; returns
    [bias, *weights]."""
    rows = [(1.0, *x) for x in xs]
    k = len(rows[0])
    w = [0.0] * k
    for _ in range(25):
        grad = [-l2 * wi if i else 0.0 for i, wi in enumerate(w)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(k)] for i in range(k)]
        for x, y, weight in zip(rows, ys, ws, strict=True):
            z = max(-60.0, min(60.0, sum(wi * xi for wi, xi in zip(w, x, strict=True))))
            p = 1.0 / (1.0 + math.exp(-z))
            d = weight * p * (1 - p)
            for i in range(k):
                grad[i] += weight * (y - p) * x[i]
                hi = hess[i]
                dxi = d * x[i]
                for j in range(k):
                    hi[j] += dxi * x[j]
        step = solve(hess, grad)
        w = [wi + si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--clean-dev", type=Path, action="append", required=True)
    parser.add_argument("--clean-test", type=Path, action="append", default=[])
    parser.add_argument("--pages", type=Path, action="append", default=[])
    parser.add_argument("--pages-weight", type=float, default=10.0)
    parser.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.85,0.9,0.93,0.95,0.97")
    parser.add_argument("--show", type=float, help="list clean-text alarms above this score")
    parser.add_argument("--keep-weights", action="store_true", help="measure, do not fit")
    args = parser.parse_args(argv)
    scanner = wording_guard.Scanner()
    (data,) = scanner.compiled.kind_data["statistical"]
    finder = StatisticalFinder([data], scanner.context.segmenter, Models(cache_dir()))

    def judge(texts: list[str]) -> list[list[Judgement]]:
        return [list(finder.judgements(data, text)) for text in texts]

    rows = read_train(args.train)
    train = judge([r[2] for r in rows])
    dev_text = read_clean(args.clean_dev)
    dev = judge(dev_text)
    test_text = read_clean(args.clean_test)
    test = judge(test_text)
    pages_fit, pages_held = read_pages(args.pages)
    pages_fitted, pages_test = judge(pages_fit), judge(pages_held)
    # (features, label, weight) of every proposal: a positive only on a wrong character
    examples = [
        (j.features, int(j.position in wrong), 1.0)
        for (_, wrong, _), found in zip(rows, train, strict=True)
        for j in found
    ]
    examples += [(j.features, 0, 1.0) for found in dev for j in found]
    examples += [(j.features, 0, args.pages_weight) for found in pages_fitted for j in found]
    xs = [x for x, _, _ in examples]
    ys = [y for _, y, _ in examples]
    ws = [weight for _, _, weight in examples]
    w = [data.bias, *data.weights] if args.keep_weights else fit(xs, ys, ws)
    print(f"{sum(ys)} positive and {len(ys) - sum(ys)} negative proposals\n")
    print("weights (the rule's own):" if args.keep_weights else "weights:")
    print(f"  bias: {w[0]:.3f}")
    for name, value in zip(FEATURES, w[1:], strict=True):
        print(f"  {name}: {value:.3f}")

    def score(j: Judgement) -> float:
        z = w[0] + sum(a * b for a, b in zip(w[1:], j.features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    errors = sum(len(r[1]) for r in rows)
    dev_chars = sum(map(len, dev_text)) or 1
    test_chars = sum(map(len, test_text)) or 1
    print(
        f"\ntuning set: {len(rows)} sentences, {errors} wrong characters; clean dev "
        f"{dev_chars:,} characters, clean test {sum(map(len, test_text)):,}; pages "
        f"{len(pages_fit)} fitted + {len(pages_held)} held-out sentences\n"
    )
    print(
        "| threshold | sent. P | sent. R | char P | char R | dev alarms / 100 k "
        "| test alarms / 100 k | pages fitted: sentences flagged | pages held out |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for threshold in (float(x) for x in args.thresholds.split(",")):
        tp = fp = fn = hit = miss = 0
        for (bad, wrong, _), found in zip(rows, train, strict=True):
            flagged = [j for j in found if score(j) > threshold]
            tp += bool(flagged) and bad
            fp += bool(flagged) and not bad
            fn += not flagged and bad
            hit += sum(j.position in wrong for j in flagged)
            miss += sum(j.position not in wrong for j in flagged)
        dev_alarms = sum(score(j) > threshold for found in dev for j in found)
        test_alarms = sum(score(j) > threshold for found in test for j in found)
        pages_flags = [
            sum(any(score(j) > threshold for j in found) for found in half)
            for half in (pages_fitted, pages_test)
        ]
        print(
            f"| {threshold:g} | {tp / max(1, tp + fp):.3f} | {tp / (tp + fn):.3f} "
            f"| {hit / max(1, hit + miss):.3f} | {hit / errors:.3f} "
            f"| {dev_alarms / dev_chars * 1e5:.1f} | {test_alarms / test_chars * 1e5:.1f} "
            f"| {pages_flags[0]} / {len(pages_fit)} | {pages_flags[1]} / {len(pages_held)} |"
        )
    if args.show is not None:
        for label, texts, judged in (("dev", dev_text, dev), ("test", test_text, test)):
            for text, found in zip(texts, judged, strict=True):
                for j in found:
                    if score(j) > args.show:
                        context = text[max(0, j.start - 8) : j.end + 8]
                        print(
                            f"{label} {score(j):.3f} {context}  {text[j.start : j.end]} → "
                            f"{j.suggestion}",
                            file=sys.stderr,
                        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
