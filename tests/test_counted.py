"""The ``counted`` kind: counts read as numbers in slots, judged against an entry's counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.kinds.counted import Pattern

LEXICON = """\
id: political_phrase.counts
category: political_phrase
severity: serious
kind: counted
message: 数字错误：“{text}”应为“{suggestion}”。
source: test
entries:
  - correct: 四个自信
    valid_from: 2016-07-01
    older: 三个自信
    when: {near: [坚定]}
    quoted: true
    examples: {bad: "坚定[[五个自信]]。", good: "坚定四个自信。"}
  - correct: 三严三实
    examples: {bad: "践行[[三严两实]]。", good: "践行三严三实。"}
  - correct: 中央八项规定
    examples: {bad: "落实[[中央九项规定]]。", good: "落实中央八项规定。"}
  - correct: 两个一百年
    counts: [2]
    others: 三个一百年
    examples: {bad: "实现[[四个一百年]]。", good: "实现两个一百年。"}
  - correct: 十四个坚持
    when: {near: [基本方略]}
    examples: {bad: "“[[十三个坚持]]”基本方略。", good: "“十四个坚持”基本方略。"}
  - correct: 十个坚持
    when: {near: [历史经验]}
    examples: {bad: "“[[九个坚持]]”历史经验。", good: "“十个坚持”历史经验。"}
"""


@pytest.fixture(scope="module")
def scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    root = tmp_path_factory.mktemp("lex")
    (root / "political_phrase").mkdir()
    (root / "political_phrase" / "counts.yaml").write_text(LEXICON, encoding="utf-8")
    return Scanner([Path(root)], include_shipped=False, use_cache=False)


def _found(scanner: Scanner, text: str, date: str | None = None) -> list[tuple[str, str, str]]:
    return [(f.text, f.suggestions[0], f.severity.value) for f in scanner.scan(text, date=date)]


def test_patterns_read_every_numeral_run_or_the_listed_counts() -> None:
    assert Pattern.of("四个自信") == (Pattern(("", "个自信")), (4,))
    assert Pattern.of("三严三实") == (Pattern(("", "严", "实")), (3, 3))
    assert Pattern.of("中央八项规定") == (Pattern(("中央", "项规定")), (8,))
    assert Pattern.of("五位一体", [5]) == (Pattern(("", "位一体")), (5,))
    assert Pattern.of("两个一百年", [2])[1] == (2,)
    assert Pattern(("", "严", "实")).counts_of("两严三实") == (2, 3)
    assert Pattern(("", "个自信")).counts_of("四个意识") is None
    # one-character parts: the anchors hold a count between the first two (严三实)
    assert ("严三实", 4) in Pattern(("", "严", "实")).anchors()
    with pytest.raises(ValueError):
        Pattern.of("五位一体", [6])
    with pytest.raises(ValueError):
        Pattern.of("个自信")


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("坚定五个自信。", None, [("五个自信", "四个自信", "serious")]),
        ("坚定十五个自信。", None, [("十五个自信", "四个自信", "serious")]),  # the whole run
        ("坚定5个自信。", None, [("5个自信", "四个自信", "serious")]),
        ("坚定四个自信。", None, []),
        ("坚定4个自信。", None, []),  # the right count in digits: not this kind's
        ("一个自信开放的中国，坚定。", None, []),  # 一个: an article
        ("坚定第五个自信。", None, []),  # an ordinal
        ("坚定数十个自信。", None, []),  # a vague number
        ("坚定其余三个自信。", None, []),  # a part of the list
        ("建立五个自信。", None, []),  # `when` does not hold …
        ("争做“五个自信”好少年。", None, [("五个自信", "四个自信", "serious")]),  # … quoted
        ("坚定三个自信。", None, [("三个自信", "四个自信", "improper")]),  # outdated
        ("坚定三个自信。", "2016-06-30", []),  # before the change
        ("坚定三个自信。", "2016-07-01", []),  # the day of the change has both
        ("坚定三个自信。", "2016-07-02", [("三个自信", "四个自信", "improper")]),
        ("2015年，全县坚定三个自信。", None, []),  # the sentence speaks of 2015
        ("2015年，全县坚定五个自信。", None, []),  # before the formulation: not checked
        ("从坚定三个自信到坚定四个自信。", None, []),  # names the new count: history
        ("践行三严二实。", None, [("三严二实", "三严三实", "serious")]),
        ("践行两严三实。", None, [("两严三实", "三严三实", "serious")]),
        ("践行三老四严。", None, []),
        ("落实中央十项规定。", None, [("中央十项规定", "中央八项规定", "serious")]),
        ("落实省委十项规定。", None, []),
        ("实现三个一百年。", None, []),  # others: a real count of its own
        ("实现五个一百年。", None, [("五个一百年", "两个一百年", "serious")]),
        # two entries of one pattern: each one's count is right for the other
        ("“十个坚持”基本方略。", None, []),
        ("“十四个坚持”历史经验。", None, []),
        ("“十一个坚持”历史经验。", None, [("十一个坚持", "十个坚持", "serious")]),
    ],
)
def test_counts(scanner: Scanner, text: str, date: str | None, expected: list) -> None:
    assert _found(scanner, text, date) == expected


def test_the_shipped_entries_quote_corrections_and_judge_dates() -> None:
    shipped = Scanner()
    assert _found(shipped, "“五个自信”应为“四个自信”。") == []  # a correction cites it
    assert _found(shipped, "坚定“五个自信”。") == [("五个自信", "四个自信", "serious")]
    assert _found(shipped, "践行三大全球倡议。", "2025-05-01") == []
    assert _found(shipped, "践行三大全球倡议。", "2025-10-01") == [
        ("三大全球倡议", "四大全球倡议", "improper")
    ]


def test_older_forms_need_the_date_they_went_out_of_force(tmp_path: Path) -> None:
    from wording_guard.errors import LexiconError
    from wording_guard.lexicon import load_rule_file

    bad = LEXICON.split("entries:")[0] + "entries:\n  - correct: 四个自信\n    older: 三个自信\n"
    bad += "    examples: {bad: '[[五个自信]]', good: 四个自信}\n"
    (tmp_path / "political_phrase").mkdir()
    path = tmp_path / "political_phrase" / "counts.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(LexiconError, match="valid_from"):
        load_rule_file(path)
    path.write_text(bad.replace("older: 三个自信", "older: 三个意识"), encoding="utf-8")
    with pytest.raises(LexiconError, match="other counts"):
        load_rule_file(path)
