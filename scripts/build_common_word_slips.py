"""Build lexicons/_data/common_word_slips.tsv and common_term_slips.tsv: frequent words and
multi-word terms of official text written with one character replaced by a confusable one
(税务总局 → 水务总局; 高标准农田 → 高标准农甜, 疫苗接种 → 疫苗接肿), for the ``slips`` kind.

    python scripts/build_common_word_slips.py CORPUS_FILE... [--min-count 20]
        [--term-min-count 50] [--term-share 0.8] [--term-loose all]
        [--out FILE] [--terms-out FILE]

CORPUS_FILE: plain UTF-8 text (``.gz`` read as gzip) of clean published official Chinese;
the shipped lists were built from the government work reports, NPC resolutions and Party
congress reports of the project's research data (the corpus folder: the same texts as
benchmarks/corpus, and more) and the 新闻联播 transcripts of 2022-2026 (its corpus_lm
folder, xwlb_2022_2026.txt.gz; about 15 million characters in all). The text itself is
never shipped, only the lists.

Steps, each a filter against real text, since a generated slip that is real text would be a
false alarm:

1. the words: three- and four-character words of jieba's dictionary made only of Chinese
   characters, not tagged as a person's name nor listed in ``lexicons/_data/idioms.txt``
   (the idiom kind's: it judges their slips in context), seen at least ``--min-count``
   times in the corpus;
2. the terms: runs of two to four whole words of the corpus cut with jieba's dictionary,
   three to seven characters, no function word (助词, 介词, 连词, 代词, 语气词 …) nor
   name among them, seen at least ``--term-min-count`` times on word boundaries and cut
   the same way in at least ``--term-share`` of all their occurrences (so a term such as
   高标准/农田 or 主题/教育, not two words that meet by chance). A two-character word's slip
   is caught inside them (疫苗接肿) where the bare two-character variant could not be
   listed (项日 is in 该项日常);
3. their variants: one character replaced by one of its tight confusables (same pinyin and
   tone, or a shape a stroke or two away: what an input method or a slip of the eye gives
   most often; ``nearmiss.Tables``, as the protected kind uses them; numerals are never
   touched). The looser sets (other tones, looser shapes) would double the word list for
   half as many more errors caught on ECSpell odw.train. A term's word takes them too
   (活动 → 话动, 目标 → 日标, 复兴 → 夏兴, 命令 → 命领: ``--term-loose``, default ``all``),
   since a term is context enough and its variant must keep the term's seams (step 4).
   In a term only a word of two or more characters that the word list and the idiom list
   do not hold already is changed, and never into another dictionary word (主体教育 for
   主题教育 may be meant: that is for context to judge);
4. dropped: a variant that is a dictionary word, that two words (or two terms) make
   (ambiguous), that ``nearmiss.real_words`` finds ordinary text (a likely junction of
   words), or that occurs anywhere in the corpus (a term's variant also where the corpus is
   read on across line breaks, as the scanner reads); a term's variant that jieba, cutting
   it on its own, does not part where the term's words part (中国年 → 中过年 reads 中|过年,
   as in 在旅行中过年; 还存在 → 还有在: 还有|在); and a term's variant that holds a shorter
   kept one (高标准农甜建设 holds 高标准农甜).

Held out (built without gwr 2022-2025, cpc 20 and 新闻联播 2025-2026, scanned on those):
the looser sets drew 5 findings (3 slips) on junctions of words (外贸优品达湾区,
千亿仅用了, 旅行中过年) before the seam check, none with it; built without 新闻联播
2022-2024, the tight and the loose lists drew the same 3 there (已渐成规模, 中多各领域),
both attested in the full corpus.

A term's slip may still meet its neighbours in a junction (今天起影响 holds 天起影响, a slip
of 天气影响): the rule checks that its hits start and end on word boundaries.
"""

from __future__ import annotations

import collections
import itertools
import re
import sys
from collections.abc import Callable, Set
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from corpus_text import corpus_arguments, write_slips  # noqa: E402

