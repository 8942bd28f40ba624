"""Near-miss variants of protected terms: generation, real-word filtering, end to end."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest

from wording_guard import Scanner, nearmiss
from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.nearmiss import Tables
from wording_guard.normalize import Normalizer, build_fold_table
from wording_guard.segment import Segmenter


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(build_fold_table())


# -- generation ---------------------------------------------------------------------------

NO_TABLES = Tables({}, {})
SHIPPED = nearmiss.shipped_tables()


def test_swaps_of_adjacent_characters() -> None:
    assert set(nearmiss.swaps("三中全会")) == {"中三全会", "三全中会", "三中会全"}


def test_two_numerals_are_never_swapped() -> None:
    # 二十大 -> 十二大 is another real congress, not a typo
    assert "十二大" not in set(nearmiss.swaps("二十大"))
    assert "二大十" in set(nearmiss.swaps("二十大"))


def test_drops_and_additions_only_inside_long_terms() -> None:
    assert set(nearmiss.drops("扫黑除恶")) == set()
    assert set(nearmiss.additions("扫黑除恶")) == set()
    dropped = set(nearmiss.drops("全面从严治党"))
    assert dropped == {"全从严治党", "全面严治党", "全面从治党", "全面从严党"}
    # without its first or last character the term would be a substring of itself
    assert "面从严治党" not in dropped and "全面从严治" not in dropped
    added = set(nearmiss.additions("全面从严治党"))
    assert "全面从从严治党" in added
    # doubling the first character would match 学习|习近平… wherever the term follows 学习
    assert "全全面从严治党" not in added and "全面从严治党党" not in added


def test_substitution_uses_the_tables() -> None:
    tables = Tables(tight={"全": "金"}, loose={"除": "险"})
    assert "三中金会" in nearmiss.variants("三中全会", tables)
    assert "扫黑险恶" in nearmiss.variants("扫黑除恶", tables)


def test_short_terms_take_only_the_tight_sets() -> None:
    tables = Tables(tight={"强": "蔷"}, loose={"李": "里", "强": "枪"})
    found = nearmiss.variants("李强", tables)
    assert "李蔷" in found
    assert "里强" not in found and "李枪" not in found


def test_numerals_are_never_substituted_or_produced() -> None:
    # 二中全会 and 十三五 are other real names, not typos of 三中全会 / 十四五
    tables = Tables(tight={"三": "二", "全": "三"}, loose={})
    found = nearmiss.variants("三中全会", tables)
    assert "二中全会" not in found and "三中三会" not in found


def test_counted_formulations_get_other_measure_words_but_keep_their_count() -> None:
    found = nearmiss.edits("两个维护", NO_TABLES)
    assert {"两种维护", "两项维护", "两大维护", "二个维护"} <= found.keys()
    assert found["两种维护"] == (1, 2) and found["二个维护"] == (0, 1)
    assert not {"三个维护", "两个维", "个维护"} & found.keys()
    # 大 is put in, never replaced: in 二十大 it is the congress's number, not a measure
    assert not any(v.endswith(tuple("个项种条点")) for v in nearmiss.edits("党的二十大", NO_TABLES))


def test_latin_and_digits_are_left_alone() -> None:
    found = nearmiss.variants("G20峰会", NO_TABLES)
    assert found == {"G20会峰"}


def test_shipped_tables_hold_the_classic_confusions() -> None:
    tables = nearmiss.shipped_tables()
    assert "蔷" in tables.confusables("强", tight_only=True)  # same pinyin and tone
    assert "进" in tables.confusables("近", tight_only=True)
    assert "金" in tables.confusables("全", tight_only=True)  # differs by two strokes
    assert "险" in tables.confusables("除", tight_only=False)  # 阝 + similar right part
    assert "险" not in tables.confusables("除", tight_only=True)
    found = nearmiss.variants("扫黑除恶", tables)
    assert {"扫黑险恶", "扫除黑恶"} <= found


def test_shipped_tables_are_small_and_sourced() -> None:
    data = shipped_lexicon_dir() / "_data"
    files = [data / nearmiss.HOMOPHONES_FILE, data / nearmiss.SHAPES_FILE]
    assert sum(p.stat().st_size for p in files) < 2_000_000
    for path in files:
        head = path.read_text(encoding="utf-8")[:2000]
        assert "SOURCE:" in head


def test_edits_know_where_each_edit_is() -> None:
    # the span recorded while making a variant is the one found by comparing the strings
    tables = Tables(tight={"全": "金面", "面": "全", "从": "丛"}, loose={"严": "言"})
    terms = [
        "全面从从严治党",
        "全全面面从严治党党",
        "面全面全面全面",
        "一二三四五六",
        "全面从严治党",
    ]
    cut = Segmenter().tokens
    terms += sorted(
        nearmiss.protected_terms(Normalizer(build_fold_table()), [shipped_lexicon_dir()])
    )
    for term in terms:
        for table in (tables, SHIPPED):
            made = nearmiss.edits(term, table, cut)
            assert set(made) == nearmiss.variants(term, table, cut)
            for variant, span in made.items():
                assert span == nearmiss._edit_span(term, variant), (term, variant)


# -- real words ---------------------------------------------------------------------------


def _dictionary(tmp_path: Path, rows: dict[str, int]) -> Path:
    path = tmp_path / "dict.txt"
    path.write_text("".join(f"{w} {n} n\n" for w, n in rows.items()), encoding="utf-8")
    return path


def test_a_dictionary_word_is_real(tmp_path: Path, normalizer: Normalizer) -> None:
    path = _dictionary(tmp_path, {"国法": 3, "其他": 100})
    assert nearmiss.dictionary_evidence(normalizer, {"国法", "李蔷"}, path) == {"国法"}


def test_a_string_inside_a_frequent_word_is_real(tmp_path: Path, normalizer: Normalizer) -> None:
    rows = {"其他国家": 5000, "大量": 50_000_000}
    path = _dictionary(tmp_path, rows)
    assert nearmiss.dictionary_evidence(normalizer, {"他国家", "李蔷"}, path) == {"他国家"}


def test_a_frequent_word_junction_is_real(tmp_path: Path, normalizer: Normalizer) -> None:
    # 英国 -> 应国 (homophone) is what 响应|国家 and 相应|国家 produce in correct text
    rows = {
        "响应": 300_000,
        "相应": 300_000,
        "国家": 1_000_000,
        "蔷薇": 300,
        "李": 3000,
        "大量": 50_000_000,
    }
    path = _dictionary(tmp_path, rows)
    assert nearmiss.dictionary_evidence(normalizer, {"应国", "李蔷"}, path) == {"应国"}


def test_jieba_words_and_junctions_are_real(normalizer: Normalizer) -> None:
    # 国法 (a swap of 法国) is an ordinary word; 应国 (英国) is 响应|国家; 习进平 and
    # 三中金会 have no reading as ordinary text
    real = nearmiss.dictionary_evidence(normalizer, {"国法", "应国", "习进平", "三中金会"})
    assert real == {"国法", "应国"}


def test_rare_dictionary_records_of_a_misspelt_name_are_no_words(
    tmp_path: Path, normalizer: Normalizer
) -> None:
    # jieba's dictionary holds 阿赛拜疆 (3) beside 阿塞拜疆 (148): the name misspelt
    rows = {
        "阿塞拜疆": 148,
        "阿赛拜疆": 3,
        "德黑兰": 209,
        "黑德兰": 2,
        "汪洋": 275,
        "江洋": 3,
        "塞拉利昂": 65,
        "塞拉里昂": 7,
    }
    stats = nearmiss.DictionaryStats(normalizer, set(rows), path=_dictionary(tmp_path, rows))
    assert stats.recorded_slips("阿塞拜疆", {"阿赛拜疆", "阿塞拜僵"}) == {"阿赛拜疆"}
    assert not stats.recorded_slips("德黑兰", {"黑德兰"})  # two places differ: another city
    assert not stats.recorded_slips("汪洋", {"江洋"})  # two characters: a word of its own
    assert not stats.recorded_slips("塞拉利昂", {"塞拉里昂"})  # counted too often for a slip


@pytest.mark.parametrize(
    ("text", "span"),
    [("我市企业与阿赛拜疆开展经贸合作。", "阿赛拜疆"), ("代表团访问了马来稀亚。", "马来稀亚")],
)
def test_names_misspelt_in_jiebas_dictionary_are_flagged(
    scanner: Scanner, text: str, span: str
) -> None:
    found = [f for f in scanner.scan(text) if f.category.value == "country_region"]
    assert [text[f.start : f.end] for f in found] == [span]


def test_seams_that_read_as_phrases_are_real(tmp_path: Path, normalizer: Normalizer) -> None:
    folder = tmp_path / "country_region"
    folder.mkdir()
    (folder / "names.yaml").write_text(
        textwrap.dedent("""\
        id: country_region.names
        category: country_region
        severity: serious
        kind: protected
        message: 国名错误
        source: test fixture
        entries:
          - correct: [西班牙王国, 伊拉克共和国, 生态环境部, 十九届六中全会]
            examples:
              bad: 同[[西班牙王囯]]签署协议。
              good: 同西班牙王国签署协议。
        """),
        encoding="utf-8",
    )
    real = nearmiss.real_words(normalizer, [tmp_path], SHIPPED)
    # the term's own words, then a phrase: 西班牙|国王, 伊拉克|和|国际…, 生态环境|补偿
    assert {"西班牙国王", "伊拉克和国", "生态环境补"} <= real
    # typos inside a name stay; 伊拉克共和 is only ever part of the name, so 伊拉克共和过 is
    # no phrase; 十九|六中全会: a numeral takes a measure word (届), not a phrase
    kept = {"西斑牙王国", "伊拉克共和过", "生态环镜部", "十九六中全会"}
    assert kept <= set().union(
        *(
            nearmiss.variants(t, SHIPPED)
            for t in ["西班牙王国", "伊拉克共和国", "生态环境部", "十九届六中全会"]
        )
    )
    assert not real & kept


def test_real_words_reads_the_protected_terms(tmp_path: Path, normalizer: Normalizer) -> None:
    lexicon = _lexicon(tmp_path)
    extra = lexicon / "_data" / "nearmiss_real_words.txt"
    extra.parent.mkdir()
    extra.write_text("# listed by a user\n扫黑险恶\n", encoding="utf-8")
    assert nearmiss.protected_terms(normalizer, [lexicon]) == {
        "扫黑除恶",
        "三中全会",
        "全面从严治党",
        "习近平",
    }
    real = nearmiss.real_words(normalizer, [lexicon], SHIPPED)
    assert "扫黑险恶" in real  # listed
    assert "国法" not in real  # not a variant of any term here: not reported
    assert "三中金会" not in real


class _OneAtATime:
    """The reading model of ``DictionaryStats``, one string at a time and straight from its
    definition: what the batched, indexed implementation must equal to the last bit."""

    def __init__(self, rows: list[tuple[str, int]]) -> None:
        self.total = sum(n for _, n in rows)
        self.word: dict[str, int] = {}
        self.start: dict[str, int] = {}
        self.end: dict[str, int] = {}
        for w, n in rows:
            self.word[w] = self.word.get(w, 0) + n
            for k in range(1, len(w) + 1):
                self.start[w[:k]] = self.start.get(w[:k], 0) + n
                self.end[w[-k:]] = self.end.get(w[-k:], 0) + n
        self.rows = rows

    def inside(self, cand: str) -> int:
        k = len(cand)
        if k < 2:  # a character is no near-miss: never counted
            return 0
        return sum(
            n
            for w, n in self.rows
            if k < len(w)
            for i in range(len(w) - k + 1)
            if w[i : i + k] == cand
        )

    def forward(self, text: str, first: float | None) -> list[float]:
        reach = [0.0] * (len(text) + 1)
        if first is not None:
            reach[0] = first
        for p in range(1, len(text) + 1):
            value = self.end.get(text[:p], 0) / self.total if first is None and p <= 4 else 0.0
            for q in range(max(0, p - 4), p):
                if reach[q]:
                    value += reach[q] * self.word.get(text[q:p], 0) / self.total
            reach[p] = value
        return reach

    def rate(self, cand: str) -> float:
        if len(cand) >= 2 and cand in self.word:
            return float("inf")
        rate = self.inside(cand) / self.total
        n = len(cand)
        if n > 8:
            return rate
        reach = self.forward(cand, None)
        for q in range(max(1, n - 4), n):
            if reach[q]:
                rate += reach[q] * self.start.get(cand[q:], 0) / self.total
        return rate

    def tail_rate(self, text: str) -> float:
        n = len(text)
        if n > 8:
            return 0.0
        reach = self.forward(text, 1.0)
        return sum(
            reach[q] * self.start.get(text[q:], 0) / self.total
            for q in range(max(0, n - 4), n)
            if reach[q]
        )

    def head_rate(self, text: str) -> float:
        return 0.0 if len(text) > 8 else self.forward(text, None)[len(text)]


def test_rates_are_the_reading_model_exactly(tmp_path: Path, normalizer: Normalizer) -> None:
    # a small dictionary over few characters: many readings per string, words that fold
    # together (國家 and 国家), long and one-character words
    rng = random.Random(7)
    alphabet = "国家人民中华发展治理党"
    rows = [("國家", 40), ("国家", 900), ("中华人民共和国", 50), ("民", 3000)]
    rows += [
        ("".join(rng.choice(alphabet) for _ in range(rng.choice([1, 2, 2, 3, 3, 4, 5, 7]))), n)
        for n in rng.choices(range(1, 5000), k=300)
    ]
    path = tmp_path / "dict.txt"
    path.write_text("".join(f"{w} {n} n\n" for w, n in rows), encoding="utf-8")
    model = _OneAtATime([(normalizer.fold(w), n) for w, n in rows])
    texts = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10))) for _ in range(3000)}
    texts |= {w for w, _ in rows}
    stats = nearmiss.DictionaryStats(normalizer, texts, path=path)
    rates = stats.rates(texts)
    tails, heads = stats.tail_rates(texts), stats.head_rates(texts)
    for text in texts:
        assert rates[text] == model.rate(text), text
        assert tails[text] == model.tail_rate(text), text
        assert heads[text] == model.head_rate(text), text


# -- end to end ---------------------------------------------------------------------------

RULES = """\
    id: political_phrase.sample
    category: political_phrase
    severity: serious
    kind: protected
    message: 固定提法错误：“{text}”应为“{suggestion}”。
    source: test fixture
    entries:
      - correct: 扫黑除恶
        examples:
          bad: 深入开展[[扫黑险恶]]专项斗争。
          good: 深入开展扫黑除恶专项斗争。
      - correct: 三中全会
        examples:
          bad: 学习贯彻党的二十届[[三中金会]]精神。
          good: 学习贯彻党的二十届三中全会精神。
      - correct: 全面从严治党
        examples:
          bad: 推进[[全面从治党]]向纵深发展。
          good: 推进全面从严治党向纵深发展。
      - correct: 习近平
        near_miss: true
        examples:
          bad: 中共中央总书记[[习进平]]在会上发表重要讲话。
          good: 中共中央总书记习近平在会上发表重要讲话。
