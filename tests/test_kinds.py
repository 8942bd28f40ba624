"""Every rule kind is one self-contained unit: a module with its doc, a fixture whose
examples prove it, and a row in the generated format reference."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.cli import main
from wording_guard.errors import LexiconError
from wording_guard.kinds import KINDS, entry_keys, reference
from wording_guard.lexicon import load_directory, load_rule_file
from wording_guard.selftest import cases, run_case

FIXTURES = Path(__file__).parent / "fixtures" / "kinds"
REPO = Path(__file__).resolve().parent.parent


def _fixture(kind: str) -> Path:
    [path] = list(FIXTURES.glob(f"*/{kind}.yaml"))
    return path


@pytest.fixture(scope="module")
def fixture_scanner() -> Scanner:
    return Scanner([FIXTURES], include_shipped=False)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_kind_has_doc_module_and_fixture(name: str) -> None:
    kind = KINDS[name]
    assert kind.name == name
    for text in (kind.doc.what, kind.doc.why, kind.doc.example):
        assert len(text.strip()) > 20
    module = importlib.import_module(f"wording_guard.kinds.{name}")
    assert module.KIND is kind  # one module per kind, named after it
    assert entry_keys(kind), "a kind has keys of its own"
    loaded = load_rule_file(_fixture(name))
    assert loaded.rule.kind == name  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_fixture_examples_prove_the_kind(fixture_scanner: Scanner, name: str) -> None:
    loaded = load_rule_file(_fixture(name))
    found = list(cases([loaded]))
    assert any(c.name.endswith(":bad") for c in found)
    assert any(c.name.endswith(":good") for c in found)
    for case in found:
        assert run_case(fixture_scanner, case) is None, case.name


def test_every_fixture_is_a_kind() -> None:
    names = {p.stem for p in FIXTURES.glob("*/*.yaml")}
    assert names == set(KINDS)
    assert len(load_directory(FIXTURES)) == len(KINDS)


def test_format_reference_is_generated_and_current() -> None:
    doc = (REPO / "docs" / "lexicon-format.md").read_text(encoding="utf-8")
    assert reference() in doc, "run: python scripts/kind_docs.py"
    for name in KINDS:
        assert f"### `{name}`" in doc


def test_explain_shows_the_kind_doc(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "typo.official_terms"]) == 0
    out = capsys.readouterr().out
    assert KINDS["replace"].doc.what in out


@pytest.mark.parametrize(
    ("kind", "extra", "key"),
    [
        ("terms", "    valid_from: 2020-01-01\n", "valid_from"),  # no meaning for a term list
        ("replace", "    items: [甲, 乙]\n", "items"),
        ("office", "    near_miss: false\n", "near_miss"),
        ("regex", "    near_miss: false\n", "near_miss"),
    ],
)
def test_keys_a_kind_does_not_take_fail_at_load(
    tmp_path: Path, kind: str, extra: str, key: str
) -> None:
    text = _fixture(kind).read_text(encoding="utf-8")
    marker = "    examples:\n"
    text = text.replace(marker, extra + marker, 1)
    path = tmp_path / _fixture(kind).parent.name / f"{kind}.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=key) as info:
        load_rule_file(path)
    assert info.value.path == str(path) and info.value.line is not None


def test_evidence_rule_names_only_known_classes(tmp_path: Path) -> None:
    folder = tmp_path / "illegal_content"
    folder.mkdir()
    text = _fixture("evidence").read_text(encoding="utf-8")
    (folder / "evidence.yaml").write_text(
        text.replace("{gambling: 1, promo: 1}", "{gamble: 1, promo: 1}"), encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="unknown class in require: gamble"):
        load_rule_file(folder / "evidence.yaml")
    (folder / "evidence.yaml").write_text(
        text.replace("trigger: true", "trigger: false"), encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="at least one class must be a trigger"):
        load_rule_file(folder / "evidence.yaml")
    (folder / "evidence.yaml").write_text(
        text.replace("{gambling: 1, promo: 1}", "{gambling: 1, list: 3}"), encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="requires list, but the rule names no lists"):
        load_rule_file(folder / "evidence.yaml")


def test_bad_pattern_and_unknown_validator_fail_at_load(tmp_path: Path) -> None:
    folder = tmp_path / "typo"
    folder.mkdir()
    text = _fixture("regex").read_text(encoding="utf-8")
    (folder / "regex.yaml").write_text(text.replace("(?:19|20)", "(?:19|20"), encoding="utf-8")
    with pytest.raises(LexiconError, match="bad pattern"):
        load_rule_file(folder / "regex.yaml")
    # a build checks a user's lexicons as fully (only the shipped files, whose patterns the
    # test suite compiles, skip compiling them)
    with pytest.raises(LexiconError, match="bad pattern"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)
    loaded = load_rule_file(folder / "regex.yaml", shipped=True)
    assert any("(?:19|20[" in e.pattern for e in loaded.rule.entries)  # type: ignore[attr-defined]
    (folder / "regex.yaml").write_text(
        text.replace("validator: impossible_date", "validator: no_such_check"), encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="unknown validator 'no_such_check'"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("十", 10), ("十九", 19), ("二十", 20), ("二十一", 21), ("九十九", 99), ("20", 20)],
)
def test_meeting_numbers(text: str, value: int) -> None:
    from wording_guard.kinds.meeting import number

    assert number(text) == value


@pytest.mark.parametrize("text", ["十十", "二二", "一百", "零", "二十十"])
def test_meeting_numbers_reject_what_is_no_number(text: str) -> None:
    from wording_guard.kinds.meeting import number

    assert number(text) is None


def test_meeting_facts_are_one_line_per_session(tmp_path: Path) -> None:
    # a session added to the fact table is the only change needed to judge it
    text = _fixture("meeting").read_text(encoding="utf-8")
    folder = tmp_path / "meeting_name"
    folder.mkdir()
    (folder / "meeting.yaml").write_text(text, encoding="utf-8")
    before = Scanner([tmp_path], include_shipped=False, use_cache=False)
    sentence = "2026年，二十届五中全会在北京召开。"
    assert before.scan(sentence) == []  # the 20th committee's fifth plenum is not listed
    (folder / "meeting.yaml").write_text(
        text.replace("20: [2022, 2023, 2024, 2025]", "20: [2022, 2023, 2024, 2025, 2025]"),
        encoding="utf-8",
    )
    after = Scanner([tmp_path], include_shipped=False, use_cache=False)
    [found] = after.scan(sentence)
    # (the term held no plenum in 2026: the year is fixed)
    assert found.text == "2026年，二十届五中全会"
    assert found.suggestions == ("2025年，二十届五中全会",)


def test_idiom_list_with_a_bad_line_fails_at_compile(tmp_path: Path) -> None:
    (tmp_path / "typo").mkdir()
    (tmp_path / "idioms.txt").write_text("# list\n严惩不贷\n严惩\n", encoding="utf-8")
    rule = (FIXTURES / "typo" / "idiom.yaml").read_text(encoding="utf-8")
    (tmp_path / "typo" / "idiom.yaml").write_text(
        rule.replace("../_idioms/idioms.txt", "../idioms.txt"), encoding="utf-8"
    )
    with pytest.raises(LexiconError) as err:
        Scanner([tmp_path], include_shipped=False)
    assert "idioms.txt" in str(err.value) and "3" in str(err.value)
    assert "'严惩' is not four Chinese characters" in str(err.value)


def test_idiom_middle_position_needs_the_model(tmp_path: Path) -> None:
    (tmp_path / "typo").mkdir()
    rule = (FIXTURES / "typo" / "idiom.yaml").read_text(encoding="utf-8")
    (tmp_path / "typo" / "idiom.yaml").write_text(
        rule.replace("[first, last]", "[first, middle, last]"), encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="middle position needs the rule's model"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("他几十年如一日为山区教育呕心历血。", "呕心历血", "呕心沥血"),  # the third
        ("全体干部兢兢叶业，服务群众。", "兢兢叶业", "兢兢业业"),
        ("这个景观令人叹为观之。", "叹为观之", "叹为观止"),  # the last, as before
    ],
)
def test_idiom_slips_in_the_middle(scanner: Scanner, text: str, span: str, fix: str) -> None:
    found = [f for f in scanner.scan(text) if f.rule_id == "typo.idiom_slips"]
    assert [(f.text, f.suggestions) for f in found] == [(span, (fix,))]


@pytest.mark.parametrize(
    "text",
    [
        "资金到位后，加快了项目开工和建设。",  # 开工 + 和 + 建设, no slip of 工程建设
        "他为山区教育呕心沥血几十年。",
    ],
)
def test_idiom_middle_leaves_phrases_alone(scanner: Scanner, text: str) -> None:
    assert [f.text for f in scanner.scan(text) if f.rule_id == "typo.idiom_slips"] == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("干部要争抓实干，服务群众。", "争抓实干", "真抓实干"),  # zhēng for zhēn
        ("做好工作必须坚持世事求是。", "世事求是", "实事求是"),  # 世事 is a word
        # 墨守成 is a dictionary word, yet nothing but 规 follows it
        ("解放思想，不能墨守成归。", "墨守成归", "墨守成规"),
    ],
)
def test_idiom_slips_at_distinct_places(scanner: Scanner, text: str, span: str, fix: str) -> None:
    found = [f for f in scanner.scan(text) if f.rule_id == "typo.idiom_slips"]
    assert [(f.text, f.suggestions) for f in found] == [(span, (fix,))]


def _distinct_rule(tmp_path: Path, anchors: str) -> Path:
    (tmp_path / "typo").mkdir(parents=True)
    (tmp_path / "anchors.tsv").write_text(anchors, encoding="utf-8")
    (tmp_path / "near.tsv").write_text("# near sounds\n贷\t怠黛\n", encoding="utf-8")
    rule = (FIXTURES / "typo" / "idiom.yaml").read_text(encoding="utf-8")
    rule = rule.replace(
        "idioms: ../_idioms/idioms.txt\n",
        "idioms: ../_idioms/idioms.txt\nanchors: ../anchors.tsv\nnear_sounds: ../near.tsv\n",
    )
    (tmp_path / "typo" / "idiom.yaml").write_text(
        rule.replace("../_idioms/", str(FIXTURES / "_idioms") + "/"), encoding="utf-8"
    )
    return tmp_path


def test_idiom_near_sounds_only_at_distinct_places(tmp_path: Path) -> None:
    # 黛 is no confusable of 贷 in the tables, only in this near-sound file
    text = "一经查实严惩不黛。"
    distinct = _distinct_rule(tmp_path / "a", "# anchors\n严惩不贷\t3\t0\t0\t0\t0\n")
    found = Scanner([distinct], include_shipped=False, use_cache=False).scan(text)
    assert [(f.text, f.suggestions) for f in found] == [("严惩不黛", ("严惩不贷",))]
    # 严惩不_ seen once with another character, the idiom only three times: not distinct
    seen = _distinct_rule(tmp_path / "b", "# anchors\n严惩不贷\t3\t0\t0\t0\t1\n")
    assert Scanner([seen], include_shipped=False, use_cache=False).scan(text) == []


def test_idiom_anchors_with_a_bad_line_fail_at_compile(tmp_path: Path) -> None:
    _distinct_rule(tmp_path, "严惩不贷\t3\t0\t0\n")
    with pytest.raises(LexiconError, match="not an idiom and five counts"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)


def test_slips_file_with_a_bad_line_fails_at_compile(tmp_path: Path) -> None:
    (tmp_path / "typo").mkdir()
    (tmp_path / "slips.tsv").write_text(
        "# list\n依法刑政\t依法行政\n指辉部 指挥部\n", encoding="utf-8"
    )
    rule = (FIXTURES / "typo" / "slips.yaml").read_text(encoding="utf-8")
    (tmp_path / "typo" / "slips.yaml").write_text(
        rule.replace("../_slips/slips.tsv", "../slips.tsv"), encoding="utf-8"
    )
    with pytest.raises(LexiconError) as err:
        Scanner([tmp_path], include_shipped=False, use_cache=False)
    assert "slips.tsv:3" in str(err.value) and "wrong<TAB>correct" in str(err.value)


def test_slips_leave_a_form_another_rule_generates_to_that_rule(fixture_scanner: Scanner) -> None:
    # 扫黑险恶 is in the fixture list and is also a near-miss the protected fixture makes of
    # 扫黑除恶: the protected rule keeps it
    found = fixture_scanner.scan("开展扫黑险恶专项斗争。")
    assert [(f.text, f.rule_id) for f in found] == [("扫黑险恶", "political_phrase.protected")]


def test_a_slip_yields_to_a_listed_error_it_overlaps(scanner: Scanner) -> None:
    # 廉正建设 is a generated slip of 廉政建设; 党风廉正 is listed by typo.official_terms
    found = scanner.scan("全面加强党风廉正建设。")
    assert [(f.text, f.rule_id) for f in found] == [("党风廉正", "typo.official_terms")]
    found = scanner.scan("加强廉正建设。")
    assert [(f.text, f.rule_id, f.suggestions) for f in found] == [
        ("廉正建设", "typo.common_word_slips", ("廉政建设",))
    ]


def test_idiom_misspellings_list_is_reproducible(tmp_path: Path) -> None:
    # the shipped list is what the build script makes of jieba's dictionary and the review
    spec = importlib.util.spec_from_file_location(
        "build_idiom_misspellings", REPO / "scripts" / "build_idiom_misspellings.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "idiom_misspellings.tsv"
    assert module.main(["--out", str(out)]) == 0
    shipped = REPO / "lexicons" / "_data" / "idiom_misspellings.tsv"
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")


def test_idiom_misspellings_catch_dictionary_words(scanner: Scanner) -> None:
    # jieba lists 成群结对 and 全神关注 as words, which the idiom kind skips, whichever
    # character of the idiom is replaced
    found = scanner.scan("游客成群结对，大家全神关注地听讲。")
    assert [(f.text, f.rule_id, f.suggestions) for f in found] == [
        ("成群结对", "typo.idiom_misspellings", ("成群结队",)),
        ("全神关注", "typo.idiom_misspellings", ("全神贯注",)),
    ]
    # 九宵云外 holds 九宵, which typo.common_words lists: that rule reports it
    found = scanner.scan("抛到九宵云外。")
    assert [(f.text, f.rule_id) for f in found] == [("九宵", "typo.common_words")]


def _regex_rule(tmp_path: Path, entry: str) -> Path:
    folder = tmp_path / "improper_wording"
    folder.mkdir(exist_ok=True)
    (folder / "marks.yaml").write_text(
        "id: improper_wording.marks\ncategory: improper_wording\nseverity: improper\n"
        "kind: regex\nmessage: 标点：{text}\nsource: GB/T 15834-2011\nentries:\n" + entry,
        encoding="utf-8",
    )
    return folder


def test_a_regex_in_the_original_view_tells_latin_marks_from_chinese(tmp_path: Path) -> None:
    # folding makes ， and , one character: only the original text tells them apart, and
    # an original-view entry's triggers are looked for as written
    _regex_rule(
        tmp_path,
        "  - view: original\n    pattern: '(?<=\\p{Han}),(?=\\p{Han})'\n    triggers: [',']\n"
        "    examples: {bad: '全年[[,]]共', good: '全年，共'}\n",
    )
    scanner = Scanner([tmp_path], include_shipped=False, use_cache=False)
    assert [(f.start, f.text) for f in scanner.scan("调整结构,必须坚持，从实际出发。")] == [
        (4, ",")
    ]
    assert scanner.scan("调整结构，必须坚持，从实际出发。") == []
    assert scanner.scan("调整结构；必须坚持。") == []  # no trigger: not run


def test_an_original_view_regex_takes_no_requires_gate(tmp_path: Path) -> None:
    folder = _regex_rule(
        tmp_path,
        "  - view: original\n    pattern: ','\n    requires: ','\n"
        "    examples: {bad: '全年[[,]]共', good: '全年共'}\n",
    )
    with pytest.raises(LexiconError, match="requires gates the folded view"):
        load_rule_file(folder / "marks.yaml")


@pytest.mark.parametrize(
    ("fixer", "match", "fixed"),
    [
        ("full_width_marks", "(处)", "（处）"),
        ("drop_dunhao", "三、四十", "三四十"),
        ("drop_last_mark", "吗？”？", "吗？”"),
        ("comma_for_dunhao", "第二、", "第二，"),
        ("arabic_magnitude", "1千", "1000"),
        ("arabic_magnitude", "2.5千", "2500"),
        ("arabic_magnitude", "３百", "300"),
        ("range_unit", "5-10%", "5%～10%"),
        ("range_unit", "10—20万", "10万—20万"),
        ("range_unit", "0.5～1.5亿", "0.5亿～1.5亿"),
        ("dotted_date", "2024.01.05", "2024年1月5日"),
        ("document_serial", "〔2023〕第05号", "〔2023〕5号"),
        ("document_serial", "〔2023〕010号", "〔2023〕10号"),
        ("celsius_after_number", "摄氏15度", "15摄氏度"),
        ("celsius_after_number", "摄氏零下6.5度", "零下6.5摄氏度"),
        ("celsius_after_number", "零下摄氏5度", "零下5摄氏度"),
        ("celsius_after_number", "摄氏三十二度", "三十二摄氏度"),
    ],
)
def test_usage_fixers(fixer: str, match: str, fixed: str) -> None:
    from wording_guard import usage

    assert getattr(usage, fixer)(match) == fixed


def test_a_year_before_the_verb_dates_only_the_meeting_it_names(scanner: Scanner) -> None:
    # 召开的 + a congress's short name that goes on to a plenum is a malformed plenum (another
    # check's), not the congress of another year
    found = scanner.scan("1978年12月召开的党的十一大三中全会实现了伟大转折。")
    assert not [f for f in found if f.text.startswith("1978")]
    # (the year and the name disagree: both are marked, the congress of 1997 suggested)
    [wrong] = [
        f
        for f in scanner.scan("1997年召开的党的十六大把邓小平理论写入党章。")
        if f.text.startswith("1997")
    ]
    assert wrong.text == "1997年召开的党的十六大"
    assert wrong.suggestions == ("1997年召开的党的十五大",)


# A meeting given to the wrong plenum or session, or dated against the facts, names the wrong
# meeting: 严重表述错误 (CONTEXT.md: meeting_name is serious), whichever check finds it.
_WRONG_MEETINGS = [
    # not_yet_held: the 机构改革方案 of 2023 was the second plenum's
    (
        "根据党的二十届三中全会审议通过的《党和国家机构改革方案》，县里组建社会工作部。",
        "2023-05-10",
    ),
    # not_yet_held: a session after the text's date
    ("3月5日上午，十四届全国人大四次会议在人民大会堂开幕。", "2025-03-05"),
    # held_in_other_year: a first plenum dated in another term's year
    ("中国共产党第十五届中央委员会第一次全体会议于2002年11月15日在北京举行。", "2002-11-20"),
    # held_on_other_day: the day's news names the session of that day
    ("十四届全国人大二次会议在人民大会堂开幕。", "2025-03-05"),
    # held_on_other_day: days of the text's own year
    ("二十届中央纪委二次全会于1月8日至10日在北京举行。", "2024-01-15"),
    # other_plenum_document
    ("党的十九届五中全会审议通过了关于党的百年奋斗重大成就和历史经验的决议。", None),
    # superseded: last year's session watched as this year's
    ("全县人大代表集中收看十四届全国人大二次会议开幕会直播。", "2025-03-05"),
]


@pytest.mark.parametrize(("text", "date"), _WRONG_MEETINGS)
def test_a_meeting_named_for_another_is_serious(
    scanner: Scanner, text: str, date: str | None
) -> None:
    found = [f for f in scanner.scan(text, date=date) if f.category == "meeting_name"]
    assert found, text
    assert {f.severity.value for f in found} == {"serious"}


def test_the_meeting_facts_checks_are_all_serious() -> None:
    rule = load_rule_file(REPO / "lexicons" / "meeting_name" / "structure.yaml").rule
    facts = {
        "no_such_session",
        "held_in_other_year",
        "not_yet_held",
        "held_on_other_day",
        "other_plenum_document",
        "held_elsewhere",
        "superseded",
    }
    severities = {e.check: e.severity or rule.severity for e in rule.entries if e.check in facts}
    assert set(severities) == facts
    assert set(severities.values()) == {"serious"}


@pytest.mark.parametrize(
    ("date", "found"),
    [
        ("2022-03-04", False),  # before this year's session: last year's is the latest
        ("2022-03-05", True),  # this year's opened
        ("2022-04-11", True),  # 31 days after it closed on 03-11
        ("2022-04-12", False),  # later: a text may study any session
    ],
)
def test_an_earlier_years_session_is_this_years_only_up_to_a_month_after_it(
    scanner: Scanner, date: str, found: bool
) -> None:
    text = "县人大常委会组织学习十三届全国人大四次会议精神。"
    hits = [f for f in scanner.scan(text, date=date) if f.category == "meeting_name"]
    assert [f.suggestions for f in hits] == ([("十三届全国人大五次会议",)] if found else [])


def test_the_national_term_order_is_the_grammars_whatever_the_term(scanner: Scanner) -> None:
    # one rule and one severity for any term: the generated near-misses of the listed
    # sessions do not report the swapped order of their own (improper: the order is
    # non-standard, the meeting named is the right one)
    for text in ("全国人大十四届三次会议在京开幕。", "全国人大九届二次会议在京开幕。"):
        [found] = [f for f in scanner.scan(text) if f.category == "meeting_name"]
        assert (found.rule_id, found.severity.value) == ("meeting_name.structure", "improper")
    [found] = scanner.scan("十二届全国政协三次会议在京开幕。")
    assert found.suggestions == ("全国政协十二届三次会议",)
    # a county's own session: the same grammar, improper
    [found] = scanner.scan("县人大十八届四次会议胜利闭幕。")
    assert (found.rule_id, found.severity.value) == ("meeting_name.structure", "improper")


def test_a_rank_heading_a_chain_of_offices_is_checked_against_the_name_after_it(
    scanner: Scanner,
) -> None:
    def ranks(text: str) -> list[str]:
        return [
            f.suggestions[0]
            for f in scanner.scan(text, date="2024-06-01")
            if f.rule_id == "leader_name.politburo_ranks"
        ]

    assert ranks("中共中央政治局委员、上海市委书记、市人大常委会主任丁薛祥出席。") == [
        "中共中央政治局常委、上海市委书记、市人大常委会主任丁薛祥"
    ]
    # a list of groups, not a chain of one person's offices
    assert ranks("出席会议的中央政治局常委、委员、书记处书记王毅在会上讲话。") == []
    assert ranks("中央政治局委员和国务委员王毅出席。") == []
