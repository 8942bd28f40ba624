"""Build lexicons/_data/reduplication_slips.tsv: four-character idioms and set phrases with a
doubled character (莘莘学子, 谆谆教诲, 孜孜不倦, 兢兢业业) written with both characters of the
double replaced by one confusable character (辛辛学子, 淳淳教诲), for the ``slips`` rule
lexicons/typo/idiom_misspellings.yaml.

    python scripts/build_reduplication_slips.py CORPUS_FILE... [--min-freq 10]

A double is typed as one syllable twice, so an input method's wrong pick is made twice: the
idiom kind (first and last character) and the one-character slip lists never see it. Steps:

1. the phrases: four-character words of jieba's dictionary (MIT) made of Chinese characters,
   listed at least ``--min-freq`` times, holding two equal neighbouring characters, that are
   idioms or set phrases (tagged ``i`` or ``l``, or in ``lexicons/_data/idioms.txt``) or that
   that begin with the double and that the corpus files hold at least ``--min-count``
   times (jieba tags 莘莘学子 as a name; 税收收入 is two words);
2. their variants: the doubled character replaced, in both places, by one of its tight
   confusables (same pinyin and tone, or a shape a stroke or two away: ``nearmiss.Tables``),
   or by a character that shares a reading (with its tone, any of its readings: pypinyin)
   and a part with it, or is its part (``lexicons/_model/char_parts.tsv``: 莘 holds 辛 and
   reads xīn as 辛 does; 谆 and 淳 share 享 and zhūn); numerals are never put in;
3. dropped: a variant that is a dictionary word, that two phrases make, that the scanner
   folds into the phrase itself (a traditional form: 諄諄教诲), or that occurs
   anywhere in the corpus files (clean
   published official text: the government work reports and 新闻联播 transcripts of the
   project's research data, as for scripts/build_common_word_slips.py). A variant another
   rule lists is left to that rule by the ``slips`` kind itself.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from corpus_text import read_text, write_slips  # noqa: E402
from pypinyin import Style, pinyin  # noqa: E402

from wording_guard import nearmiss  # noqa: E402
from wording_guard.normalize import Normalizer, build_fold_table  # noqa: E402

DATA = ROOT / "lexicons" / "_data"
OUT = DATA / "reduplication_slips.tsv"
IDIOMS = DATA / "idioms.txt"
PARTS = ROOT / "lexicons" / "_model" / "char_parts.tsv"
_FOUR_HAN = re.compile(r"[\u4e00-\u9fff]{4}")


def _readings(ch: str) -> set[str]:
    return set(pinyin(ch, heteronym=True, style=Style.TONE3)[0])


def _part_homophones() -> dict[str, str]:
    """Each character of char_parts.tsv -> the characters that share a toned reading and a
    part with it, or are its part, or hold it as a part."""
    parts: dict[str, set[str]] = {}
    for line in PARTS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ch, cut = line.split("\t")[:2]
            parts[ch] = set(cut)
    holders: dict[str, set[str]] = collections.defaultdict(set)
    for ch, these in parts.items():
        for part in these:
            holders[part].add(ch)
    found: dict[str, str] = {}
    for ch, these in parts.items():
        near = set().union(*(holders[p] for p in these)) | these | holders.get(ch, set())
        near.discard(ch)
        readings = _readings(ch)
        same = "".join(sorted(y for y in near if readings & _readings(y)))
        if same:
            found[ch] = same
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="clean official text files")
    parser.add_argument("--min-freq", type=int, default=10)
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for path in args.corpus:
        if not path.is_file():
            parser.error(f"no such file: {path}")
    entries = {w: (n, tag) for w, n, tag in nearmiss.jieba_entries()}
    idioms = {
        line.strip()
        for line in IDIOMS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    text = "\n".join(read_text(path) for path in args.corpus)
    joined = re.sub(r"\s+", "", text)
    phrases = sorted(
        w
        for w, (n, tag) in entries.items()
        if _FOUR_HAN.fullmatch(w)
        and n >= args.min_freq
        and any(w[k] == w[k + 1] for k in range(3))
        and (w in idioms or tag in ("i", "l") or (w[0] == w[1] and text.count(w) >= args.min_count))
    )
    tables = nearmiss.shipped_tables()
    part_homophones = _part_homophones()
    made: dict[str, set[str]] = collections.defaultdict(set)
    for phrase in phrases:
        for k in range(3):
            x = phrase[k]
            if x != phrase[k + 1]:
                continue
            for y in tables.confusables(x, tight_only=True) + part_homophones.get(x, ""):
                if y == x or y in nearmiss.NUMERALS:
                    continue
                made[phrase.replace(x + x, y + y, 1)].add(phrase)
    # the scanner folds a traditional form into its simplified one (諄 → 谆): such a variant
    # is the phrase itself
    fold = Normalizer(build_fold_table()).term
    kept = {
        v: next(iter(ps))
        for v, ps in made.items()
        if len(ps) == 1
        and fold(v) != fold(next(iter(ps)))
        and v not in entries
        and v not in text
        and v not in joined
    }
    header = [
        "# Four-character idioms and set phrases with a doubled character, written with both",
        "# characters of the double replaced by one tight confusable: wrong<TAB>correct.",
        f"# Generated by scripts/build_reduplication_slips.py (see its docstring); {len(phrases)}",
        f"# phrases of jieba's dictionary (MIT) listed at least {args.min_freq} times.",
    ]
    write_slips(args.out, header, kept)
    print(f"{len(phrases)} phrases, {len(made)} variants, {len(kept)} kept → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
