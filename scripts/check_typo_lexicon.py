"""Check the typo lexicons (lexicons/typo/*.yaml) against a dictionary and real text.

For every wrong form of every entry:

1. it must not be a word of jieba's dictionary (jieba/dict.txt). jieba lists a number of
   misspellings with a tiny frequency (再接再励 3, 布署 2); such an entry is accepted only
   when its ``note`` mentions "jieba", i.e. a maintainer looked and decided it is only ever
   a misspelling. The non-recommended forms of typo.variant_forms are variant words by
   definition, so jieba lists most of them: there this is only a warning;
2. it must not occur in the real government corpus (``--corpus``) unless the
   entry's context conditions drop every occurrence (the scanner is asked, so ``unless`` /
   ``when`` / ``valid_to`` / ``boundary`` are honoured). A hit that is a real typo of the
   corpus itself (the corpus was transcribed by hand) is accepted when the entry's ``note``
   says so (mentions "语料"). Occurrences in ECSpell's policy titles are shown as warnings;
3. its correct form should be a jieba word or idiom (a warning otherwise: check by hand).

It also shows, as information, how often ECSpell's odw.train corrects the wrong form (never
odw.test: that set is the benchmark we report).

Both data folders are required arguments, since the check is only as good as the data it
reads: ``--corpus DIR`` is the full corpus of real government texts (``.txt`` files named
like those in benchmarks/corpus/, whose SOURCES.md says where they come from; that folder is
only a subset), ``--ecspell DIR`` a folder with ECSpell's policy_titles.txt,
gongwen_vocab.txt and odw.train (github aopolin-lv/ECSpell: csc_evaluation/data/wordlist/
政策法规标题.txt, Data/vocab/公文写作.txt, Data/domains_data/odw.train).

    python scripts/check_typo_lexicon.py --corpus C --ecspell E       # all typo rules;
                                                                      # exit 1 on failures
    python scripts/check_typo_lexicon.py --corpus C --ecspell E -v    # also list warnings
                                                                      # and corpus contexts
    python scripts/check_typo_lexicon.py --corpus C --ecspell E --pairs F
        # screen candidate "wrong<TAB>correct" lines before they become entries
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LEXICON_DIR = ROOT / "lexicons" / "typo"
# files read from the --ecspell folder
ECSPELL_FILES = ("policy_titles.txt", "gongwen_vocab.txt", "odw.train")
# rules whose wrong forms are variant words (异形词), not misspellings
VARIANT_RULES = {"typo.variant_forms"}


@dataclass
class Item:
    rule: str
    wrong: str
    correct: list[str]
    note: str = ""
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)


def jieba_dict() -> dict[str, int]:
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, int] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                words[parts[0]] = int(parts[1])
    return words


def load_items(paths: list[Path]) -> list[Item]:
    items: list[Item] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("kind") != "replace":
            continue
        for entry in data["entries"]:
            wrongs = entry["wrong"] if isinstance(entry["wrong"], list) else [entry["wrong"]]
            corrects = (
                entry["correct"] if isinstance(entry["correct"], list) else [entry["correct"]]
            )
            for w in wrongs:
                items.append(Item(data["id"], w, corrects, entry.get("note") or ""))
    return items


def load_pairs(path: Path) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        items.append(Item("candidate", parts[0], [parts[1]], parts[2] if len(parts) > 2 else ""))
    return items


def doc_date(path: Path) -> dt.date | None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus_findings import doc_date as _doc_date  # type: ignore[import-not-found]

    return _doc_date(path)


def contexts(text: str, word: str, width: int = 10) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(re.escape(word), text):
        snippet = text[max(0, m.start() - width) : m.end() + width]
        out.append((m.start(), snippet.replace("\n", " ")))
    return out


def check(items: list[Item], scan_corpus: bool, corpus: Path, ecspell: Path) -> None:
    words = jieba_dict()
    docs = [(p, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))]
    titles = (ecspell / "policy_titles.txt").read_text(encoding="utf-8")
    vocab = set((ecspell / "gongwen_vocab.txt").read_text(encoding="utf-8").split())

    # findings of the typo rules on the corpus, keyed by (file, start, text)
    reported: set[tuple[str, int, str]] = set()
    if scan_corpus:
        import wording_guard

        for path, text in docs:
            for f in wording_guard.scan(text, date=doc_date(path)):
                if f.rule_id.startswith("typo."):
                    reported.add((path.name, f.start, f.text))

    # odw.train: how often the wrong form is corrected there
    corrected: Counter[str] = Counter()
    train = (ecspell / "odw.train").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in train]
    pairs = [(p[1], p[2]) for p in pairs if len(p) == 3 and p[0] != "0"]

    for item in items:
        w = item.wrong
        if w in words:
            msg = f"jieba dict lists '{w}' (freq {words[w]})"
            if "jieba" in item.note or item.rule in VARIANT_RULES:
                item.warnings.append(msg + "; acknowledged in note")
            else:
                item.problems.append(msg)
        for c in item.correct:
            if w in c:
                item.problems.append(f"wrong form '{w}' is inside its correct form '{c}'")
            if c not in words and c not in vocab:
                item.warnings.append(f"correct form '{c}' is not a jieba word: check by hand")
        for path, text in docs:
            for start, ctx in contexts(text, w):
                if not scan_corpus:
                    item.problems.append(f"corpus {path.name}: …{ctx}…")
                elif (path.name, start, w) in reported:
                    msg = f"corpus {path.name} (reported): …{ctx}…"
                    if "语料" in item.note and path.name in item.note:
                        item.warnings.append(msg + "; a real typo of the corpus (see note)")
                    else:
                        item.problems.append(msg)
                else:
                    item.warnings.append(f"corpus {path.name} (dropped by context): …{ctx}…")
        for _start, ctx in contexts(titles, w, 8)[:3]:
            item.warnings.append(f"policy_titles: …{ctx}…")
        if w in vocab:
            item.problems.append("listed in ECSpell's 公文 phrase vocabulary")
        for src, tgt in pairs:
            if w in src and w not in tgt:
                corrected[w] += 1
        if corrected[w]:
            item.info.append(f"odw.train corrects it {corrected[w]}×")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder with the real government corpus (.txt files, e.g. gwr_2024.txt)",
    )
    parser.add_argument(
        "--ecspell",
        type=Path,
        required=True,
        metavar="DIR",
        help=f"folder with ECSpell's {', '.join(ECSPELL_FILES)}",
    )
    parser.add_argument("--pairs", type=Path, help="screen candidate pairs (TSV) instead")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if not any(args.corpus.glob("*.txt")):
        parser.error(f"--corpus: no .txt files in {args.corpus}")
    missing = [name for name in ECSPELL_FILES if not (args.ecspell / name).is_file()]
    if missing:
        parser.error(f"--ecspell: {args.ecspell} lacks {', '.join(missing)}")
    paths = sorted(LEXICON_DIR.glob("*.yaml"))
    items = load_pairs(args.pairs) if args.pairs else load_items(paths)
    seen: dict[str, str] = {}
    for item in items:
        if item.wrong in seen:
            item.problems.append(f"duplicate wrong form (also in {seen[item.wrong]})")
        seen.setdefault(item.wrong, item.rule)
    check(items, scan_corpus=not args.pairs, corpus=args.corpus, ecspell=args.ecspell)
    failed = 0
    per_rule: dict[str, int] = defaultdict(int)
    for item in items:
        per_rule[item.rule] += 1
        if item.problems:
            failed += 1
        if item.problems or (args.verbose and (item.warnings or item.info)):
            print(f"{item.rule}: {item.wrong} -> {'/'.join(item.correct)}")
            for p in item.problems:
                print(f"    FAIL {p}")
            if args.verbose:
                for wmsg in item.warnings:
                    print(f"    warn {wmsg}")
                for i in item.info:
                    print(f"    info {i}")
    for rule, n in sorted(per_rule.items()):
        print(f"{rule}: {n} wrong forms")
    print(f"{len(items)} wrong forms checked, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
