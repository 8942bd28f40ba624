"""The surface-form checks on the shipped lexicons: a protected name broken by whitespace
(kind ``split``), and a wrong traditional character inside a protected name reported under
the name's own category (kind ``traditional``)."""

from __future__ import annotations

import pytest

from wording_guard import Scanner

SPLIT = "typo.split_names"
TRADITIONAL = "typo.traditional_conversion"


def _found(scanner: Scanner, text: str, rule: str) -> list[tuple[str, str, str, str]]:
    return [
        (f.text, f.suggestions[0], str(f.category.value), str(f.severity.value))
        for f in scanner.scan(text)
        if f.rule_id == rule
    ]


@pytest.mark.parametrize(
    ("text", "span", "fix", "category"),
    [
        ("国家主席胡锦 涛出席会议并讲话。", "胡锦 涛", "胡锦涛", "leader_name"),
        (
            "全会审议通过了《决定》，十八届\u3000三中全会精神要学深悟透。",
            "十八届\u3000三中全会",
            "十八届三中全会",
            "meeting_name",
        ),
        (
            "依据《中华人民\u00a0共和国宪法》开展宣传。",
            "中华人民\u00a0共和国",
            "中华人民共和国",
            "country_region",
        ),
        (
            "深入推进供给侧结构性 改革。",
            "供给侧结构性 改革",
            "供给侧结构性改革",
            "political_phrase",
        ),
        (
            "国家发展和改革 委员会印发通知。",
            "国家发展和改革 委员会",
            "国家发展和改革委员会",
            "agency_name",
        ),
        # one line break inside a name, in a text not hard-wrapped elsewhere
        ("会议由习近\n平主持。\n全体人员参加。", "习近\n平", "习近平", "leader_name"),
    ],
)
def test_whitespace_inside_a_protected_name_is_reported_under_its_category(
    scanner: Scanner, text: str, span: str, fix: str, category: str
) -> None:
    found = _found(scanner, text, SPLIT)
    assert found == [(span, fix, category, "improper")]
    (finding,) = [f for f in scanner.scan(text) if f.rule_id == SPLIT]
    assert text[finding.start : finding.end] == span  # offsets into the original text


@pytest.mark.parametrize(
    "text",
    [
        "习近平 总书记强调，要抓好落实。",  # name and title
        "出席会议的有：习近平 李强 赵乐际 王沪宁。",  # a list
        "中 华 人 民 共 和 国 国 务 院",  # letter-spaced heading
        "主  持：李  鹏",  # an aligned two-character name
        "胡锦涛同志的讲话\n十八届三中全会的决定",  # line breaks between names, not inside
    ],
)
def test_whitespace_beside_or_around_names_is_not_reported(scanner: Scanner, text: str) -> None:
    assert _found(scanner, text, SPLIT) == []


def test_a_hard_wrapped_text_has_its_line_breaks_inside_names_left_alone(
    scanner: Scanner,
) -> None:
    # a plain-text archive wrapped at a fixed width: line breaks fall inside words and names
    wrapped = (
        "会议传达学习了十九届四中全会精神，全体党员参\n"
        "加，会议要求各支部认真组织学习，习近\n"
        "平总书记的重要讲话精神要落实到位。"
    )
    assert _found(scanner, wrapped, SPLIT) == []
    # the same text on one line, with the break inside the name only: reported
    single = wrapped.replace("参\n加", "参加")
    assert [f[0] for f in _found(scanner, single, SPLIT)] == ["习近\n平"]
    # a space inside a name is no wrap: reported in a hard-wrapped text too
    spaced = wrapped.replace("习近\n平", "习近 平")
    assert [f[0] for f in _found(scanner, spaced, SPLIT)] == ["习近 平"]


@pytest.mark.parametrize(
    ("text", "span", "fix", "category", "severity"),
    [
        (
            "深入貫徹落實科學髮展觀，堅持以人為本。",
            "科學髮展觀",
            "科學發展觀",
            "political_phrase",
            "serious",
        ),
        (
            "會議傳達第十一屆全國人民代錶大會第四次會議精神。",
            "第十一屆全國人民代錶大會第四次會議",
            "第十一屆全國人民代表大會第四次會議",
            "meeting_name",
            "serious",
        ),
        ("會見時，範長龍強調要加強兩軍交流。", "範長龍", "范長龍", "leader_name", "serious"),
        # a name matched beside a title by another kind, no protected form
        ("全國人大常委會副委員長瀋躍躍出席會議。", "瀋躍躍", "沈躍躍", "leader_name", "serious"),
    ],
)
def test_a_traditional_slip_inside_a_protected_form_carries_its_category(
    scanner: Scanner, text: str, span: str, fix: str, category: str, severity: str
) -> None:
    assert _found(scanner, text, TRADITIONAL) == [(span, fix, category, severity)]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("區發改局印發年度工作計划，明確重點項目。", "計划", "計劃"),
        ("全區新增專業技朮人員一千名，結構持續優化。", "技朮人員", "技術人員"),
    ],
)
def test_a_trap_character_in_an_ordinary_word_stays_a_typo(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    assert _found(scanner, text, TRADITIONAL) == [(span, fix, "typo", "improper")]


@pytest.mark.parametrize(
    "text",
    [
        "會見時，范長龍強調要加強交流，沈躍躍主持大會。",
        "各單位要制定工作計劃，划船比賽照常舉行，白朮是一味中藥。",
        "他從瀋陽出發，頭髮花白，情況複雜，製造業發展，准許通行。",
        "各单位要制定工作计划，专业技术人员一千名。",  # simplified text is not judged
    ],
)
def test_right_traditional_and_simplified_text_is_left_alone(scanner: Scanner, text: str) -> None:
    assert _found(scanner, text, TRADITIONAL) == []


def test_an_id_number_broken_by_a_line_break_is_found_and_masked(scanner: Scanner) -> None:
    text = "拟录用人员陈某，身份证号4201061921\n03150521，报考岗位为综合执法岗。"
    found = [f for f in scanner.scan(text) if f.rule_id == "privacy.resident_id"]
    assert [(f.text, f.suggestions[0]) for f in found] == [
        ("4201061921\n03150521", "420106****\n****0521")
    ]
    # closed up with a wrong check digit: no ID number
    assert not [
        f for f in scanner.scan(text.replace("0521", "0522")) if f.category.value == "privacy"
    ]
