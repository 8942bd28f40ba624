"""Fit the weights and choose the thresholds of the homophone kind (typo.word_homophones).

    python benchmarks/homophone_tuning.py --train odw.train [--negatives FILE ...]
        [--measure FILE ...]

``--train``: ECSpell-format lines (``<wrong count>\\t<source>\\t<target>``), e.g. ECSpell's
odw.train (MIT, github aopolin-lv/ECSpell; not shipped here). Never pass the benchmark's
odw.test. ``--negatives``: plain text, one sentence or paragraph a line, all correct: every
correction the kind weighs there is a negative (fitted on). ``--measure``: more correct text,
used only to report false alarms (never fitted). Nothing is read by default.

The examples are the kind's own judgements (``HomophoneFinder.judgements``: every correction
weighed, with the features the scanner scores, including those its word-pair gate drops:
they are fitted on, so that the weights see more of the negatives, but never counted as
flags, as the scanner never reports them): on a train sentence, a correction of a
word whose characters the target replaces by that correction is a positive, any other one a
negative; every judgement on the ``--negatives`` is a negative. A logistic regression
(Newton's method, light L2, on standardised features, folded back into plain weights and a
bias as the rule file holds them) gives the weights. The table shows, per threshold, the
errors caught and the false flags on the train sentences by cross-validation over sentences,
and false alarms per 100,000 Chinese characters of each ``--negatives`` (fitted on, so
optimistic) and ``--measure`` file under the weights fitted on everything. As in the scanner,
a word with several passing corrections is flagged with the one of the best gain. Paste the
weights into lexicons/typo/word_homophones.yaml and pick the thresholds: strict = no false
alarm on real pages, loose = a few.

When the rule has ``seamless_weights``, the corrections weighed without a seam
(``Judgement.seamless``) get weights of their own, fitted on those judgements only (printed
as ``seamless_weights``). ``--keep-weights``: the other corrections keep the rule's shipped
``weights`` (fitted with page files no longer kept, see benchmarks/data/page_corpus) instead
of being refitted.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from typo_tuning import fit  # the same regression (this script's folder is on the path)

import wording_guard
from wording_guard.charmodel import is_han
from wording_guard.kinds.homophone import FEATURES, HomophoneFinder, Judgement

Row = tuple[Judgement, int]  # a judgement and its label (1: the target's correction)


def read_train(path: Path) -> list[tuple[str, str]]:
    """The (source, target) pairs of equal length (a homophone slip keeps the length)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            _, source, target = line.split("\t")
            if len(source) == len(target):
                pairs.append((source, target))
    return pairs


