"""The ``density`` kind on the shipped spam rule: Chinese brands nobody listed caught by how
densely a brand, a head word and a lure stand across page chrome; ordinary words holding a
cue, cues too far apart and reports on the crackdown left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.errors import LexiconError
from wording_guard.lexicon import load_rule_file

RULE = "illegal_content.spam_density"
FIXTURE = Path(__file__).parent / "fixtures" / "kinds" / "illegal_content" / "density.yaml"


def _density(scanner: Scanner, text: str) -> list[str]:
    return [f.text for f in scanner.scan(text) if f.rule_id == RULE]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # a brand, a head word and a lure in a navigation bar
        ("导航：首页 | 信息公开 | 瑞丰阁娱乐城在线开户", "瑞丰阁娱乐城在线开户"),
        # the pieces parted by commas, a sum of money after a lure kept
        (
            "留言：银狐国际真人娱乐，注册就送88元，日赚千元",
            "银狐国际真人娱乐，注册就送88元，日赚千元",
        ),
        # a brand and a game word with a site's address in a numbered list
        ("推荐：1.县委全会召开 2.金盏宝盒电竞备用网址 3.防汛会议", "金盏宝盒电竞备用网址"),
        # a live-cam site in brackets, the brackets kept
        ("问卷：您是否满意【蜜桃直播一对一】【同城约会】", "【蜜桃直播一对一】【同城约会】"),
    ],
)
def test_brands_nobody_listed(scanner: Scanner, text: str, span: str) -> None:
    assert _density(scanner, text) == [span]


@pytest.mark.parametrize(
    "text",
    [
        # cues too far apart: a clause of prose between them
        "景区开设真人CS、卡丁车等娱乐项目，游客注册即送门票优惠券。",
        # a brand must stand after a separator, not in an enumeration of prose
        "活动室设有棋牌、乒乓球等娱乐设备，会员注册即送体验券。",
        # game words count once: two of them and a lure weigh three
        "县老年大学棋牌、体育兴趣班在线开户缴费通道开通。",
        # an ordinary word holding the head word
        "县融媒体中心直播一对一辅导课程，学生可免费下载课件。",
        # a report naming the bait
        "县公安局破获一起以“瑞丰阁娱乐城”在线开户为名组织网络赌博的案件。",
        # a streaming site's offer: no gambling or porn word
        "芒果视频注册送会员",
    ],
)
def test_ordinary_text_is_no_spam(scanner: Scanner, text: str) -> None:
    assert _density(scanner, text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # a name glued onto a sentence of prose, the evidence strong without it
        ("县委常委会召开鼎泰真人视讯在线开户", "鼎泰真人视讯在线开户"),
        # a word of prose before the run is not taken (过半)
        ("全镇秋收进度过半真人视讯百家乐", "真人视讯百家乐"),
        # nor two characters that begin inside a word (推进中)
        ("稳步推进中真人视讯百家乐", "真人视讯百家乐"),
    ],
)
def test_names_glued_onto_prose(scanner: Scanner, text: str, span: str) -> None:
    assert _density(scanner, text) == [span]


def test_rule_names_only_known_classes(tmp_path: Path) -> None:
    folder = tmp_path / "illegal_content"
    folder.mkdir()
    text = FIXTURE.read_text(encoding="utf-8")
    path = folder / "density.yaml"
    path.write_text(text.replace("before: [head, game]", "before: [head, gaming]"), "utf-8")
    with pytest.raises(LexiconError, match=r"unknown class in brand\.before: gaming"):
        load_rule_file(path)
    path.write_text(text.replace("trigger: true", "trigger: false"), "utf-8")
    with pytest.raises(LexiconError, match="at least one cue class must be a trigger"):
        load_rule_file(path)
