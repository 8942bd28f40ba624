"""Spam keywords set letter-spaced (赛 马 会 六 合 彩): the spam rules read such stretches closed
up (normalize.letter_spaced_runs), and what they find is mapped back onto the spaced text."""

from __future__ import annotations

import pytest

from wording_guard import Scanner
from wording_guard.normalize import letter_spaced_runs


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    return Scanner()


def test_runs_are_closed_up_with_their_offsets() -> None:
    text = "公告 六 合 彩 资 料"
    [(closed, at)] = letter_spaced_runs(text)
    assert closed == "六合彩资料"
    assert [text[i] for i in at] == list(closed)


@pytest.mark.parametrize(
    "text",
    ["通 知", "公 告 栏", "张  三  李  四", "北京 上海 广州 深圳", "六|合|彩|资料", "a b c d e"],
)
def test_no_run(text: str) -> None:
    assert letter_spaced_runs(text) == []


def test_spaced_spam_is_found_on_the_spaced_text(scanner: Scanner) -> None:
    text = "市民政局年检结果公告 赛 马 会 六 合 彩 资 料 大 全 免 费 公 开"
    found = [f for f in scanner.scan(text) if f.category.value == "illegal_content"]
    assert [f.text for f in found] == ["六 合 彩 资 料 大 全"]
    assert text[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "通 知 公 告",
        "打 击 六 合 彩 赌 博 专 项 行 动",
        "姓名  张  三  性别  男",
        "欢 迎 光 临",
        # the text around a stretch is read with it: a warning clears it
        "警方提醒：切勿访问 六 合 彩 资 料 大 全 等赌博网站",
    ],
)
def test_spaced_ordinary_text_stays_clean(scanner: Scanner, text: str) -> None:
    assert scanner.scan(text) == []
