"""Organisation names with a word put as a near word, their suffix as another body's, or an
inner word left out (``protected`` rules with ``name_words``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.errors import LexiconError
from wording_guard.kinds.protected import NameWords, name_variants
from wording_guard.lexicon import load_rule_file

TABLE = NameWords(
    words={"合作": ("协作",), "世界": ("国际",)},
    ends={"组织": ("机构", "基金会"), "基金组织": ("基金会",)},
)


def _cut(words: dict[str, list[str]]) -> object:
    return lambda text: words.get(text, [text])


def test_a_word_a_suffix_and_a_dropped_word() -> None:
    cut = _cut({"上海合作组织": ["上海", "合作", "组织"]})
    assert name_variants("上海合作组织", TABLE, cut) == {  # type: ignore[arg-type]
        "上海协作组织",
        "上海合作机构",
        "上海合作基金会",
    }  # (上海组织: too short to stand for the name)
    cut = _cut({"海湾阿拉伯国家合作组织": ["海湾", "阿拉伯", "国家", "合作", "组织"]})
    made = name_variants("海湾阿拉伯国家合作组织", TABLE, cut)  # type: ignore[arg-type]
    assert {"海湾国家合作组织", "海湾阿拉伯合作组织", "海湾阿拉伯国家组织"} <= made


def test_a_word_is_replaced_only_where_it_is_one() -> None:
    # 合作 across two words of the cut (国合|作社) is no word of the name
    cut = _cut({"世界国合作社组织": ["世界", "国合", "作社", "组织"]})
    made = name_variants("世界国合作社组织", TABLE, cut)  # type: ignore[arg-type]
    assert "世界国协作社组织" not in made
    assert "国际国合作社组织" in made


def test_a_suffix_never_repeats_the_word_before_it() -> None:
    cut = _cut({"国际货币基金组织": ["国际", "货币", "基金", "组织"]})
    made = name_variants("国际货币基金组织", TABLE, cut)  # type: ignore[arg-type]
    assert "国际货币基金会" in made
    assert "国际货币基金基金会" not in made


RULE = """\
id: country_region.bodies
category: country_region
severity: serious
kind: protected
message: 国际组织名称错误
source: test fixture
name_words: {table}
entries:
  - correct: [世界贸易组织]
    examples:
      bad: 我国加入[[国际贸易机构]]以来。
      good: 我国加入世界贸易组织以来。
  - correct: [上海合作组织]
    examples:
      bad: "[[上海协作组织]]峰会开幕。"
      good: 上海合作组织峰会开幕。
"""


def _folder(root: Path, table: str = "../_data/names.tsv") -> Path:
    (root / "_data").mkdir(parents=True)
    (root / "_data" / "names.tsv").write_text(
        "# test table\n合作\t协作\tword\tcooperation\n世界\t国际\tword\tworld\n"
        "组织\t机构\tend\torganisation\n",
        encoding="utf-8",
    )
    (root / "_data" / "nearmiss_bodies.txt").write_text(
        "国际贸易组织  # a real body of 1948\n", encoding="utf-8"
    )
    (root / "country_region").mkdir()
    (root / "country_region" / "bodies.yaml").write_text(RULE.format(table=table), encoding="utf-8")
    return root


def test_variants_are_flagged_and_real_bodies_are_not(tmp_path: Path) -> None:
    scanner = Scanner([_folder(tmp_path)], include_shipped=False)
    found = scanner.scan("上海协作组织峰会开幕，国际贸易组织曾于1948年拟设。")
    assert [(f.text, f.suggestions) for f in found] == [("上海协作组织", ("上海合作组织",))]


def test_a_missing_table_fails_at_load(tmp_path: Path) -> None:
    folder = _folder(tmp_path, table="../_data/none.tsv")
    load_rule_file(folder / "country_region" / "bodies.yaml")  # the file is valid on its own
    with pytest.raises(LexiconError, match="name_words"):
        Scanner([folder], include_shipped=False).scan("上海合作组织")