"""


def _lexicon(root: Path) -> Path:
    folder = root / "lexicon" / "political_phrase"
    folder.mkdir(parents=True)
    (folder / "sample.yaml").write_text(textwrap.dedent(RULES), encoding="utf-8")
    return root / "lexicon"


@pytest.fixture(scope="module")
def sample_scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    return Scanner(
        lexicon_dirs=[_lexicon(tmp_path_factory.mktemp("nearmiss"))], include_shipped=False
    )


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("学习贯彻党的二十届三中金会精神。", "三中金会", "三中全会"),  # similar shape
        ("深入开展扫黑险恶专项斗争。", "扫黑险恶", "扫黑除恶"),  # similar shape
        ("深入开展扫除黑恶专项斗争。", "扫除黑恶", "扫黑除恶"),  # adjacent swap
        ("推进全面从治党向纵深发展。", "全面从治党", "全面从严治党"),  # dropped character
        ("推进全面从严严治党向纵深发展。", "全面从严严治党", "全面从严治党"),  # doubled
        ("推进全面从严冶党向纵深发展。", "全面从严冶党", "全面从严治党"),  # 冶/治
        ("总书记习进平在会上发表重要讲话。", "习进平", "习近平"),  # homophone, same tone
        ("深入开展扫黑除饿专项斗争。", "扫黑除饿", "扫黑除恶"),  # homophone, same tone
        ("三 中 金 会", "三 中 金 会", "三中全会"),  # noise inside the variant
    ],
)
def test_variants_are_flagged(
    sample_scanner: Scanner, text: str, span: str, suggestion: str
) -> None:
    [finding] = sample_scanner.scan(text)
    assert finding.text == span
    assert finding.suggestions == (suggestion,)
    assert finding.rule_id == "political_phrase.sample"


@pytest.mark.parametrize(
    "text",
    [
        "学习贯彻党的二十届三中全会精神，深入开展扫黑除恶专项斗争。",
        "推进全面从严治党向纵深发展。",
        "国务院总理李强主持召开国务院常务会议。",
        "十八届二中全会审议通过了有关方案。",  # a numeral change is another real meeting
    ],
)
def test_correct_text_is_not_flagged(sample_scanner: Scanner, text: str) -> None:
    assert sample_scanner.scan(text) == []


def test_variant_that_is_a_real_word_is_not_a_pattern(sample_scanner: Scanner) -> None:
    generated = {
        p
        for p, g in zip(
            sample_scanner.compiled.all_patterns()[: sample_scanner.compiled.error_count],
            sample_scanner.compiled.generated,
            strict=True,
        )
        if g
    }
    assert "三中金会" in generated
    # 二中全会: numeral; 刁近平, 西近平: loose sets, not for a 3-character name
    assert not generated & {"二中全会", "刁近平", "西近平"}
    # every generated pattern points back at its correct form
    assert {g for g in sample_scanner.compiled.generated if g} == {
        "扫黑除恶",
        "三中全会",
        "全面从严治党",
        "习近平",
    }


def test_block_swaps_of_long_formulations() -> None:
    words = {"新发展理念": ["新", "发展", "理念"], "全过程人民民主": ["全过程", "人民", "民主"]}

    def cut(text: str) -> list[str]:
        return words.get(text, [text[i : i + 2] for i in range(0, len(text), 2)])

    assert set(nearmiss.block_swaps("全过程人民民主", cut)) == {"人民全过程民主", "全过程民主人民"}
    assert set(nearmiss.block_swaps("新发展理念", cut)) == {"新理念发展"}
    # a two-word term is never swapped as a whole; short terms are left alone
    assert list(nearmiss.block_swaps("全面依法治国", lambda t: ["全面", "依法治国"])) == []
    assert list(nearmiss.block_swaps("依法治国", cut)) == []
    # a swap whose words form a word of their own is a wording, not an error
    assert (
        list(
            nearmiss.block_swaps(
                "甲乙丙丁戊己", lambda t: [t] if len(t) == 4 else ["甲乙", "丙丁", "戊己"]
            )
        )
        == []
    )


def test_listed_words_may_carry_a_source(tmp_path: Path, normalizer: Normalizer) -> None:
    data = tmp_path / "_data"
    data.mkdir()
    (data / "nearmiss_older.txt").write_text("# header\n中华优秀文化传统  # 2007 报告\n", "utf-8")
    assert nearmiss.listed_words(normalizer, [tmp_path]) == {"中华优秀文化传统"}


def test_word_substitutions_replace_a_word_by_its_listed_synonym() -> None:
    tables = Tables({}, {}, {"过程": ("流程",), "共同体": ("联合体",), "总体": ("整体",)})

    def cut(text: str) -> list[str]:
        return {"全过程人民民主": ["全过程", "人民", "民主"]}.get(text, [text])

    made = nearmiss.edits("全过程人民民主", tables, cut)
    # inside the word 全过程, with the span of the changed character
    assert made["全流程人民民主"] == (1, 2)
    # a word across two words of the cut is not taken
    tables = Tables({}, {}, {"程人": ("程序人",)})
    assert "全过程序人民民主" not in nearmiss.edits("全过程人民民主", tables, cut)
    assert not list(nearmiss.word_substitutions("全过程人民民主", tables, cut))


def test_word_substitutions_of_another_length() -> None:
    # a longer word (中国式 → 中国特色) or a word dropped (集中统一 → 统一)
    tables = Tables({}, {}, {"中国式": ("中国特色",), "集中统一": ("统一",)})
    words = {
        "中国式现代化": ["中国式", "现代化"],
        "党中央集中统一领导": ["党中央", "集中", "统一", "领导"],
    }

    def cut(text: str) -> list[str]:
        return words.get(text, [text])

    assert list(nearmiss.word_substitutions("中国式现代化", tables, cut)) == [
        (None, "中国特色现代化")
    ]
    # the dropped word's place: the term's right part 统一领导 resumes there
    assert nearmiss.edits("党中央集中统一领导", tables, cut)["党中央统一领导"] == (3, 3)


def test_four_character_terms_get_their_words_replaced_by_near_synonyms() -> None:
    tables = Tables({}, {}, {"精准": ("精细",), "乡村": ("农村",)})
    words = {"精准扶贫": ["精准", "扶贫"], "乡村振兴": ["乡村", "振兴"], "准扶": ["准扶"]}

    def cut(text: str) -> list[str]:
        return words.get(text, [text])

    assert nearmiss.edits("精准扶贫", tables, cut)["精细扶贫"] == (1, 2)
    assert "农村振兴" in nearmiss.variants("乡村振兴", tables, cut)
    # three characters are too few: a synonym there makes another word, not a slip
    assert not list(nearmiss.word_substitutions("精准扶", tables, cut))


def test_a_short_terms_synonym_variant_is_real_text_only_as_a_dictionary_word(
    normalizer: Normalizer,
) -> None:
    # two frequent words side by side (精细|扶贫) are what the junction rate always
    # expects; a four-character term's synonym variant is judged by the dictionary alone
    tables = Tables({}, {}, {"精准": ("精细",), "乡村": ("农村",), "自治": ("自主",)})
    made = nearmiss.Variants(tables, Segmenter().tokens)
    found = nearmiss.judge(normalizer, ["精准扶贫", "乡村振兴", "高度自治"], made)
    assert "精细扶贫" not in found.get("精准扶贫", set())
    assert "农村振兴" not in found.get("乡村振兴", set())
    assert made.short_synonyms(["精准扶贫", "乡村振兴战略"]) == {"精细扶贫"}
    # a longer term's variants keep the whole test
    assert made.short_synonyms(["乡村振兴战略"]) == set()


def test_shipped_synonyms_make_the_reported_substitutions() -> None:
    tables = nearmiss.shipped_tables()
    made = nearmiss.variants("人类命运共同体", tables, lambda t: ["人类", "命运", "共同体"])
    assert "人类命运联合体" in made


def test_side_swaps_turn_a_connector_around() -> None:
    term = "以党的自我革命引领社会革命"
    words = {term: ["以", "党", "的", "自我", "革命", "引领", "社会", "革命"]}

    def cut(text: str) -> list[str]:
        return words.get(text, [text])

    assert list(nearmiss.side_swaps(term, cut)) == ["以社会革命引领党的自我革命"]  # 以 stays
    assert "以社会革命引领党的自我革命" in nearmiss.variants(term, NO_TABLES, cut)
    # no direction, no swap: 有为政府和有效市场 is ordinary text
    words["有效市场和有为政府更好结合"] = ["有效", "市场", "和", "有为", "政府", "更好", "结合"]
    assert not list(nearmiss.side_swaps("有效市场和有为政府更好结合", cut))


def test_crossed_items_exchange_two_neighbours_heads_or_tails() -> None:
    crossed = set(nearmiss.crossed_items("科学立法、严格执法、公正司法、全民守法"))
    assert "科学立法、公正执法、严格司法、全民守法" in crossed
    assert "科学立法、严格执法、公正司法、全民守法" not in crossed
    # items of other lengths: the quoted tails exchanged
    crossed = set(nearmiss.crossed_items("遏制耕地“非农化”、防止“非粮化”"))
    assert "遏制耕地“非粮化”、防止“非农化”" in crossed
    # only neighbours, and nothing for a term that is no list
    assert "全民立法、严格执法、公正司法、科学守法" not in set(
        nearmiss.crossed_items("科学立法、严格执法、公正司法、全民守法")
    )
    assert not set(nearmiss.crossed_items("以人民为中心的发展思想"))


def test_crossed_list_is_flagged_and_the_list_is_not() -> None:
    scanner = Scanner()
    found = scanner.scan("深入推进科学立法、公正执法、严格司法、全民守法。")
    assert [f.suggestions for f in found] == [("科学立法、严格执法、公正司法、全民守法",)]
    assert not scanner.scan("深入推进科学立法、严格执法、公正司法、全民守法。")


def test_word_drops_leave_out_a_two_character_word() -> None:
    words = {
        "党中央权威和集中统一领导": ["党中央", "权威", "和", "集中统一", "领导"],
        "科学立法、民主立法、依法立法": [
            "科学",
            "立法",
            "、",
            "民主",
            "立法",
            "、",
            "依法",
            "立法",
        ],
    }

    def cut(text: str) -> list[str]:
        return words.get(text, [text])

    # a four-character word counts as two of two; 6 characters before, 2 after
    assert set(nearmiss.word_drops("党中央权威和集中统一领导", cut)) == {
        "党中央权威和统一领导",
        "党中央权威和集中领导",
    }
    # never the last word, nor one with fewer than 6 characters before it
    assert set(nearmiss.word_drops("科学立法、民主立法、依法立法", cut)) == {
        "科学立法、民主、依法立法",
        "科学立法、民主立法、立法",
    }
    # nor a whole list item
    words["坚持真理、坚守理想、践行初心"] = [
        "坚持",
        "真理",
        "、",
        "坚守",
        "理想",
        "、",
        "践行",
        "初心",
    ]
    assert "坚持真理、坚守理想、初心" in set(
        nearmiss.word_drops("坚持真理、坚守理想、践行初心", cut)
    )
    words["科学立法、民主立法、依法、立法"] = [
        "科学立法",
        "、",
        "民主立法",
        "、",
        "依法",
        "、",
        "立法",
    ]
    assert "科学立法、民主立法、、立法" not in set(
        nearmiss.word_drops("科学立法、民主立法、依法、立法", cut)
    )


def test_pair_swaps_swap_the_sides_of_a_joined_pair() -> None:
    from wording_guard.nearmiss import pair_swaps

    assert list(pair_swaps("物质文明和精神文明相协调的现代化")) == [
        "精神文明和物质文明相协调的现代化"
    ]
    assert list(pair_swaps("人与自然和谐共生")) == ["自然与人和谐共生"]
    assert list(pair_swaps("把马克思主义基本原理同中国具体实际相结合")) == [
        "把中国具体实际同马克思主义基本原理相结合"
    ]
    # no joining predicate after the pair, or too short: nothing
    assert list(pair_swaps("有为政府和有效市场")) == []
    assert list(pair_swaps("和平与发展")) == []


def test_inner_word_drops_leave_out_an_inner_word() -> None:
    from wording_guard.nearmiss import inner_word_drops

    def cut(term: str) -> list[str]:
        return {
            "全过程人民民主": ["全过程", "人民", "民主"],
            "人口规模巨大的现代化": ["人口", "规模", "巨大", "的", "现代化"],
            "政策沟通、设施联通": ["政策", "沟通", "、", "设施", "联通"],
        }[term]

    assert list(inner_word_drops("全过程人民民主", cut)) == ["全过程民主"]
    assert set(inner_word_drops("人口规模巨大的现代化", cut)) == {
        "人口巨大的现代化",
        "人口规模的现代化",
    }
    # a list's items are left to the list checks
    assert list(inner_word_drops("政策沟通、设施联通", cut)) == []
