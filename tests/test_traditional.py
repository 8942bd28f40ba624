"""The ``traditional`` kind: protected names in traditional characters checked against the
standard conversions, on the shipped lexicons."""

from __future__ import annotations

import pytest

from wording_guard import Scanner

RULE = "typo.traditional_conversion"


def _hits(scanner: Scanner, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestions[0]) for f in scanner.scan(text) if f.rule_id == RULE]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("堅持新髮展理念，推動高質量發展。", "新髮展理念", "新發展理念"),  # 髮 is hair
        ("全面準確貫徹一國兩製方針。", "一國兩製", "一國兩制"),  # 製 is to manufacture
        # no protected name here: the clause is traditional, 髮 is hair
        ("沿海經濟髮達地區要發揮帶動作用。", "髮達", "發達"),
        # a simplified character left in a clause written in traditional characters
        ("加強干部隊伍建設，提高服務水準。", "干部隊伍", "幹部隊伍"),
        # a form the fold keeps: the clause simplified by the word and converted back
        ("全縣乾部參加搶險。", "乾部", "幹部"),
        # a clause of two characters after digits: its sentence is traditional
        ("新修道路12公裏，連接三個鄉鎮。", "公裏", "公里"),
        # a name the phrase tables convert otherwise than the character's default
        ("範仲淹曾在此地任知州，後人建祠紀念。", "範仲淹", "范仲淹"),
    ],
)
def test_a_wrong_one_of_several_traditional_forms_is_flagged(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    assert _hits(scanner, text) == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "堅持新發展理念，推動高質量發展。",  # OpenCC's standard form
        "全面準確貫徹一國兩制方針。",
        "坚持新发展理念，全面准确贯彻一国两制方针。",  # simplified: not this rule's business
        "堅持新发展理念。",  # mixed scripts: each character is a right one
        "我国与其他WTO成员开展了多轮磋商。",  # width and case folds are no conversions
        "他的頭髮很長，面色紅潤。",  # 頭髮 is hair; 面色 keeps 面
        "錯綜複雜的國際形勢。",  # a standard reading with its neighbours (错综复 alone: 錯綜復)
        "中共中央总书记、国家主席習進平主持会议并发表重要讲话。",  # simplified text, one name
        "他們在臺灣和台灣的朋友都來了。",  # 台/臺 are both in use: not checked
        "王丙乾同志的遺體安臥在鮮花翠柏叢中。",  # 乾 in a name: 王丙干 is no word
        "乾隆年間修建的古橋，天氣乾燥時要防火。",  # 乾 where t2s keeps it, and 乾燥
        "這裏的範圍很大，其餘的在瀋陽，沈先生負責。",  # 範圍 by the default; 沈 the surname
        "台灣的鍾姓人家很多，鍾先生今天來了。",  # 钟 is not checked (的鐘 is a phrase)
    ],
)
def test_standard_and_simplified_forms_pass(scanner: Scanner, text: str) -> None:
    assert _hits(scanner, text) == []


def test_the_span_points_into_the_original(scanner: Scanner) -> None:
    text = "第一段。\n堅持新髮展理念。"
    [found] = [f for f in scanner.scan(text) if f.rule_id == RULE]
    assert text[found.start : found.end] == "新髮展理念"
    assert (found.line, found.column) == (2, 3)


def test_the_typo_model_leaves_traditional_sentences_alone(scanner: Scanner) -> None:
    """The character model knows simplified text: 隨著, 處於, 瞭解 are right in a sentence
    written in traditional characters, while 随著 is a slip in a simplified one."""
    statistical = "typo.statistical"
    text = "隨著經濟社會的發展，我們處於關鍵時期，要瞭解群眾需求。"
    assert [f for f in scanner.scan(text) if f.rule_id == statistical] == []
    found = [f.text for f in scanner.scan("随著经济社会的发展，群众需求日益多样。")]
    assert "随著" in found


@pytest.mark.parametrize(
    "text",
    [
        "代表團參觀了香港中環皇后像廣場，隨後前往立法會綜合大樓。",
        "今後五年，我們將繼續推進改革。",
        "活動結束後，與會人員先後發言。",
        "我們堅持以人民為中心。育人的根本在於立德。全面貫徹黨的教育方針。",
    ],
)
def test_a_kept_traditional_character_is_no_typo_in_a_traditional_sentence(
    scanner: Scanner, text: str
) -> None:
    # 後 is in GB 2312, so folding keeps it: in a traditional sentence it is right
    assert [f.text for f in scanner.scan(text) if f.category == "typo"] == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("代表团参观了广场，随後前往大楼。", "随後"),  # a slip of conversion in simplified text
        ("今後五年，我们将继续推进改革。", "今後五年"),
        ("我們堅持依法刑政，今後繼續努力。", "依法刑政"),  # a typo without 後 stays a typo
    ],
)
def test_kept_traditional_characters_in_simplified_text_and_other_typos_stay_flagged(
    scanner: Scanner, text: str, span: str
) -> None:
    assert span in [f.text for f in scanner.scan(text) if f.category == "typo"]


@pytest.mark.parametrize(
    "text",
    [
        "我國是人民民主專政的社會主義國家，國家一切權力屬於人民。",  # 於: GB 2312 holds it
        "堅持好幹部標準，選拔忠誠乾淨擔當的高素質專業化幹部。",  # 乾淨 is right here
        "積極推進區域全面經濟夥伴關係協定談判。",  # 夥
        "實施醫療衞生強基工程，加強護理、兒科服務。",  # 衞: Hong Kong's 衛
    ],
)
def test_formulations_in_traditional_text_stand_as_written(scanner: Scanner, text: str) -> None:
    assert [(f.rule_id, f.text) for f in scanner.scan(text) if f.severity != "notice"] == []
