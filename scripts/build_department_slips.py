"""Build lexicons/_data/department_slips.tsv: the names of local Party and government
departments with the department word mistyped (省委阻止部 for 省委组织部, 市委宣转部 for
市委宣传部, 县委统占部 for 县委统战部, 市财正局 for 市财政局), for the ``slips`` kind.

    python scripts/build_department_slips.py CORPUS_FILE... [--min-char-count 2000] [--out FILE]

The shipped list: the government work reports and Party congress reports of the project's
research data (its corpus folder's ``*.txt``) and the 新闻联播 transcripts of 2022-2026
(``corpus_lm/xwlb_2022_2026.txt.gz``).

The departments are a closed list (below): the working departments of the local Party
committees (组织部, 宣传部, 统战部, 政法委, 纪委 …) after 省委, 市委, 县委, 区委, 州委 …,
and the common government departments (财政局, 教育局, 公安局 …) after 省, 市, 县, 区.
Variants of the department word's stem (the suffix 部, 委, 局, 厅, 办, 室 is never edited):

1. one character replaced by a homophone: any character of the confusion table's set
   (``lexicons/_data/homophones.tsv``, common characters) with the same pinyin and tone in
   any of its readings, by pypinyin (传 is read zhuàn too: 宣转部), or by one of the
   tight shape neighbours of ``lexicons/_data/similar_shape.tsv`` (a stroke or two apart);
   the replacing character must be one the corpus writes ``--min-char-count`` times (what an
   input method offers first, and a shape the eye mistakes: not 俎 for 组);
2. the whole two-character stem replaced by a word of jieba's dictionary with the same
   toneless pinyin (组织 → 阻止: an input method's first page offers both).

Filters, each against real text, since a generated variant that is real text would be a
false alarm: a variant whose department word (阻止部) is a word of jieba's dictionary, or
whose prefixed name occurs in the corpus, is dropped (阻止部 is seen, as 阻止|部分, but
省委阻止部 is not: the rule's boundary check clears 省委阻止部分…); so is a
government department's variant stem that is itself a dictionary word (市之间局 of 商务局):
after a one-character prefix it reads as prose (城市之间局部). A name holding a wrong form of
the typo rules' generated lists (县统记局: 统记局 of 统计局) is left to them.
"""

from __future__ import annotations

import collections
import itertools
import sys

from corpus_text import corpus_arguments
from pypinyin import Style, pinyin

from wording_guard import nearmiss
from wording_guard.lexicon import shipped_lexicon_dir

OUT = shipped_lexicon_dir() / "_data" / "department_slips.tsv"

# the working departments of a local Party committee: (stem, suffix)
PARTY = [
    ("组织", "部"),
    ("宣传", "部"),
    ("统战", "部"),
    ("政法", "委"),
    ("纪", "委"),
    ("编", "办"),
    ("政研", "室"),
    ("社会工作", "部"),
    ("网信", "办"),
    ("农", "办"),
    ("巡察", "办"),
]
PARTY_PREFIXES = ["省委", "市委", "县委", "区委", "州委", "旗委", "盟委", "自治区党委"]
# common departments of a local government: (stem, suffixes)
GOVERNMENT = [
    ("发展和改革", ["委员会"]),
    ("发展改革", ["委"]),
    ("发改", ["委"]),
    ("财政", ["局", "厅"]),
    ("教育", ["局", "厅"]),
    ("公安", ["局", "厅"]),
    ("民政", ["局", "厅"]),
    ("司法", ["局", "厅"]),
    ("审计", ["局", "厅"]),
    ("统计", ["局"]),
    ("商务", ["局", "厅"]),
    ("水利", ["局", "厅"]),
    ("住建", ["局", "厅"]),
    ("交通运输", ["局", "厅"]),
    ("人社", ["局", "厅"]),
    ("卫健", ["委", "局"]),
    ("自然资源", ["局", "厅"]),
    ("生态环境", ["局", "厅"]),
    ("农业农村", ["局", "厅"]),
    ("应急管理", ["局", "厅"]),
    ("市场监管", ["局"]),
    ("医保", ["局"]),
    ("信访", ["局"]),
    ("林业", ["局"]),
    ("科技", ["局", "厅"]),
    ("工信", ["局", "厅"]),
    ("文旅", ["局"]),
    ("退役军人事务", ["局", "厅"]),
]
GOVERNMENT_PREFIXES = ["省", "市", "县", "区"]
# the typo rules' generated lists (lexicons/_data)
TYPO_LISTS = [
    "common_word_slips.tsv",
    "common_term_slips.tsv",
    "common_pair_slips.tsv",
    "everyday_word_slips.tsv",
]