from wording_guard import nearmiss  # noqa: E402
from wording_guard.lexicon.paths import shipped_lexicon_dir  # noqa: E402
from wording_guard.normalize import Normalizer, build_fold_table  # noqa: E402
from wording_guard.segment import Segmenter  # noqa: E402

OUT = ROOT / "lexicons" / "_data" / "common_word_slips.tsv"
TERMS_OUT = ROOT / "lexicons" / "_data" / "common_term_slips.tsv"
IDIOMS = ROOT / "lexicons" / "_data" / "idioms.txt"
_NAME_TAGS = ("nr",)
MAX_TERM = 7


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


_HAN_RUN = re.compile("[\u4e00-\u9fff]+")
# tags of the words a term may not hold: function words (助词, 介词, 连词, 代词, 语气词,
# 叹词, 拟声词) and names, whose neighbours change from one sentence to the next
_NOT_IN_TERMS = ("u", "p", "c", "r", "y", "e", "o", "nr")


def _terms(
    text: str,
    cut: Callable[[str], list[str]],
    tag: Callable[[str], str | None],
    min_count: int,
    share: float,
) -> dict[str, tuple[str, ...]]:
    """Frequent multi-word terms: runs of two to four whole dictionary words, three to
    seven characters, seen at least ``min_count`` times on word boundaries, and cut the same
    way in at least ``share`` of all their occurrences (a term, not a junction of words that
    meet by chance); each with its words."""
    tags: dict[str, bool] = {}

    def usable(word: str) -> bool:
        ok = tags.get(word)
        if ok is None:
            found = tag(word)
            ok = tags[word] = found is not None and not found.startswith(_NOT_IN_TERMS)
        return ok

    runs = [[w if usable(w) else "" for w in cut(run)] for run in _HAN_RUN.findall(text)]
    counts: collections.Counter[tuple[str, ...]] = collections.Counter()
    for size in (2, 3, 4):  # a run of n words counts only when its two n-1 runs are frequent
        found: collections.Counter[tuple[str, ...]] = collections.Counter()
        for words in runs:
            for i in range(len(words) - size + 1):
                gram = tuple(words[i : i + size])
                if (
                    all(gram)
                    and len("".join(gram)) <= MAX_TERM
                    and (
                        size == 2
                        or (counts[gram[:-1]] >= min_count and counts[gram[1:]] >= min_count)
                    )
                ):
                    found[gram] += 1
        counts.update({g: n for g, n in found.items() if n >= min_count})
    best: dict[str, tuple[str, ...]] = {}
    for gram, n in counts.items():
        term = "".join(gram)
        if len(term) >= 3 and n > counts.get(best.get(term, ()), 0):
            best[term] = gram
    seen = _counts(sorted(best), text)
    return {t: g for t, g in best.items() if counts[g] >= share * seen[t]}


# the looser confusables a term's character may take besides the tight ones (--term-loose)
_LOOSER = {
    "none": (),
    "shapes": (nearmiss.SHAPES_FILE,),
    "homophones": (nearmiss.HOMOPHONES_FILE,),
    "all": (nearmiss.HOMOPHONES_FILE, nearmiss.SHAPES_FILE),
}


def _looser(which: str) -> dict[str, str]:
    """Character -> its looser confusables of the tables ``_LOOSER[which]`` names."""
    out: dict[str, str] = {}
    for name in _LOOSER[which]:
        path = shipped_lexicon_dir() / "_data" / name
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                ch, _, rest = line.partition("\t")
                out[ch] = out.get(ch, "") + rest.partition("\t")[2]
    return out


def _keeps_seams(variant: str, gram: tuple[str, ...], cut: Callable[[str], list[str]]) -> bool:
    """Whether the variant, cut on its own, still parts where its term's words part: one
    that reads across a seam is a junction of other words (还存在 → 还有在: 还有|在;
    中国年 → 中过年: 中|过年), not a slip of the term."""
    ends: set[int] = set()
    at = 0
    for word in cut(variant):
        at += len(word)
        ends.add(at)
    seams = itertools.accumulate(len(w) for w in gram[:-1])
    return all(seam in ends for seam in seams)


