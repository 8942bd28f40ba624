"""The homophone kind: whole words typed for another of the same pinyin."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.errors import LexiconError
from wording_guard.kinds.homophone import FEATURES, HomophoneFinder, _neighbours

FIXTURES = Path(__file__).parent / "fixtures" / "kinds"


def _finder(scanner: Scanner) -> HomophoneFinder:
    return next(f for f, _ in scanner._finders if isinstance(f, HomophoneFinder))


def test_judgements_expose_every_feature() -> None:
    scanner = Scanner([FIXTURES], include_shipped=False)
    (data,) = scanner.compiled.kind_data["homophone"]
    [judged] = list(_finder(scanner).judgements(data, "要推动荆棘发展。"))
    assert (judged.start, judged.word, judged.correction) == (3, "荆棘", "经济")
    assert len(judged.features) == len(FEATURES)
    assert judged.features[FEATURES.index("seams")] == 2.0


def test_a_word_used_again_nearby_is_meant() -> None:
    scanner = Scanner([FIXTURES], include_shipped=False)
    (data,) = scanner.compiled.kind_data["homophone"]
    once, twice = (
        next(iter(_finder(scanner).judgements(data, text))).features
        for text in ("要推动荆棘发展。", "要推动荆棘发展。荆棘丛生。")
    )
    repeated = FEATURES.index("repeated")
    assert (once[repeated], twice[repeated]) == (0.0, 1.0)


def test_a_table_that_is_no_table_fails_at_compile(tmp_path: Path) -> None:
    (tmp_path / "typo").mkdir()
    (tmp_path / "_homophones").mkdir()
    (tmp_path / "_homophones" / "table.json").write_text('{"format": "other"}', encoding="utf-8")
    (tmp_path / "_model").mkdir()
    (tmp_path / "_model" / "tiny.bin.gz").write_bytes(
        (FIXTURES / "_model" / "tiny.bin.gz").read_bytes()
    )
    rule = (FIXTURES / "typo" / "homophone.yaml").read_text(encoding="utf-8")
    (tmp_path / "typo" / "homophone.yaml").write_text(rule, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"table\.json: not a word homophone table"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)


def test_neighbours_are_the_words_around_a_word_of_its_own() -> None:
    words = ["要", "推动", "荆棘", "发展", "。"]
    assert _neighbours(words, 3, 2) == ("推动", "发展")
    assert _neighbours(["荆棘", "\n"], 0, 2) == ("<s>", "</s>")
    assert _neighbours(["推动荆", "棘"], 2, 2) == (None, None)  # not cut as a word


@pytest.mark.parametrize(
    ("text", "span", "fix", "severity"),
    [
        ("请各有关淡味认真贯彻执行。", "淡味", "单位", "improper"),
        # 桂花 is a word official text writes itself (notice_common): a notice
        ("国务院关于印发“十四五”规划桂花纲要的通知", "桂花", "规划", "notice"),
    ],
)
def test_shipped_table_catches_input_method_slips(
    scanner: Scanner, text: str, span: str, fix: str, severity: str
) -> None:
    found = [f for f in scanner.scan(text) if f.rule_id == "typo.word_homophones"]
    assert [(f.text, f.suggestions[0], f.severity.value) for f in found] == [(span, fix, severity)]


def test_a_word_official_text_writes_is_a_notice_beside_a_word(scanner: Scanner) -> None:
    # 地址 and 违犯 are words the counted official text writes itself (notice_common): beside
    # the word their seam joins them to (灾害, 党纪) they are a notice at most
    for text, span, fix in (
        ("防范山体滑坡等地址灾害。", "地址", "地质"),
        ("对违犯党纪的行为要严肃处理。", "违犯", "违反"),
    ):
        found = [f for f in scanner.scan(text) if f.rule_id == "typo.word_homophones"]
        assert [(f.text, f.suggestions[0], f.severity.value) for f in found] == [
            (span, fix, "notice")
        ]
    # a seam against a one-character word only (号|游轮: a ship's name) says nothing
    text = "图为长江号游轮停靠在国际邮轮码头。"
    assert [f.text for f in scanner.scan(text) if f.rule_id == "typo.word_homophones"] == []


@pytest.mark.parametrize(
    "text",
    [
        "县委书记深入田间地头，了解烤烟种植情况。",  # a local crop, not 考验
        "养殖户应严格落实非洲猪瘟防控措施，禁止使用泔水喂猪。",  # no evidence for 为主
        "评级机构为四个资信良好的企业出具了报告。",  # 四个自信 is the lexicons' to judge
        "山路两旁长满荆棘。",
        "两大产业的比例关系，已经基本上趋于协调。",  # 趋于 is common in official text
    ],
)
def test_shipped_table_leaves_real_words_alone(scanner: Scanner, text: str) -> None:
    assert [f.text for f in scanner.scan(text) if f.rule_id == "typo.word_homophones"] == []


def test_the_table_is_read_through_a_copy_in_the_cache(tmp_path: Path) -> None:
    from wording_guard.kinds.homophone import Table

    path = FIXTURES / "_homophones" / "table.json"
    first = Table.load_cached(path, tmp_path)
    (copy,) = tmp_path.glob("homophones-*.pickle")
    assert Table.load_cached(path, tmp_path).__dict__ == first.__dict__
    copy.write_bytes(b"damaged")  # never trusted: read again and rewritten
    assert Table.load_cached(path, tmp_path).__dict__ == first.__dict__
    assert copy.read_bytes() != b"damaged"


@pytest.mark.parametrize(
    "text", ["有关淡味同志", "淡味", "|有关淡味", "a0淡味，。", "要求每年照开一次会议"]
)
def test_the_window_scores_each_correction_as_written_out(text: str) -> None:
    # _Window reads the context once for all corrections: the very same sums as the four
    # trigrams of the text with the correction written in
    from wording_guard.charmodel import BREAK, classes
    from wording_guard.kinds.homophone import _Window
    from wording_guard.scanner import default_scanner

    finder = _finder(default_scanner())
    data = finder._rules[0][0]
    model = finder._models.get(data.model)

    def written_out(local: str, i: int) -> float:
        lo = max(0, i - 2)
        padded = BREAK * (2 - (i - lo)) + classes(local[lo : i + 4]) + BREAK * 4
        return sum(model.logp(padded[p - 2], padded[p - 1], padded[p]) for p in range(2, 6))

    for at in range(len(text) - 1):
        window = _Window(model, text, at)
        assert window.logp() == written_out(text, at)
        for x in ("单位", "召开", "a0", "，会"):
            assert window.logp(x) == written_out(text[:at] + x + text[at + 2 :], at)


def test_a_suspect_official_text_never_uses_is_weighed_without_a_seam() -> None:
    # 刑政: official text never writes it as a word, and 打破|行政 is far commoner than
    # 打破|刑政, though each pair around 刑政 was seen (no seam): the seamless weights score it
    scanner = Scanner()
    (data,) = scanner.compiled.kind_data["homophone"]
    finder = _finder(scanner)
    [judged] = [j for j in finder.judgements(data, "要坚决打破刑政性垄断。") if j.kept]
    assert (judged.word, judged.correction, judged.seamless) == ("刑政", "行政", True)
    assert judged.features[FEATURES.index("seams")] == 0.0
    assert data.probability(judged.features, True) > data.levels[0][1]
    # where no correction's pair with a neighbour is far commoner (当政者, 老书局): not weighed
    assert not list(finder.judgements(data, "当政者要勤政为民。这家老书局出版了很多古籍。"))
    # a rule without seamless weights needs a seam, as before
    plain = replace(data, seamless=None, never_used=frozenset())
    assert not list(finder.judgements(plain, "要坚决打破刑政性垄断。"))


def test_a_suspect_inside_a_string_official_text_writes_is_not_weighed() -> None:
    # 极性: never a word of its own in official text, but inside 积极性 all the time
    scanner = Scanner()
    (data,) = scanner.compiled.kind_data["homophone"]
    index = data.suspects.index("极性")
    assert index in data.never_used
    assert not list(_finder(scanner).judgements(data, "要充分调动干部群众的积极性。"))
