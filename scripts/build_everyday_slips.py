"""Build lexicons/_data/everyday_word_slips.tsv (three and four characters) and
everyday_pair_slips.tsv (two): everyday words of official text that the
corpus-counted lists of scripts/build_common_word_slips.py do not reach (体检, 跟踪, 保险公司,
营业执照: words of a department's notices more than of the reports, or words whose slips
that build's stricter filters drop), each with one character replaced by a confusable one
(体捡, 根踪, 保捡公司, 营业执赵), for the ``slips`` kind. Only the longer list ships:
the two-character one, enabled, added two false alarms on the held-out page-like
sentences (benchmarks/eval fresh and neg3) for one more error found, so it is written for
measuring, not listed in lexicons/typo/common_word_slips.yaml.

    python scripts/build_everyday_slips.py CORPUS_FILE... [--min-count 5]
        [--min-zipf 3.0] [--pair-min-zipf 3.0] [--pair-min-count 25] [--common-zipf 4.0]
        [--variant-zipf 2.0] [--variant-ratio 100] [--junction 1e-6]
        [--pair-junction 1e-8] [--looser component,shapes,homophones] [--out FILE]
        [--pairs-out FILE]

The shipped list: the corpus folder's ``*.txt`` files and ``corpus_lm/xwlb_2022_2026.txt.gz``
of the project's research data (about 15 million characters), as for
build_common_word_slips.py, with the defaults of every option. It needs the PyPI package
``wordfreq`` (3.1; its Chinese list is drawn from subtitles, Wikipedia, news and web text) at
build time only: ``pip install wordfreq``.

Steps, each a filter, since a generated string that is real text would be a false alarm:

1. the words: two- to four-character words of jieba's dictionary made only of Chinese
   characters, not tagged as names, not in the idiom list (the idiom kind's), holding no
   numeral (一方 → 一坊 is a place name, 十二个 → 十二人 a phrase), and common in general
   Chinese: a Zipf frequency in wordfreq of at least ``--min-zipf`` (three and four
   characters) or ``--pair-min-zipf`` (two). A longer word must be seen at least
   ``--min-count`` times in the corpus, or have a Zipf frequency of ``--common-zipf`` or
   more; a two-character word at least ``--pair-min-count`` times (the slips of one rare in
   official text hit names and products in real text: 佳世客 of 家世, 肺力咳 of 费力);
2. their variants: one character (never into a numeral) replaced by a tight confusable one
   (same pinyin and tone, or a shape a stroke or two away: ``nearmiss.Tables`` as shipped);
   in words of three and four characters also by the ``--looser`` build tables: characters
   sharing a part and a syllable (component_homophones.tsv), the loose shapes and the other
   tones of similar_shape.tsv and homophones.tsv. A variant two words make is dropped
   (ambiguous), and so is one that the shipped slip lists (common_word_slips.tsv,
   common_term_slips.tsv, common_pair_slips.tsv) or the idiom misspellings hold already;
3. dropped: a variant that is a word of jieba's dictionary; one that wordfreq lists with a
   Zipf frequency of ``--variant-zipf`` or more, or within ``--variant-ratio`` times its
   word's (负作用 is in wordfreq at 1.6 beside 副作用's 3.9: a misspelling its web text
   holds); a two-character variant inside a longer dictionary word (制夷 of 以夷制夷); one
   that two dictionary words would make side by side (the product of their shares of
   jieba's counts above ``--junction``, ``--pair-junction`` for two characters); one that
   reads as a name before a word (董市长 of 董事长: jieba tags 董 as a name); a longer one
   whose replaced character makes a dictionary word with its neighbours (当政机关: a word
   for a word is the homophone kind's to judge) or stands alone at an edge before or after
   one (委生物 in 发展改革委|生物); one whose replaced character with the characters
   before or after it may end or begin a longer dictionary word (众国政府 in 合众国|政府);
   and one that
   occurs anywhere in the corpus, also read across line breaks and as the scanner
   reads text, folded and without the characters it skips inside terms (智·向 reads 智向).

Tuned on ECSpell odw.train only (serious + improper sentences found, at the same false
alarms): before the filters against junctions, names and words inside, the tight sets alone
on 12,600 words (two characters at Zipf 3.5) found 23 more of its 993 error sentences, the
looser sets in the longer words and two-character words down to Zipf 3.0 35 more, and long
words down to Zipf 2.5 1-4 more for 60-80 % more variants. The filters were set on page-like
text that is no build input (the ECSpell policy titles and the law and medical targets, 193 k
characters: 14 false alarms, then 2, both 瘤体, a medical word jieba lacks); with them the
lists find 11 more odw.train sentences (the longer list's words inside, 懂事长 and 影业执照,
were about 10 of the others). At scan time the rule's hits must start and end on word
boundaries of their sentence (the kind's ``boundary``), so that a variant inside longer
words is not one.
"""

