"""The ``evidence`` kind on the shipped spam rule: new brands caught by what spam is made of,
reports and ordinary mentions of sport, lotteries and apps left alone."""

from __future__ import annotations

import pytest

from wording_guard import Scanner

RULE = "illegal_content.spam_evidence"


def _spam(scanner: Scanner, text: str) -> list[str]:
    return [f.text for f in scanner.scan(text) if f.category.value == "illegal_content"]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("市人民政府关于印发工作要点的通知_lkq体育官网", "lkq体育官网"),  # an invented brand
        (
            "关于开展安全检查的通知-星河娱乐·官方网站|星河电竞app下载",
            "星河娱乐·官方网站|星河电竞app下载",
        ),
        ("鑫鼎体育·(中国)官方网站", "鑫鼎体育·(中国)官方网站"),
        ("本站提供时时彩开奖直播", "时时彩开奖直播"),
        ("午夜影院_成人电影_日韩", "午夜影院_成人电影_日韩"),
    ],
)
def test_spam_of_unlisted_brands(scanner: Scanner, text: str, span: str) -> None:
    found = [f for f in scanner.scan(text) if f.rule_id == RULE]
    assert [f.text for f in found] == [span]
    assert all(text[f.start : f.end] == f.text for f in found)


def test_a_listed_string_inside_the_chain_is_reported_by_its_own_rule(scanner: Scanner) -> None:
    # the evidence rule generalises: where a listed term covers part of the chain, the
    # listed rule's finding stands and the guess yields
    found = [(f.rule_id, f.text) for f in scanner.scan("高清无码_午夜影院")]
    assert found == [("illegal_content.porn_terms", "高清无码")]


@pytest.mark.parametrize(
    "text",
    [
        "中国体育彩票官网-开奖公告",  # the state lottery
        "体育彩票投注站负责人参加全市彩票销售业务培训。",
        "警方破获一起利用境外博彩网站官网组织网络赌博的案件。",  # a report on the fight
        "公安机关依法查处利用幸运飞艇开设赌场的犯罪团伙。",
        "持续开展净网行动，清理黄色视频、成人视频等有害信息。",
        "央视体育客户端将直播本场比赛，下载app即可观看。",
        "全民健身|体育赛事直播|官网预约",
        "打造一批国产精品力作，推出高清视频节目。",
        "北京赛车场举办了新能源汽车体验活动。",
    ],
)
def test_reports_and_ordinary_mentions_are_not_spam(scanner: Scanner, text: str) -> None:
    assert _spam(scanner, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # runs of a comma-joined keyword list, each with a porn word, and the list's end; a
        # short run with a porn tag (蜜桃影院: list_tags) joins the list too
        (
            "蜜桃影院，黄色网站，免费看片福利，日韩一区二区",
            "蜜桃影院，黄色网站，免费看片福利，日韩一区二区",
        ),
        ("县卫健委通知 黄色网站,同城约会,一区二区", "黄色网站,同城约会,一区二区"),
    ],
)
def test_comma_joined_keyword_lists(scanner: Scanner, text: str, span: str) -> None:
    found = [f for f in scanner.scan(text) if f.rule_id == RULE]
    assert [f.text for f in found] == [span]


@pytest.mark.parametrize(
    "text",
    [
        # two runs only; the clauses of a rule on traceability codes
        "食用农产品实行一物一码，有码可查，无码禁售。",
        # a run without a trigger word breaks the list (在线 and 视频 are tags)
        "开发区一区二区企业，可在线申报，视频核验。",
        # a comma never counts as a joiner: sport, entertainment and a site in prose
        "丰富群众体育娱乐生活，可登录官网查询演出安排。",
        # a report on the crackdown
        "开展净网行动，清理黄色网站，查处成人视频，打击网络色情。",
    ],
)
def test_clauses_joined_by_commas_are_no_list(scanner: Scanner, text: str) -> None:
    assert _spam(scanner, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # lure words, each ordinary alone, as two items of a keyword chain
        ("县人民政府门户_丝袜美腿_少妇诱惑", "丝袜美腿_少妇诱惑"),
        # a porn word with a dating word as an item of a link list
        ("友情链接：县人民政府 | 约炮同城交友 | 市教育局", "约炮同城交友"),
        # a sum right after the bait belongs to it (the name in the item before is not reached)
        ("金沙湾-官方直营-彩金58元", "官方直营-彩金58元"),
    ],
)
def test_items_of_keyword_chains(scanner: Scanner, text: str, span: str) -> None:
    found = [f for f in scanner.scan(text) if f.rule_id == RULE]
    assert [f.text for f in found] == [span]


@pytest.mark.parametrize(
    "text",
    [
        # lure words in prose, or one of them in a chain
        "面对金钱诱惑不为所动 | 廉洁家风故事",
        "打击偷拍走光违法犯罪_县公安局专项行动",
        # dating and night-life words without a porn word
        "县融媒体中心直播间 | 青年交友联谊会 | 夜色中的古城",
        # court and police news tell a case in prose (被告人, 宣判, 警方 in the sentence)
        "县人民法院一审宣判，被告人李某在网络平台组织他人投注百家乐。",
        "警方介绍，该团伙在境外网站投注百家乐，涉及资金300余万元。",
    ],
)
def test_ordinary_lure_words_and_news_are_not_spam(scanner: Scanner, text: str) -> None:
    assert _spam(scanner, text) == []


def test_news_words_do_not_clear_a_keyword_chain(scanner: Scanner) -> None:
    # a chain joined by _ is spam even in a sentence that names the police: the guard is for
    # prose only
    text = "县公安局开展夏季治安整治行动_蜜桃直播_同城一夜情"
    assert _spam(scanner, text) == ["蜜桃直播_同城一夜情"]


def test_agency_names_in_a_link_list_are_no_news(scanner: Scanner) -> None:
    # 法院 and 公安局 name agencies of a link list spam is injected into, not a case told
    assert _spam(scanner, "县人民检察院 县公安局 幸运飞艇开奖直播 县司法局") == ["幸运飞艇开奖直播"]


def test_latin_words_count_only_whole(scanner: Scanner) -> None:
    # English gambling words in a chain (a footer) are evidence; inside a longer Latin word
    # (bet in alphabet, between) they are not, and English words are no brand of the span
    footer = "Copyright © County Government | Best Online Casino | Sports Betting Odds"
    assert _spam(scanner, footer) == ["Best Online Casino | Sports Betting Odds"]
    assert _spam(scanner, "Alphabet | Betweenness | Oddsmaker Casinoville") == []
    # a word of an English class still counts as a brand code in a Chinese chain
    assert _spam(scanner, "关于做好防汛工作的通知_win体育官网") == ["win体育官网"]


def test_a_metadata_field_ends_the_scope_of_news_words(scanner: Scanner) -> None:
    # the publisher's field (发布机构：××县公安局) tells no case: the ad in the subject field
    # stays evidence, while the same ad inside a police report's sentence is cleared
    ads = "illegal_content.illegal_ads"
    line = "索引号：A01/2023-0042\u3000主题分类：出售钢珠枪气枪微信同号\u3000发布机构：××县公安局"
    assert [f.text for f in scanner.scan(line) if f.rule_id == ads] == ["出售钢珠枪气枪微信同号"]
    prose = "县公安局民警查获一名出售钢珠枪气枪的嫌疑人"
    assert [f for f in scanner.scan(prose) if f.rule_id == ads] == []
