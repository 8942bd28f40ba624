"""A warning term in quotation marks that the sentence speaks of as words, in a sentence that
condemns it (以“无效退款”等虚假用语误导消费者, 宣称“包治百病”被查处), is mentioned, not used: the
improper_wording rules do not flag it.
The same term written as the text's own words still is; a misspelt formulation stays wrong in
quotes too, and so do spam keywords quoted in a report of the hack (they are on the page)."""

from __future__ import annotations

import pytest

import wording_guard


def _rules(text: str) -> list[tuple[str, str]]:
    return [(f.rule_id.split(".")[0], f.text) for f in wording_guard.scan(text)]


@pytest.mark.parametrize(
    "text",
    [
        # a list of quotations named by a noun after it, adjectives of a claim between
        "市场监管局曝光一批违法药品广告，其中多条以“无效退款”“三十分钟见效”等虚假用语误导消费者。",
        "该保健品包装上标有“药到病除”字样，已被责令下架。",
        "部分商家以“根治”“无效退款”之类的宣传语招揽顾客，涉嫌虚假宣传。",
        # a verb of claiming or containing right before the quotation
        "这家诊所在宣传单上宣称“无效退款”，被市场监管部门立案调查。",
        "有的药品广告打出“药到病除”的旗号，消费者要提高警惕。",
        "该店铺在网页中使用“国家级新药”，被责令整改。",
    ],
)
def test_a_quoted_claim_the_sentence_speaks_of_is_not_flagged(text: str) -> None:
    assert [r for r in _rules(text) if r[0] == "improper_wording"] == []


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # the text's own claim
        ("本院专治各类疑难杂症，无效退款。", "无效退款"),
        # quoted, but as the text's own promise: no frame names it as words
        ("本店郑重承诺“无效退款”。", "无效退款"),
        # quoted, but the frame does not reach it: another quotation is not listed next to it
        ("广告称疗效显著，“药到病除”，深受欢迎。", "药到病除"),
        # a frame, but the sentence repeats the claim without condemning it
        ("这款药品在宣传中自称“国家级新药”，销量增长三成。", "国家级新药"),
    ],
)
def test_the_same_claim_used_is_still_flagged(text: str, term: str) -> None:
    assert ("improper_wording", term) in _rules(text)


def test_a_wrong_formulation_in_the_same_frame_is_still_wrong() -> None:
    # only the wording categories read the frame: a misspelt formulation stays an error
    found = _rules("会议要求杜绝“不忘初心、牢忘使命”等错误提法。")
    assert ("political_phrase", "不忘初心、牢忘使命") in found


def test_spam_keywords_quoted_in_a_report_of_the_hack_are_still_found() -> None:
    found = _rules("镇政府网站首页出现“澳门百家乐|真人荷官|首存即送”字样，网站已被篡改。")
    assert [r for r in found if r[0] == "illegal_content"]