from __future__ import annotations

import collections
import importlib
import math
import re
import sys
from collections.abc import Mapping, Set
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from corpus_text import confusable_columns, corpus_arguments, write_slips  # noqa: E402

from wording_guard import nearmiss  # noqa: E402
from wording_guard.kinds.base import read_pairs  # noqa: E402
from wording_guard.normalize import NOISE_RUN, Normalizer, build_fold_table  # noqa: E402

DATA = ROOT / "lexicons" / "_data"
OUT = DATA / "everyday_word_slips.tsv"
PAIRS_OUT = DATA / "everyday_pair_slips.tsv"
IDIOMS = DATA / "idioms.txt"
SHIPPED = ("common_word_slips.tsv", "common_term_slips.tsv", "common_pair_slips.tsv")
IDIOM_SLIPS = "idiom_misspellings.tsv"
_NAME_TAGS = ("nr",)
_HAN = re.compile("^[\u4e00-\u9fff]{2,4}$")


def _wrong_forms(name: str) -> set[str]:
    return set(read_pairs(DATA / name))


def _seen(strings: list[str], text: str) -> set[str]:
    import daachorse

    if not strings:
        return set()
    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(strings)
    return {strings[i] for _, _, i in automaton.find_overlapping(text)}


def _counts(words: list[str], text: str) -> collections.Counter[str]:
    import daachorse

    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(words)
    return collections.Counter(words[i] for _, _, i in automaton.find_overlapping(text))


def _alone_at_edge(variant: str, word: str, listed: Mapping[str, int]) -> bool:
    """Whether the replaced character stands at an edge of a longer variant before or after
    a dictionary word: the rest is then a word and the character a neighbour's (发展改革委|
    生物 holds 委生物, a slip of 微生物; 促进|云计算 holds 促进云)."""
    if len(variant) < 3:
        return False
    if variant[0] != word[0]:
        return variant[1:] in listed
    return variant[-1] != word[-1] and variant[:-1] in listed


def _holds_word(variant: str, word: str, listed: Mapping[str, int]) -> bool:
    """Whether the replaced character makes a dictionary word with its neighbours inside a
    longer variant (当政机关 of 党政机关): a word written for another is the homophone kind's
    to judge in context, not a slip to list."""
    if len(variant) < 3:
        return False
    at = next(i for i, (a, b) in enumerate(zip(variant, word, strict=True)) if a != b)
    return any(
        variant[i:j] in listed
        for i in range(at + 1)
        for j in range(max(at + 1, i + 2), len(variant) + 1)
        if (i, j) != (0, len(variant))
    )


def _ends_another(variant: str, word: str, heads: Set[str], tails: Set[str]) -> bool:
    """Whether the variant's replaced character, with the characters before or after it,
    may finish or begin a longer dictionary word of the text around (合众国|政府 holds 众国政府,
    a slip of 中国政府; 众国 ends 合众国): read across a word boundary, no slip."""
    at = next(i for i, (a, b) in enumerate(zip(variant, word, strict=True)) if a != b)
    return any(variant[:j] in tails for j in range(max(2, at + 1), len(variant))) or any(
        variant[i:] in heads for i in range(1, min(at, len(variant) - 2) + 1)
    )


# the build tables --looser names: a shared part and syllable (component_homophones.tsv) and
# the loose columns of similar_shape.tsv and homophones.tsv
_LOOSER = {
    "component": ("component_homophones.tsv", 1),
    "shapes": (nearmiss.SHAPES_FILE, 2),
    "homophones": (nearmiss.HOMOPHONES_FILE, 2),
}


