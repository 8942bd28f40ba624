"""Build lexicons/_data/conversion_slips.tsv: words of standard simplified text written with
the other character of a pair that simplified↔traditional conversion merges (乾隆 → 干隆,
著作权 → 着作权, 覆盖 → 复盖), for the ``slips`` kind.

    python scripts/build_conversion_slips.py CORPUS_FILE... [--min-count 2]

The pairs: two characters that are both standard simplified characters (GB 2312) and that
OpenCC's conversion tables map onto each other: a traditional text writes 乾 for both 干 (干燥
← 乾燥) and 乾 (乾隆), 覆 for both 复 (反复 ← 反覆) and 覆 (覆盖), 著 for both 着 (看着 ←
看著, Taiwan's standard) and 著 (著作). A page converted or typed from traditional text, or
simplified too far, writes the wrong one of the pair; since both characters are ordinary
simplified ones, no fold and no dictionary flags it. ``PAIRS`` lists the pairs kept from
OpenCC 1.1's STCharacters, TSCharacters and TWVariants (``opencc_dict -i X.ocd2 -t text``):
those whose characters are exact conversion partners, not the variants (仝/同, 坂/阪 …) those
tables hold too.

Steps, each a filter against real text, since a generated slip that is real text would be a
false alarm:

1. the words: two- to four-character words of jieba's dictionary with a character of a
   pair, not listed in ``lexicons/_data/idioms.txt`` (the idiom kind judges idioms), seen at
   least ``--min-count`` times in the corpus (a two-character one also ``JIEBA_WORD`` times
   in jieba's own counts: 被覆 is mostly 被|覆盖), or ``JIEBA_COMMON`` times in jieba's
   (乾隆, rare in official text);
2. their variants: the first character of a pair (the one a traditional text writes for
   both) replaced by its partner: 乾隆 → 干隆 is wrong in any script, while 之後 for 之后
   is right in a traditional text;
3. dropped: a variant that two words make (ambiguous), that is a dictionary word jieba
   counts more than ``JIEBA_NOISE`` times (jieba holds a few slips of conversion, 着作权,
   陷井, at its floor count 3), or that occurs anywhere in the corpus where it is not part of
   a longer dictionary word (彰显着 is 彰显 and 着: 显着 there is no slip).
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from corpus_text import corpus_arguments, write_slips  # noqa: E402

from wording_guard import nearmiss  # noqa: E402

OUT = ROOT / "lexicons" / "_data" / "conversion_slips.tsv"
IDIOMS = ROOT / "lexicons" / "_data" / "idioms.txt"

PAIRS_FILE = ROOT / "lexicons" / "_data" / "conversion_pairs.tsv"
JIEBA_COMMON = 1000
JIEBA_WORD = 100
JIEBA_NOISE = 3


def _counts(words: list[str], text: str) -> collections.Counter[str]:
    import daachorse

    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(words)
    return collections.Counter(words[i] for _, _, i in automaton.find_overlapping(text))


def _loose_counts(
    variants: list[str], text: str, longer: dict[str, list[str]]
) -> collections.Counter[str]:
    """How often each variant occurs in ``text`` outside the longer dictionary words that
    hold it (显着 inside 彰显着 does not count)."""
    import daachorse

    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(variants)
    out: collections.Counter[str] = collections.Counter()
    for start, _, i in automaton.find_overlapping(text):
        variant = variants[i]
        inside = False
        for word in longer.get(variant, ()):
            at = word.find(variant)
            while at >= 0 and not inside:
                lo = start - at
                inside = text[lo : lo + len(word)] == word
                at = word.find(variant, at + 1)
            if inside:
                break
        if not inside:
            out[variant] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    args, text = corpus_arguments(argv, __doc__ or "", min_count=2, out=OUT)

    # only the character a traditional text would write is replaced: a simplified page that
    # writes 干 for 乾 (干隆) is wrong on any page, one that writes 後 for 后 is right on a
    # traditional one (the traditional kind judges those)
    partner = dict(
        line.split("\t")
        for line in PAIRS_FILE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    jieba = {w: count for w, count, _ in nearmiss.jieba_entries()}
    idioms = {
        line.strip()
        for line in IDIOMS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    shaped = [
        w
        for w in jieba
        if 2 <= len(w) <= 4
        and all("\u4e00" <= c <= "\u9fff" for c in w)
        and any(c in partner for c in w)
        and w not in idioms
    ]
    counts = _counts(shaped, text)
    words = sorted(
        w
        for w in shaped
        if (counts[w] >= args.min_count and (len(w) > 2 or jieba[w] >= JIEBA_WORD))
        or jieba[w] >= JIEBA_COMMON
    )
    made: dict[str, set[str]] = collections.defaultdict(set)
    for word in words:
        for at, c in enumerate(word):
            if c in partner:
                made[word[:at] + partner[c] + word[at + 1 :]].add(word)
    kept = {
        v: next(iter(ws))
        for v, ws in made.items()
        if len(ws) == 1 and jieba.get(v, 0) <= JIEBA_NOISE
    }
    # dictionary words of 3-5 characters that hold a variant: where the corpus shows one, the
    # variant is part of it
    longer: dict[str, list[str]] = collections.defaultdict(list)
    for w in jieba:
        if len(w) > 2:
            for n in (2, 3, 4):
                for at in range(len(w) - n + 1):
                    if w[at : at + n] in kept and w != w[at : at + n]:
                        longer[w[at : at + n]].append(w)
    seen = _loose_counts(sorted(kept), text, longer)
    kept = {v: w for v, w in kept.items() if not seen[v]}

    lines = [
        "# Words of standard simplified text written with the other character of a pair",
        "# that simplified-traditional conversion merges: wrong<TAB>correct. Generated by",
        "# scripts/build_conversion_slips.py (see its docstring) from jieba's dictionary (MIT),",
        f"# OpenCC's tables and a corpus; {len(words)} words with a character of a pair.",
    ]
    write_slips(args.out, lines, kept)
    print(f"{len(words)} words, {len(made)} variants, {len(kept)} kept → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