def _readings(ch: str) -> set[str]:
    return set(pinyin(ch, style=Style.TONE3, heteronym=True)[0])


def _toneless(word: str) -> list[set[str]]:
    return [{r.rstrip("12345") for r in _readings(ch)} for ch in word]


def main(argv: list[str] | None = None) -> int:
    args, text = corpus_arguments(
        argv, __doc__ or "", min_count=1, out=OUT, more=[("--min-char-count", int, 2000)]
    )
    data = shipped_lexicon_dir() / "_data"
    common = [
        line.split("\t")[0]
        for line in (data / "homophones.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    # (a character an input method offers on its first page: one the corpus writes often)
    seen = collections.Counter(text)
    by_reading: dict[str, set[str]] = {}
    for ch in common:
        if seen[ch] < args.min_char_count:
            continue
        for r in _readings(ch):
            by_reading.setdefault(r, set()).add(ch)
    shapes: dict[str, str] = {}
    for line in (data / "similar_shape.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ch, _, rest = line.partition("\t")
            shapes[ch] = shapes.get(ch, "") + rest.partition("\t")[0]
    entries = list(nearmiss.jieba_entries())
    dictionary = {w for w, _, _ in entries}
    two: dict[tuple[str, ...], set[str]] = {}
    for w, count, _ in entries:
        if len(w) == 2 and count >= 50 and all("\u4e00" <= c <= "\u9fff" for c in w):
            key = tuple(sorted(x) for x in _toneless(w))
            for combo in itertools.product(*key):
                two.setdefault(combo, set()).add(w)

    def stem_variants(stem: str) -> set[str]:
        found: set[str] = set()
        for i, ch in enumerate(stem):
            others = {o for r in _readings(ch) for o in by_reading.get(r, ())}
            others |= {o for o in shapes.get(ch, "") if seen[o] >= args.min_char_count}
            for o in others - {ch}:
                found.add(stem[:i] + o + stem[i + 1 :])
        if len(stem) == 2:
            for combo in itertools.product(*_toneless(stem)):
                found |= two.get(combo, set())
        found.discard(stem)
        return {v for v in found if all("\u4e00" <= c <= "\u9fff" for c in v)}

    # the typo lists' wrong forms: a name holding one is the typo rules' (统记局 of 统计局)
    typos: set[str] = set()
    for name in TYPO_LISTS:
        for line in (data / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                typos.add(line.partition("\t")[0])

    def typo_inside(name: str) -> bool:
        return any(
            name[i:j] in typos for i in range(len(name)) for j in range(i + 2, len(name) + 1)
        )

    rows: dict[str, str] = {}
    dropped = 0
    jobs = [(s, [x], PARTY_PREFIXES) for s, x in PARTY] + [
        (s, xs, GOVERNMENT_PREFIXES) for s, xs in GOVERNMENT
    ]
    for stem, suffixes, prefixes in jobs:
        for variant in sorted(stem_variants(stem)):
            if len(prefixes[0]) == 1 and variant in dictionary:
                # (after a one-character prefix a word stem reads as prose: 城市|之间|局部)
                dropped += 1
                continue
            for suffix in suffixes:
                word, right = variant + suffix, stem + suffix
                if len(word) < 2 or word in dictionary:
                    dropped += 1
                    continue
                # (a word seen in the corpus may be words met by chance, 阻止|部分: the
                # prefixed name decides, and the rule's boundary check clears 省委阻止部分)
                seen_word = word in text
                for prefix in prefixes:
                    if (seen_word and prefix + word in text) or typo_inside(prefix + word):
                        dropped += 1
                        continue
                    rows.setdefault(prefix + word, prefix + right)
    lines = [
        "# Local Party and government departments' names with the department word mistyped:",
        "# wrong<TAB>correct. Generated by scripts/build_department_slips.py (see its docstring):",
        "# homophones (pypinyin readings, any reading), tight shape neighbours, and two-character",
        "# stems replaced by a jieba word of the same toneless pinyin; dropped when a dictionary",
        "# word or seen in the real-text corpus.",
        *(f"{w}\t{c}" for w, c in sorted(rows.items())),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} variants written, {dropped} dropped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