def _holds_other(variant: str, kept: Set[str]) -> bool:
    return any(
        variant[i:j] in kept
        for i in range(len(variant))
        for j in range(i + 3, len(variant) + 1)
        if (i, j) != (0, len(variant))
    )


def main(argv: list[str] | None = None) -> int:
    args, text = corpus_arguments(
        argv,
        __doc__ or "",
        min_count=20,
        out=OUT,
        more=[
            ("--term-min-count", int, 50),
            ("--term-share", float, 0.8),
            ("--terms-out", Path, TERMS_OUT),
            ("--term-loose", str, "all"),
        ],
    )

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

    terms = _terms(text, cut, segmenter.tag, args.term_min_count, args.term_share)
    covered = set(words) | idioms  # their slips are the word list's or the idiom kind's
    if args.term_loose not in _LOOSER:
        sys.exit(f"--term-loose: one of {', '.join(_LOOSER)}")
    looser = _looser(args.term_loose)
    term_made: dict[str, set[str]] = collections.defaultdict(set)
    for term, gram in terms.items():
        start = 0
        for word in gram:
            end = start + len(word)
            if word not in covered and len(word) >= 2:
                for at in range(start, end):
                    for other in tables.confusables(term[at], tight_only=True) + looser.get(
                        term[at], ""
                    ):
                        if other in nearmiss.NUMERALS or other == term[at]:
                            continue
                        # a word written as another word is left to context (主体/主题)
                        if not is_word(word[: at - start] + other + word[at - start + 1 :]):
                            term_made[term[:at] + other + term[at + 1 :]].add(term)
            start = end
    term_kept = {
        v: next(iter(ws))
        for v, ws in term_made.items()
        if len(ws) == 1
        and v not in made
        and not is_word(v)
        and _keeps_seams(v, terms[next(iter(ws))], cut)
    }

    normalizer = Normalizer(build_fold_table())
    variants = nearmiss.Variants(tables, cut)
    # real_words judges every edit of the terms; only the substitutions kept here matter
    real = nearmiss.real_words(
        normalizer,
        [shipped_lexicon_dir()],
        tables,
        cut,
        terms=[*words, *sorted(terms)],
        made=variants,
    )
    kept = {v: w for v, w in kept.items() if v not in real}
    term_kept = {v: w for v, w in term_kept.items() if v not in real}
    seen = _counts(sorted(kept.keys() | term_kept.keys()), text)
    kept = {v: w for v, w in kept.items() if not seen[v]}
    # the scanner reads on across line breaks (a headline's 创新高 before 第136届)
    joined = _counts(sorted(term_kept), re.sub(r"\s+", "", text))
    term_kept = {v: w for v, w in term_kept.items() if not seen[v] and not joined[v]}
    # a term's slip that holds a shorter one adds nothing (高标准农由建设: 高标准农由)
    both = kept.keys() | term_kept.keys()
    term_kept = {v: w for v, w in term_kept.items() if not _holds_other(v, both)}

    lines = [
        "# Frequent words of official text with one character replaced by a confusable one:",
        "# wrong<TAB>correct. Generated by scripts/build_common_word_slips.py (see its",
        f"# docstring); {len(words)} words of jieba's dictionary (MIT) seen at least "
        f"{args.min_count} times",
        "# in government work reports, Party congress reports and 新闻联播 transcripts.",
    ]
    write_slips(args.out, lines, kept)
    print(f"{len(words)} words, {len(made)} variants, {len(kept)} kept → {args.out}")
    lines = [
        "# Frequent terms of official text (runs of two to four words) with one character of",
        "# a two-character or longer word replaced by a confusable one: wrong<TAB>correct.",
        "# Generated by scripts/build_common_word_slips.py (see its docstring); "
        f"{len(terms)} terms seen",
        f"# at least {args.term_min_count} times in government work reports, Party congress "
        "reports and 新闻联播 transcripts.",
    ]
    write_slips(args.terms_out, lines, term_kept)
    print(
        f"{len(terms)} terms, {len(term_made)} variants, {len(term_kept)} kept → {args.terms_out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
