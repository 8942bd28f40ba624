"""Build lexicons/_data/common_word_slips.tsv: frequent words of official text written with one
character replaced by a confusable one (税务总局 → 水务总局), for the ``slips`` kind.

    python scripts/build_common_word_slips.py CORPUS_FILE... [--min-count 20]

CORPUS_FILE: plain UTF-8 text (``.gz`` read as gzip) of clean published official Chinese;
the shipped list was built from the government work reports and Party congress reports of
the project's data (the same texts as benchmarks/corpus, and more) and the 新闻联播
transcripts of 2022-2026 (about 15 million characters in all). The text itself is never
shipped, only the list.

Steps, each a filter against real text, since a generated slip that is real text would be a
false alarm:

1. the words: three- and four-character words of jieba's dictionary made only of Chinese
   characters, not tagged as a person's name nor listed in ``lexicons/_data/idioms.txt``
   (the idiom kind's: it judges their slips in context), seen at least ``--min-count``
   times in the corpus;
2. their variants: one character replaced by one of its tight confusables (same pinyin and
   tone, or a shape a stroke or two away: what an input method or a slip of the eye gives
   most often; ``nearmiss.Tables``, as the protected kind uses them; numerals are never
   touched). The looser sets (other tones, looser shapes) would double the list for half
   as many more errors caught on ECSpell odw.train;
3. dropped: a variant that is a dictionary word, that two words make (ambiguous), that
   ``nearmiss.real_words`` finds ordinary text (a likely junction of words), or that occurs
   anywhere in the corpus.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from wording_guard import nearmiss  # noqa: E402
from wording_guard.lexicon.paths import shipped_lexicon_dir  # noqa: E402
from wording_guard.normalize import Normalizer, build_fold_table  # noqa: E402
from wording_guard.segment import Segmenter  # noqa: E402

OUT = ROOT / "lexicons" / "_data" / "common_word_slips.tsv"
IDIOMS = ROOT / "lexicons" / "_data" / "idioms.txt"
_NAME_TAGS = ("nr",)


def _read(path: Path) -> str:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return f.read()
    return path.read_text(encoding="utf-8")


def _dictionary() -> list[tuple[str, str]]:
    """(word, tag) of jieba's dictionary."""
    out = []
    with open(nearmiss.jieba_dict_path(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                out.append((parts[0], parts[2]))
    return out


def _counts(words: list[str], text: str) -> collections.Counter[str]:
    import daachorse

    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(words)
    return collections.Counter(words[i] for _, _, i in automaton.find_overlapping(text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="clean official text files")
    parser.add_argument("--min-count", type=int, default=20)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for path in args.corpus:
        if not path.is_file():
            parser.error(f"{path}: no such file")
    text = "\n".join(_read(p) for p in args.corpus)

    dictionary = _dictionary()
    idioms = {
        line.strip()
        for line in IDIOMS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    shaped = [
        w
        for w, tag in dictionary
        if 3 <= len(w) <= 4
        and all("\u4e00" <= c <= "\u9fff" for c in w)
        and not tag.startswith(_NAME_TAGS)
        and w not in idioms
    ]
    counts = _counts(shaped, text)
    words = sorted(w for w in shaped if counts[w] >= args.min_count)

    tables = nearmiss.shipped_tables()
    segmenter = Segmenter()
    cut, is_word = segmenter.tokens, segmenter.lookup()
    made: dict[str, set[str]] = collections.defaultdict(set)
    for word in words:
        for variant in nearmiss.substitutions(word, tables):
            at = next(i for i, (a, b) in enumerate(zip(word, variant, strict=True)) if a != b)
            if variant[at] in tables.confusables(word[at], tight_only=True):
                made[variant].add(word)
    kept = {v: next(iter(ws)) for v, ws in made.items() if len(ws) == 1 and not is_word(v)}
    normalizer = Normalizer(build_fold_table())
    variants = nearmiss.Variants(tables, cut)
    # real_words judges every edit of the terms; only the substitutions kept here matter
    real = nearmiss.real_words(
        normalizer, [shipped_lexicon_dir()], tables, cut, terms=words, made=variants
    )
    kept = {v: w for v, w in kept.items() if v not in real}
    seen = _counts(sorted(kept), text)
    kept = {v: w for v, w in kept.items() if not seen[v]}

    lines = [
        "# Frequent words of official text with one character replaced by a confusable one:",
        "# wrong<TAB>correct. Generated by scripts/build_common_word_slips.py (see its",
        f"# docstring); {len(words)} words of jieba's dictionary (MIT) seen at least "
        f"{args.min_count} times",
        "# in government work reports, Party congress reports and 新闻联播 transcripts.",
    ]
    lines += [f"{v}\t{w}" for v, w in sorted(kept.items(), key=lambda item: (item[1], item[0]))]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} words, {len(made)} variants, {len(kept)} kept → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
