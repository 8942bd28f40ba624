"""The five-year plan fixer: from the eleventh plan on the document is a 规划."""

from wording_guard.usage import plan_to_guihua


def test_the_last_jihua_becomes_guihua() -> None:
    assert plan_to_guihua("第十五个五年计划") == "第十五个五年规划"
    assert plan_to_guihua("“十四五”计划") == "“十四五”规划"
    assert plan_to_guihua("十二五") == "十二五"  # nothing to change
