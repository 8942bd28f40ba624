"""Build lexicons/_data/common_word_slips.tsv, common_term_slips.tsv and
common_pair_slips.tsv: frequent words, multi-word terms and two-character words of official
text written with one character replaced by a confusable one (税务总局 → 水务总局;
高标准农田 → 高标准农甜, 疫苗接种 → 疫苗接肿; 坚决 → 坚绝), for the ``slips`` kind.

    python scripts/build_common_word_slips.py CORPUS_FILE... [--min-count 20]
        [--name-files 5] [--junk-freq 5] [--junk-ratio 100]
        [--term-min-count 50] [--term-share 0.8] [--term-loose all]
        [--pair-min-count 200] [--pair-junction 0.001] [--pair-max-seen 20]
        [--out FILE] [--terms-out FILE] [--pairs-out FILE]

The shipped lists: the corpus folder's ``*.txt`` files and
``corpus_lm/xwlb_2022_2026.txt.gz`` of the project's research data, in that order, with
the defaults of every option.

CORPUS_FILE: plain UTF-8 text (``.gz`` read as gzip) of clean published official Chinese;
the shipped lists were built from the government work reports, NPC resolutions and Party
congress reports of the project's research data (the corpus folder: the same texts as
benchmarks/corpus, and more) and the 新闻联播 transcripts of 2022-2026 (its corpus_lm
folder, xwlb_2022_2026.txt.gz; about 15 million characters in all). The text itself is
never shipped, only the lists.

Steps, each a filter against real text, since a generated slip that is real text would be a
false alarm:

1. the words: three- and four-character words of jieba's dictionary made only of Chinese
   characters, seen at least ``--min-count`` times in the corpus; a word jieba tags as a
   person's name only when it is seen in at least ``--name-files`` of the corpus files
   (jieba tags 幼儿园, 高水平, 青少年 so: a "name" used across decades of reports is
   vocabulary; 哈尔科夫, 金正恩 are not). A word of ``lexicons/_data/idioms.txt`` (义务教育,
   攻坚克难) takes slips in its inner characters only: the idiom kind judges its first and
   last ones in context;
2. the terms: runs of two to four whole words of the corpus cut with jieba's dictionary,
   three to seven characters, no function word (助词, 介词, 连词, 代词, 语气词 …) nor
   name among them, seen at least ``--term-min-count`` times on word boundaries and cut
   the same way in at least ``--term-share`` of all their occurrences (so a term such as
   高标准/农田 or 主题/教育, not two words that meet by chance). A two-character word's slip
   is caught inside them (疫苗接肿) where the bare two-character variant could not be
   listed (项日 is in 该项日常);
3. their variants: one character replaced by one of its tight confusables (same pinyin and
   tone, or a shape a stroke or two away: what an input method or a slip of the eye gives
   most often; ``nearmiss.Tables``, as the protected kind uses them, and a neutral-tone
   character with its syllable's commonest toned one, lexicons/_data/neutral_homophones.tsv:
   监管部们, 澳们特区; and for the words and terms, characters that share a part and a
   syllable, lexicons/_data/component_homophones.tsv: 优抚对象 → 优扶对象, 坚定恪守 →
   坚定格守, scripts/build_component_homophones.py; numerals are never touched). A variant
   that a component homophone would also make of another word stays with the word the
   other confusables make it of (新是代: 新时代). The looser sets (other tones, looser
   shapes) would double the word list for half as many more errors caught on ECSpell
   odw.train. A term's word takes them too
   (活动 → 话动, 目标 → 日标, 复兴 → 夏兴, 命令 → 命领: ``--term-loose``, default ``all``),
   since a term is context enough and its variant must keep the term's seams (step 4).
   In a term only a word of two or more characters that the word list and the idiom list
   do not hold already is changed, and never into another dictionary word (主体教育 for
   主题教育 may be meant: that is for context to judge);
4. dropped: a variant that is a dictionary word (but a junk one: jieba lists 幼儿圆 beside
   幼儿园; a word listed at most ``--junk-freq`` times beside one listed ``--junk-ratio``
   times as often does not shield its slip unless two words of the corpus' cut would make
   it by chance, as in step 5: 流下来 is 流|下来; ``nearmiss.real_words`` is not asked
   about it, since to it any dictionary word is real; nor one that the idiom misspelling
   list holds, 中流底柱), that two words (or two terms) make
   (ambiguous), that ``nearmiss.real_words`` finds ordinary text (a likely junction of
   words), or that occurs anywhere in the corpus (a term's variant also where the corpus is
   read on across line breaks, as the scanner reads); a term's variant that jieba, cutting
   it on its own, does not part where the term's words part (中国年 → 中过年 reads 中|过年,
   as in 在旅行中过年; 还存在 → 还有在: 还有|在); and a term's variant that holds a shorter
   kept one (高标准农甜建设 holds 高标准农甜);
5. two-character words (not tagged as names) seen at least ``--pair-min-count`` times,
   one character replaced by a tight confusable: a variant that is no dictionary word at
   all (a rare two-character one is often real: 止涨, 订位) nor inside one (制夷 of
   以夷制夷, quoted in 师夷长技以制夷), made by one word only. Such a
   string is often in clean text inside longer words (部们 in 干部|们, 坚绝 in 中坚|绝不):
   the rule flags a two-character hit only where it starts and ends on word boundaries of
   its sentence, so what matters is how often clean text holds it as a unit of its own.
   ``nearmiss.real_words`` cannot say (to it any word ending in the one character before
   any word starting with the other is a likely junction: it drops 92% of the variants);
   instead a variant is kept when its two characters, as one-character words of the
   corpus' cut, would meet by chance at most ``--pair-junction`` times in the whole corpus
   (the one's count times the other's, over the number of words: 街到 in 古文化街|到,
   急中 in 风高浪急|中, 围了 are dropped), when the corpus has it at most
   ``--pair-max-seen`` times, and when no occurrence there stands on word boundaries as
   the scanner cuts it (nor across line breaks).

Held out (built without gwr 2022-2025, cpc 20 and 新闻联播 2025-2026, scanned on those):
the looser sets drew 5 findings (3 slips) on junctions of words (外贸优品达湾区,
千亿仅用了, 旅行中过年) before the seam check, none with it; built without 新闻联播
2022-2024, the tight and the loose lists drew the same 3 there (已渐成规模, 中多各领域),
both attested in the full corpus. Held out the same way (gwr 2022-2025, cpc 20, 新闻联播
2025-2026: 14.3 million characters), the two-character list (13,912 variants, before
strings inside dictionary words were dropped) drew 4 findings, all false alarms: 弃车
and 前檐 (twice), real words jieba lacks, and the name 时岱;
the word list's new words drew 1, a real slip (攻艰克难), beside 7 false alarms of words it
held before (集控中心, 再次发声). The full build: 5,940 words (360 of them idioms, 104
other words jieba tags as names) and 87,668 variants (82,113 before; 25 rare dictionary
words among them), 3,745 two-character words and 16,655 variants, 250,539 term variants.
The neutral-tone pair 们/门 added 16 word variants (监管部们, 澳们特区, 们头沟) and none of
two characters: 部们 is in the corpus 22 times (干部们), 我门 a likely junction of 我 and 门;
held out as above, its 26 variants occur nowhere in the 5.0 million held-out characters.

The component homophones (a shared part and syllable, 救济/救挤) feed the words and the
terms, not the two-character list: held out as above, the two-character variants they added
(14,015) drew 30 findings in 8 strings, all false alarms on names and words jieba lacks
(“镐山”, 徐纬和, 张荣恭和, 鱼沼市, 车厘子, 出砖入石); the words' (+15,064) and terms' (+7,647)
variants drew none. In the full build they added 19,189 word variants (106,857 in all) and
12,542 term variants; 255 term variants went (262,826 in all): 182 of them are still caught
by a shorter listed variant (中国供产党领导: 供产党), 73 are strings that real_words, asked about
them now, reads as likely text (种国将, 也就时, 是最达).

A term's slip may still meet its neighbours in a junction (今天起影响 holds 天起影响, a slip
of 天气影响): the rule checks that its hits start and end on word boundaries.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import re
import sys
from collections.abc import Callable, Set
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from corpus_text import confusable_columns, corpus_arguments, read_text, write_slips  # noqa: E402

from wording_guard import nearmiss  # noqa: E402
from wording_guard.context import sentence_bounds  # noqa: E402
from wording_guard.lexicon.paths import shipped_lexicon_dir  # noqa: E402
from wording_guard.normalize import Normalizer, build_fold_table  # noqa: E402
from wording_guard.segment import Segmenter  # noqa: E402

OUT = ROOT / "lexicons" / "_data" / "common_word_slips.tsv"
TERMS_OUT = ROOT / "lexicons" / "_data" / "common_term_slips.tsv"
PAIRS_OUT = ROOT / "lexicons" / "_data" / "common_pair_slips.tsv"
IDIOMS = ROOT / "lexicons" / "_data" / "idioms.txt"
NEUTRAL = ROOT / "lexicons" / "_data" / "neutral_homophones.tsv"
COMPONENT = ROOT / "lexicons" / "_data" / "component_homophones.tsv"
IDIOM_SLIPS = ROOT / "lexicons" / "_data" / "idiom_misspellings.tsv"
_NAME_TAGS = ("nr",)
MAX_TERM = 7


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


# the looser confusables a term's character may take besides the tight ones (--term-loose):
# the loose columns of these build tables
_LOOSER = {
    "none": (),
    "shapes": ((nearmiss.SHAPES_FILE, 2),),
    "homophones": ((nearmiss.HOMOPHONES_FILE, 2),),
    "all": ((nearmiss.HOMOPHONES_FILE, 2), (nearmiss.SHAPES_FILE, 2)),
}


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


def _standing(variants: list[str], folded: str, segmenter: Segmenter) -> collections.Counter[str]:
    """Per variant, its occurrences in ``folded`` that start and end on word boundaries of
    the sentence around them, cut as the scanner cuts it (``Context.word_cuts``): those the
    scanner would flag. An occurrence inside a longer word of the cut (干部|们 holds 部们)
    is not one."""
    import daachorse

    automaton = daachorse.CharwiseDoubleArrayAhoCorasick(variants)
    out: collections.Counter[str] = collections.Counter()
    for s, e, i in automaton.find_overlapping(folded):
        lo, hi = sentence_bounds(folded, s, e, 12)
        cuts = segmenter.cuts(folded[lo:hi], lo)
        if s in cuts and e in cuts:
            out[variants[i]] += 1
    return out


def _idiom_slips() -> set[str]:
    """The wrong forms of lexicons/_data/idiom_misspellings.tsv."""
    text = IDIOM_SLIPS.read_text(encoding="utf-8")
    return {line.split("\t")[0] for line in text.splitlines() if line and line[0] != "#"}


def _with_table(tables: nearmiss.Tables, path: Path) -> nearmiss.Tables:
    """The tables with a build-only table of ``lexicons/_data`` among the tight confusables.
    Only this build takes them; the protected kind's near misses keep the shipped tables."""
    tight = dict(tables.tight)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ch, others = line.split("\t")[:2]
            tight[ch] = tight.get(ch, "") + "".join(c for c in others if c not in tight.get(ch, ""))
    return dataclasses.replace(tables, tight=tight)


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
            ("--name-files", int, 5),
            ("--junk-freq", int, 5),
            ("--junk-ratio", int, 100),
            ("--pair-min-count", int, 200),
            ("--pair-max-seen", int, 20),
            ("--pairs-out", Path, PAIRS_OUT),
            ("--pair-junction", float, 0.001),
        ],
    )

    entries = list(nearmiss.jieba_entries())
    dictionary = [(w, tag) for w, _, tag in entries]
    frequency = {w: count for w, count, _ in entries}
    idioms = {
        line.strip()
        for line in IDIOMS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    shaped = [
        (w, tag)
        for w, tag in dictionary
        if 3 <= len(w) <= 4 and all("\u4e00" <= c <= "\u9fff" for c in w)
    ]
    counts = _counts([w for w, _ in shaped], text)
    # jieba tags many common words as names (幼儿园, 高水平, 青少年): a "name" used across
    # many documents of the corpus is vocabulary, not the name of one person or place
    named = [w for w, tag in shaped if tag.startswith(_NAME_TAGS) and counts[w] >= args.min_count]
    spread: collections.Counter[str] = collections.Counter()
    for path in args.corpus:
        spread.update(set(_counts(named, read_text(path)).elements()))
    words = sorted(
        w
        for w, tag in shaped
        if counts[w] >= args.min_count
        and (not tag.startswith(_NAME_TAGS) or spread[w] >= args.name_files)
    )

    # 们 (always neutral) and 门 are as close as a same-tone pair (监管部们, 澳们特区)
    pair_tables = _with_table(nearmiss.shipped_tables(), NEUTRAL)
    # and for the words and terms, characters sharing a part and a syllable (救济 → 救挤,
    # 摸排 → 模排): held out, their two-character variants drew 30 findings in 5 million
    # characters, all on names and words jieba lacks (“镐山”, 徐纬和, 车厘子), their words' and
    # terms' variants none (see the docstring)
    tables = _with_table(pair_tables, COMPONENT)
    segmenter = Segmenter()
    cut, is_word = segmenter.tokens, segmenter.lookup()

    def shields(variant: str, word: str) -> bool:
        """Whether ``variant`` is a dictionary word that may be meant where ``word`` is
        expected. jieba's dictionary holds junk (幼儿圆 beside 幼儿园): a word it lists
        rarely, beside a word it lists a hundred times as often, does not shield."""
        if not is_word(variant):
            return False
        rare = frequency.get(variant, 0)
        most: int = args.junk_freq
        ratio: int = args.junk_ratio
        return rare > most or frequency.get(word, 0) < ratio * max(rare, 1)

    made: dict[str, set[str]] = collections.defaultdict(set)
    # the words a variant is made of through the other confusables: a component homophone
    # never takes a variant from the word they make it of (新是代 stays 新时代's)
    closer: dict[str, set[str]] = collections.defaultdict(set)
    for word in words:
        # the idiom kind judges an idiom's first and last characters in context
        inner = range(1, len(word) - 1) if word in idioms else range(len(word))
        for variant in nearmiss.substitutions(word, tables):
            at = next(i for i, (a, b) in enumerate(zip(word, variant, strict=True)) if a != b)
            if at in inner and variant[at] in tables.confusables(word[at], tight_only=True):
                made[variant].add(word)
                if variant[at] in pair_tables.confusables(word[at], tight_only=True):
                    closer[variant].add(word)
    made = collections.defaultdict(set, {v: closer.get(v) or ws for v, ws in made.items()})
    kept = {
        v: next(iter(ws))
        for v, ws in made.items()
        if len(ws) == 1 and not shields(v, next(iter(ws)))
    }
    junk = {v for v in kept if is_word(v)}

    # two-character words: frequent ones, tight confusables only
    two = [
        w
        for w, tag in dictionary
        if len(w) == 2
        and all("\u4e00" <= c <= "\u9fff" for c in w)
        and not tag.startswith(_NAME_TAGS)
    ]
    two_counts = _counts(two, text)
    pair_words = sorted(w for w in two if two_counts[w] >= args.pair_min_count)
    pair_made: dict[str, set[str]] = collections.defaultdict(set)
    for word in pair_words:
        for variant in nearmiss.substitutions(word, pair_tables):
            at = next(i for i, (a, b) in enumerate(zip(word, variant, strict=True)) if a != b)
            if variant[at] in pair_tables.confusables(word[at], tight_only=True):
                pair_made[variant].add(word)
    # a rare two-character dictionary word is often a real one (止涨, 订位, 故世), and a
    # string inside a longer one is real language (制夷 of 以夷制夷, quoted in 以制夷)
    inside = {w[i : i + 2] for w, _ in dictionary if len(w) > 2 for i in range(len(w) - 1)}
    pair_kept = {
        v: next(iter(ws))
        for v, ws in pair_made.items()
        if len(ws) == 1 and not is_word(v) and v not in inside
    }

    # how often two words meet by chance in clean text, estimated from the corpus' cut
    cut_counts: collections.Counter[str] = collections.Counter()
    for run in _HAN_RUN.findall(text):
        cut_counts.update(cut(run))
    chance = args.pair_junction * sum(cut_counts.values())

    def by_chance(variant: str) -> bool:
        """Whether two words of clean text make ``variant`` more often than ``chance``."""
        return any(
            cut_counts[variant[:i]] * cut_counts[variant[i:]] > chance
            for i in range(1, len(variant))
        )

    # a junk word must not be a junction either (流下来: 流|下来, a slip of 留下来 only
    # where no tears are meant)
    junk = {v for v in junk if not by_chance(v)}
    kept = {v: w for v, w in kept.items() if not is_word(v) or v in junk}
    # a junk word that the idiom misspelling list holds is that list's (中流底柱)
    kept = {v: w for v, w in kept.items() if v not in _idiom_slips()}
    print(
        f"{len(words)} words ({sum(1 for w in words if w in idioms)} idioms), "
        f"{len(junk)} rare dictionary words among their variants, "
        f"{len(pair_words)} two-character words, {len(pair_made)} variants, "
        f"{len(pair_kept)} not words"
    )

    terms = _terms(text, cut, segmenter.tag, args.term_min_count, args.term_share)
    covered = set(words) | idioms  # their slips are the word list's or the idiom kind's
    if args.term_loose not in _LOOSER:
        sys.exit(f"--term-loose: one of {', '.join(_LOOSER)}")
    looser = confusable_columns(_LOOSER[args.term_loose])
    term_made: dict[str, set[str]] = collections.defaultdict(set)
    term_closer: dict[str, set[str]] = collections.defaultdict(set)  # (as ``closer``)
    for term, gram in terms.items():
        start = 0
        for word in gram:
            end = start + len(word)
            if word not in covered and len(word) >= 2:
                for at in range(start, end):
                    others = pair_tables.confusables(term[at], tight_only=True)
                    others += looser.get(term[at], "")
                    for other in tables.confusables(term[at], tight_only=True) + others:
                        if other in nearmiss.NUMERALS or other == term[at]:
                            continue
                        # a word written as another word is left to context (主体/主题)
                        if not is_word(word[: at - start] + other + word[at - start + 1 :]):
                            variant = term[:at] + other + term[at + 1 :]
                            term_made[variant].add(term)
                            if other in others:
                                term_closer[variant].add(term)
            start = end
    term_made = collections.defaultdict(
        set, {v: term_closer.get(v) or ws for v, ws in term_made.items()}
    )
    term_kept = {
        v: next(iter(ws))
        for v, ws in term_made.items()
        if len(ws) == 1
        and v not in made
        and not is_word(v)
        and _keeps_seams(v, terms[next(iter(ws))], cut)
    }

    normalizer = Normalizer(build_fold_table())
    # real_words judges every edit of the terms; only the substitutions kept here matter.
    # The variants of the other confusables are judged as without the component homophones
    # (the shipped judgements hold for them), the component homophones' own with them.
    judged_terms = [*words, *sorted(terms)]
    real: set[str] = set()
    for these, only_new in ((pair_tables, False), (tables, True)):
        variants = nearmiss.Variants(these, cut)
        found = nearmiss.real_words(
            normalizer, [shipped_lexicon_dir()], these, cut, terms=judged_terms, made=variants
        )
        if only_new:
            before = nearmiss.Variants(pair_tables, cut)
            found -= set().union(*map(before, judged_terms))
        real |= found
    # a rare dictionary word kept above is real to real_words for being a word: it was
    # judged already
    kept = {v: w for v, w in kept.items() if v not in real or v in junk}
    # real_words reads nearly every two-character string as a junction of longer words
    # (支付|件数); but a variant inside longer words is not flagged (the seam check), only
    # one whose characters are words of their own side by side
    pair_kept = {v: w for v, w in pair_kept.items() if not by_chance(v)}
    # a two-character variant is often in text inside longer words (干部|们 holds 部们):
    # dropped when it is common text at all, or when clean text has it as a unit of its own
    pair_seen = _counts(sorted(pair_kept), text)
    pair_kept = {v: w for v, w in pair_kept.items() if pair_seen[v] <= args.pair_max_seen}
    folded = normalizer.fold(text)
    standing = _standing(sorted(pair_kept), folded, segmenter)
    standing.update(_standing(sorted(pair_kept), re.sub(r"\s+", "", folded), segmenter))
    print(
        f"pairs: {len(pair_kept)} seen at most {args.pair_max_seen} times, "
        f"{sum(1 for v in pair_kept if standing[v])} of them standing as a unit"
    )
    pair_kept = {v: w for v, w in pair_kept.items() if not standing[v]}
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
    lines = [
        "# Frequent two-character words of official text with one character replaced by a",
        "# tight confusable one (same pinyin and tone, or a near shape): wrong<TAB>correct.",
        "# Generated by scripts/build_common_word_slips.py (see its docstring); "
        f"{len(pair_words)} words",
        f"# seen at least {args.pair_min_count} times in government work reports, Party "
        "congress reports and 新闻联播 transcripts.",
    ]
    write_slips(args.pairs_out, lines, pair_kept)
    print(f"{len(pair_words)} two-character words, {len(pair_kept)} kept → {args.pairs_out}")
    print(
        f"{len(terms)} terms, {len(term_made)} variants, {len(term_kept)} kept → {args.terms_out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