def read_lines(path: Path) -> list[str]:
    return [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def han_chars(lines: list[str]) -> int:
    return sum(map(is_han, "".join(lines)))


def standardised_fit(rows: list[Row], l2: float) -> list[float]:
    """[bias, *weights] of plain features, fitted on standardised ones (so that the L2
    penalty weighs every feature alike whatever its scale)."""
    k = len(FEATURES)
    n = len(rows)
    mean = [sum(j.features[i] for j, _ in rows) / n for i in range(k)]
    sd = [
        math.sqrt(sum((j.features[i] - mean[i]) ** 2 for j, _ in rows) / n) or 1.0 for i in range(k)
    ]
    xs = [tuple((x - m) / s for x, m, s in zip(j.features, mean, sd, strict=True)) for j, _ in rows]
    w = fit(xs, [y for _, y in rows], [1.0] * n, l2)
    weights = [wi / s for wi, s in zip(w[1:], sd, strict=True)]
    return [w[0] - sum(wi * m for wi, m in zip(weights, mean, strict=True)), *weights]


Weights = dict[bool, list[float]]  # per Judgement.seamless: [bias, *weights]


def probability(ws: Weights, j: Judgement) -> float:
    w = ws[j.seamless]
    z = w[0] + sum(a * b for a, b in zip(w[1:], j.features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


def fit_weights(rows: list[Row], l2: float, kept: list[float] | None) -> Weights:
    """The weights of the corrections weighed at a seam (``kept``: given) and of those
    weighed without one, each fitted on its own judgements."""
    ws: Weights = {}
    for seamless in (False, True):
        part = [row for row in rows if row[0].seamless == seamless]
        if not seamless and kept is not None:
            ws[seamless] = kept
        elif part:
            ws[seamless] = standardised_fit(part, l2)
        else:
            ws[seamless] = [-60.0] + [0.0] * len(FEATURES)
    return ws


def flagged(w: Weights, rows: list[Row], threshold: float) -> list[Row]:
    """The flags in one text: per word, the passing correction of the best gain (of those
    past the kind's word-pair gate, as the scanner reports)."""
    best: dict[int, Row] = {}
    for row in rows:
        j = row[0]
        if (
            j.kept
            and probability(w, j) > threshold
            and (j.start not in best or j.gain > best[j.start][0].gain)
        ):
            best[j.start] = row
    return list(best.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--negatives", type=Path, action="append", default=[])
    parser.add_argument("--measure", type=Path, action="append", default=[])
    parser.add_argument("--thresholds", default="0.5,0.6,0.7,0.8,0.9,0.95,0.97,0.98,0.99")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--show", type=float, help="list alarms on the text files above this")
    parser.add_argument("--keep-weights", action="store_true", help="fit the seamless only")
    args = parser.parse_args(argv)
    thresholds = [float(x) for x in args.thresholds.split(",")]
    scanner = wording_guard.Scanner()
    (data,) = scanner.compiled.kind_data["homophone"]
    finder = next(f for f, _ in scanner._finders if isinstance(f, HomophoneFinder))
    kept = [data.bias, *data.weights] if args.keep_weights else None

    pairs = read_train(args.train)
    train: list[list[Row]] = [
        [
            (j, int(j.correction == target[j.start : j.start + 2] != j.word))
            for j in finder.judgements(data, source)
        ]
        for source, target in pairs
    ]
    files = {
        path: (fitted, lines, [[(j, 0) for j in finder.judgements(data, x)] for x in lines])
        for fitted, paths in ((True, args.negatives), (False, args.measure))
        for path in paths
        for lines in (read_lines(path),)
    }
    negatives = [row for path in args.negatives for rows in files[path][2] for row in rows]
    train_rows = [row for rows in train for row in rows]
    positives = sum(y for _, y in train_rows)
    print(
        f"train: {len(pairs)} sentences, {len(train_rows)} judgements ({positives} positive); "
        f"negatives files: {len(negatives)} judgements\n"
    )

    # cross-validated over the train sentences (the negatives files are in every fold's fit)
    caught = {t: 0 for t in thresholds}
    false = {t: 0 for t in thresholds}
    for fold in range(args.folds):
        held = [rows for i, rows in enumerate(train) if i % args.folds == fold]
        fitted_rows = [
            row for i, rows in enumerate(train) if i % args.folds != fold for row in rows
        ]
        w = fit_weights(fitted_rows + negatives, args.l2, kept)
        for t in thresholds:
            for rows in held:
                flags = flagged(w, rows, t)
                caught[t] += sum(y for _, y in flags)
                false[t] += sum(1 - y for _, y in flags)

    w = fit_weights(train_rows + negatives, args.l2, kept)
    print(
        "train: cross-validated over sentences; text files: false alarms (per 100,000 Chinese "
        "characters) under the weights fitted on everything (optimistic on fitted files)\n"
    )
    header = ["threshold", f"train CV caught (of {positives})", "train CV false"]
    for path, (fitted, lines, _) in files.items():
        kind = "fitted" if fitted else "held out"
        header.append(f"{path.name} ({kind}, {han_chars(lines):,} chars)")
    print("| " + " | ".join(header) + " |")
    print("|" + "---:|" * len(header))
    for t in thresholds:
        cells = [f"{t:g}", str(caught[t]), str(false[t])]
        for lines, judged in ((lines, judged) for _, lines, judged in files.values()):
            alarms = sum(len(flagged(w, rows, t)) for rows in judged)
            cells.append(f"{alarms} ({alarms / max(1, han_chars(lines)) * 1e5:.2f})")
        print("| " + " | ".join(cells) + " |")

    full = {t: flagged_count(w, train, t) for t in thresholds}
    print(
        "\nfitted on everything, train caught/false: "
        + ", ".join(f"{t:g}: {c}/{f}" for t, (c, f) in full.items())
    )
    seamless_rows = [row for row in train_rows + negatives if row[0].seamless]
    print(
        f"(weighed without a seam: {len(seamless_rows)} judgements, "
        f"{sum(y for _, y in seamless_rows)} positive)"
    )
    for seamless, name in ((False, "weights"), (True, "seamless_weights")):
        own = " (the rule's own)" if kept and not seamless else ""
        print(f"\n{name}{own}:")
        print(f"  bias: {w[seamless][0]:.4f}")
        for feature, value in zip(FEATURES, w[seamless][1:], strict=True):
            print(f"  {feature}: {value:.4f}")

    if args.show is not None:
        texts = [(s, rows) for (s, _), rows in zip(pairs, train, strict=True)]
        texts += [x for _, lines, judged in files.values() for x in zip(lines, judged, strict=True)]
        for text, rows in texts:
            for j, y in flagged(w, rows, args.show):
                if not y:
                    context = text[max(0, j.start - 8) : j.start + 10]
                    p = probability(w, j)
                    seamless = " seamless" if j.seamless else ""
                    line = f"{p:.3f}{seamless} {context}  {j.word} → {j.correction}"
                    print(line, file=sys.stderr)
    return 0


def flagged_count(w: list[float], train: list[list[Row]], t: float) -> tuple[int, int]:
    flags = [y for rows in train for _, y in flagged(w, rows, t)]
    return sum(flags), len(flags) - sum(flags)


if __name__ == "__main__":
    raise SystemExit(main())
