"""Names and forms used at a time they did not fit: a body named before it was set up
(registry check ``not_yet``), a year written for the ties with a country (anniversary check
``stated_year``), a list written out without its name (enumeration ``alone`` with dated
versions), and dated forms that leave undated text alone (``undated: false``)."""

from __future__ import annotations

import datetime as dt

import pytest

from wording_guard import Scanner


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


def _hits(
    scanner: Scanner, text: str, date: dt.date | None = None
) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule_id, f.text, f.suggestions) for f in scanner.scan(text, date=date)]


def test_a_body_before_its_year_is_flagged_with_the_body_of_that_time(scanner: Scanner) -> None:
    text = "根据国家卫生健康委员会的通知，全市开展爱国卫生月活动。"
    assert _hits(scanner, text, dt.date(2015, 4, 2)) == [
        ("agency_name.central_registry", "国家卫生健康委员会", ("国家卫生和计划生育委员会",))
    ]
    assert _hits(scanner, text, dt.date(2010, 4, 2)) == [
        ("agency_name.central_registry", "国家卫生健康委员会", ("卫生部",))
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("根据国家卫生健康委员会的通知，全市开展爱国卫生月活动。", dt.date(2018, 1, 5)),
        ("根据国家卫生健康委员会的通知，全市开展爱国卫生月活动。", None),
        ("2015年，国家卫生健康委员会下发通知。", dt.date(2024, 1, 5)),
        ("方案提出组建应急管理部。", dt.date(2017, 12, 5)),
        ("各级应急管理部门要做好防汛准备。", dt.date(2016, 7, 1)),
    ],
)
def test_a_body_in_its_time_or_in_a_plan_stands(
    scanner: Scanner, text: str, date: dt.date | None
) -> None:
    assert not [h for h in _hits(scanner, text, date) if h[0] == "agency_name.central_registry"]


def test_a_wrong_year_of_ties_is_flagged_from_the_year_to_the_phrase(scanner: Scanner) -> None:
    assert _hits(scanner, "2020年3月，我国与洪都拉斯正式建交。") == [
        (
            "country_region.diplomatic_ties",
            "2020年3月，我国与洪都拉斯正式建交",
            ("2023年3月，我国与洪都拉斯正式建交",),
        )
    ]
    assert not _hits(scanner, "2023年3月26日，我国与洪都拉斯正式建交。")
    # restored ties are read only as such: 1985 was Nicaragua's first year of ties
    assert not _hits(scanner, "1985年12月，中国同尼加拉瓜建交。")


def test_a_list_without_its_name_is_judged_by_the_version_of_its_time(scanner: Scanner) -> None:
    slip = "协调推进全面建成小康社会、全面深化改造、全面依法治国、全面从严治党的战略布局。"
    found = _hits(scanner, slip, dt.date(2016, 3, 15))
    assert [h[0] for h in found] == ["political_phrase.enumerations"]
    assert found[0][2] == ("全面建成小康社会、全面深化改革、全面依法治国、全面从严治党",)
    # the list of its time, right, in a later page: no other version flags it
    right = "协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。"
    assert not _hits(scanner, right, dt.date(2024, 3, 15))
    assert not _hits(scanner, right)


def test_an_undated_form_of_its_time_is_left_alone(scanner: Scanner) -> None:
    text = "要加快转变经济增长方式，提高经济效益。"
    assert not _hits(scanner, text)
    assert [h[1] for h in _hits(scanner, text, dt.date(2011, 4, 1))] == ["转变经济增长方式"]


@pytest.mark.parametrize(
    ("date", "flagged"),
    [
        (dt.date(2018, 6, 1), False),  # before the first renaming
        (dt.date(2021, 6, 14), True),  # between the two: the city was 努尔苏丹
        (dt.date(2023, 5, 18), False),  # the name restored
        (None, False),  # unknown time: read as now
    ],
)
def test_a_name_out_of_use_between_two_days(
    scanner: Scanner, date: dt.date | None, flagged: bool
) -> None:
    text = "代表团抵达哈萨克斯坦首都阿斯塔纳，出席地方合作论坛。"
    hits = [h for h in _hits(scanner, text, date) if h[0] == "country_region.capitals"]
    assert bool(hits) is flagged
    if flagged:
        assert hits[0][1:] == ("哈萨克斯坦首都阿斯塔纳", ("哈萨克斯坦首都努尔苏丹",))


def test_a_year_in_the_sentence_outside_the_period_stands(scanner: Scanner) -> None:
    text = "2023年，代表团抵达哈萨克斯坦首都阿斯塔纳。"
    assert not [h for h in _hits(scanner, text, dt.date(2021, 6, 14)) if "capitals" in h[0]]


def test_a_new_body_is_judged_by_the_day_it_began_work(scanner: Scanner) -> None:
    # 国家疾病预防控制局 was set up on 2021-05-13: a page of March that year names no body
    text = "3月，国家疾病预防控制局印发通知，部署春季传染病防控工作。"
    assert _hits(scanner, text, dt.date(2021, 3, 16)) == [
        ("agency_name.central_registry", "国家疾病预防控制局", ())
    ]
    assert _hits(scanner, text, dt.date(2021, 6, 1)) == []
    # 国家数据局's director was appointed on 2023-07-28, before it was set up (2023-10-25)
    assert _hits(scanner, "国家数据局局长出席论坛并致辞。", dt.date(2023, 8, 20)) == []
    assert [h[1] for h in _hits(scanner, "国家数据局印发通知。", dt.date(2023, 6, 21))] == [
        "国家数据局"
    ]


def test_a_meeting_named_before_its_first_session(scanner: Scanner) -> None:
    text = "县委宣传部传达学习全国宣传思想文化工作会议精神。"
    assert _hits(scanner, text, dt.date(2018, 8, 24)) == [
        (
            "meeting_name.central_meetings_registry",
            "全国宣传思想文化工作会议",
            ("全国宣传思想工作会议",),
        )
    ]
    assert _hits(scanner, text, dt.date(2023, 10, 9)) == []


def test_commemoration_meetings_are_read_only_when_held(scanner: Scanner) -> None:
    held = "9月3日，纪念中国人民抗日战争暨世界反法西斯战争胜利70周年大会在北京隆重举行。"
    found = [
        f
        for f in scanner.scan(held, date=dt.date(2025, 9, 3))
        if f.category.value == "meeting_name"
    ]
    assert [f.text for f in found] == ["中国人民抗日战争暨世界反法西斯战争胜利70周年大会"]
    assert found[0].suggestions[0].endswith("80周年大会")
    cited = "学习在纪念中国人民抗日战争暨世界反法西斯战争胜利70周年大会上的讲话。"
    assert not [
        f
        for f in scanner.scan(cited, date=dt.date(2025, 9, 3))
        if f.category.value == "meeting_name"
    ]