def main(argv: list[str] | None = None) -> int:
    args, text = corpus_arguments(
        argv,
        __doc__ or "",
        min_count=5,
        out=OUT,
        more=[
            ("--min-zipf", float, 3.0),
            ("--pair-min-zipf", float, 3.0),
            ("--pair-min-count", int, 25),
            ("--variant-zipf", float, 2.0),
            ("--variant-ratio", float, 100.0),
            ("--junction", float, 1e-6),
            ("--pair-junction", float, 1e-8),
            ("--common-zipf", float, 4.0),
            ("--looser", str, "component,shapes,homophones"),
            ("--pairs-out", Path, PAIRS_OUT),
        ],
    )
    wordfreq: Any = importlib.import_module("wordfreq")  # build-time only (see above)
    general = wordfreq.get_frequency_dict("zh")

    def zipf(word: str) -> float:
        found = general.get(word)
        return math.log10(found) + 9 if found else 0.0

    entries = list(nearmiss.jieba_entries())
    listed = {w: n for w, n, _ in entries}
    # single characters jieba tags as names: surnames (董, 王, 陈) and given-name characters
    name_chars = {w for w, _, tag in entries if len(w) == 1 and tag.startswith(_NAME_TAGS)}
    total = sum(listed.values())
    idioms = {
        line.strip()
        for line in IDIOMS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    shaped = sorted(
        {w for w, _, tag in entries if _HAN.match(w) and not tag.startswith(_NAME_TAGS)} - idioms
    )
    counts = _counts(shaped, text)
    words = [
        w
        for w in shaped
        if (
            counts[w] >= args.pair_min_count
            if len(w) == 2
            else counts[w] >= args.min_count or zipf(w) >= args.common_zipf
        )
        and zipf(w) >= (args.pair_min_zipf if len(w) == 2 else args.min_zipf)
        and not any(c in nearmiss.NUMERALS for c in w)
    ]

    tables = nearmiss.shipped_tables()
    looser = confusable_columns(
        [_LOOSER[name] for name in args.looser.split(",")] if args.looser else []
    )
    made: dict[str, set[str]] = collections.defaultdict(set)
    for word in words:
        for at, ch in enumerate(word):
            others = tables.confusables(ch, tight_only=True)
            if len(word) > 2:
                others += looser.get(ch, "")
            for other in others:
                if other != ch and other not in nearmiss.NUMERALS and "\u4e00" <= other <= "\u9fff":
                    made[word[:at] + other + word[at + 1 :]].add(word)

    taken = set().union(*map(_wrong_forms, SHIPPED)) | _wrong_forms(IDIOM_SLIPS)
    inside = {w[i : i + 2] for w in listed if len(w) > 2 for i in range(len(w) - 1)}
    # the proper beginnings and ends of dictionary words, two characters or more
    heads = {w[:i] for w in listed if len(w) > 2 for i in range(2, len(w))}
    tails = {w[i:] for w in listed if len(w) > 2 for i in range(1, len(w) - 1)}

    def by_chance(variant: str) -> bool:
        """Whether two dictionary words would make ``variant`` side by side."""
        return any(
            listed.get(variant[:i], 0) * listed.get(variant[i:], 0)
            > (args.pair_junction if len(variant) == 2 else args.junction) * total**2
            for i in range(1, len(variant))
        )

    kept = {
        v: next(iter(ws))
        for v, ws in made.items()
        if len(ws) == 1
        and v not in listed
        and v not in taken
        and not (len(v) == 2 and v in inside)
        and zipf(v) < args.variant_zipf
        and zipf(v) < zipf(next(iter(ws))) - math.log10(args.variant_ratio)
        and not by_chance(v)
        and not (v[0] in name_chars and v[1:] in listed)
        and not _alone_at_edge(v, next(iter(ws)), listed)
        and not _holds_word(v, next(iter(ws)), listed)
        and not _ends_another(v, next(iter(ws)), heads, tails)
    }
    # never in the corpus, also where it is read on across line breaks, and as the scanner
    # reads it, folded and without the characters it skips inside terms (智·向 reads 智向)
    variants = sorted(kept)
    folded = Normalizer(build_fold_table()).fold(text)
    views = (text, NOISE_RUN.sub("", folded), re.sub(r"\s+", "", folded))
    seen = set().union(*(_seen(variants, view) for view in views))
    kept = {v: w for v, w in kept.items() if v not in seen}

    pairs = sum(1 for w in words if len(w) == 2)
    for out, these, size in (
        (args.out, {v: w for v, w in kept.items() if len(v) > 2}, "Three- and four-character"),
        (args.pairs_out, {v: w for v, w in kept.items() if len(v) == 2}, "Two-character"),
    ):
        lines = [
            f"# {size} everyday words of official text with one character replaced by a",
            "# confusable one: wrong<TAB>correct. Generated by scripts/build_everyday_slips.py",
            f"# (see its docstring); {len(words)} words of jieba's dictionary (MIT) in all, seen "
            "in government",
            "# work reports, Party congress reports and 新闻联播 transcripts and common in "
            "wordfreq",
            f"# (Apache-2.0 code, CC BY-SA 4.0 data): Zipf >= {args.min_zipf}, two characters "
            f">= {args.pair_min_zipf}.",
        ]
        write_slips(out, lines, these)
    print(
        f"{len(words)} words ({pairs} of two characters), {len(made)} variants, "
        f"{len(kept)} kept ({sum(1 for v in kept if len(v) == 2)} of two) → {args.out}, "
        f"{args.pairs_out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
