"""A listed provincial leader right after a bare title (省长, 省委书记, 市委书记) must hold a
title of that kind at the page's date (kind ``office``, ``held_titles``)."""

from __future__ import annotations

import wording_guard


def _held(text: str, date: str | None) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (f.text, f.suggestions)
        for f in wording_guard.scan(text, date=date)
        if f.rule_id == "leader_name.provincial_offices"
    ]


def test_title_of_another_kind_at_the_date_suggests_his_title_then() -> None:
    # 娄勤俭 was 江苏省委书记 from 2017-10; 胡春华 河北省长 2008-04 to 2009-12
    assert _held("省长娄勤俭到南通调研港口建设。", "2020-08-10") == [
        ("省长娄勤俭", ("江苏省委书记娄勤俭",))
    ]
    assert _held("省委书记胡春华到保定调研。", "2008-10-10") == [
        ("省委书记胡春华", ("河北省长胡春华",))
    ]
    # right while he held it: nothing
    assert _held("省委书记娄勤俭到南通调研港口建设。", "2020-08-10") == []
    assert _held("省长胡春华到保定调研。", "2008-10-10") == []


def test_title_he_had_left_suggests_the_former_one() -> None:
    # 汪洋 left 广东 in 2012-12 for the State Council
    assert _held("省委书记汪洋到韶关调研。", "2014-03-10") == [
        ("省委书记汪洋", ("原省委书记汪洋",))
    ]
    assert _held("原省委书记汪洋到韶关调研。", "2014-03-10") == []
    assert _held("时任省委书记汪洋到韶关调研。", "2014-03-10") == []
    assert _held("前省委书记汪洋到韶关调研。", "2014-03-10") == []


def test_a_year_of_the_sentence_within_his_term() -> None:
    assert _held("2011年，省委书记汪洋到韶关调研。", "2014-03-10") == []
    # a year outside it does not help
    assert _held("2014年，省委书记汪洋到韶关调研。", "2014-03-10") == [
        ("省委书记汪洋", ("原省委书记汪洋",))
    ]


def test_elections_deputies_acting_and_undated_text_are_not_checked() -> None:
    assert _held("会议选举娄勤俭为省长。", "2020-08-10") == []
    assert _held("省长娄勤俭当选省人大常委会主任。", "2020-08-10") == []
    assert _held("副省长娄勤俭到南通调研。", "2020-08-10") == []
    assert _held("代省长娄勤俭到南通调研。", "2020-08-10") == []
    assert _held("省长娄勤俭到南通调研港口建设。", None) == []


def test_terms_of_unknown_bounds_are_never_flagged() -> None:
    # 罗清泉 湖北省省长 and 刘淇 北京市市长: neither start nor end given
    assert _held("省长罗清泉到武汉调研。", "2019-06-10") == []
    assert _held("市长刘淇到通州调研。", "2010-06-10") == []


def test_city_titles_only_against_a_title_held_then() -> None:
    # 市委书记 on a city page is the city's: a listed person is flagged only where he held
    # another title of the table then (郭金龙, 北京市长 2007-11 to 2012-07)
    assert _held("市委书记郭金龙到通州调研。", "2010-03-10") == [
        ("市委书记郭金龙", ("北京市长郭金龙",))
    ]
    assert _held("市委书记郭金龙到通州调研。", "2014-03-10") == []
    # after all his offices: no former suggestion for a city title
    assert _held("市委书记郭金龙到通州调研。", "2019-03-10") == []
    assert _held("市长王岐山到通州调研。", "2010-03-10") == []


def test_a_governor_after_his_dated_term_is_a_former_one() -> None:
    # 谢伏瞻 河南省省长 2013-03 to 2016-04 (provincial_offices)
    assert _held("省长谢伏瞻到郑州调研。", "2019-06-10") == [("省长谢伏瞻", ("原省长谢伏瞻",))]
