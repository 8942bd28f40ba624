"""The ``division`` kind: place names against the register of administrative divisions, on
the shipped lexicons (real register) and on broken rule files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wording_guard import Scanner
from wording_guard.errors import LexiconError

RULE = "country_region.place_names"
FIXTURES = Path(__file__).parent / "fixtures" / "kinds"


def _hits(scanner: Scanner, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestions[0]) for f in scanner.scan(text) if f.rule_id == RULE]


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("山东省南京市的科技企业数量居全省前列。", "山东省南京市", "江苏省南京市"),
        ("河北西安的城墙吸引了大批游客。", "河北西安", "陕西西安"),
        (
            "湖南省延边朝鲜族自治州开展边境贸易。",
            "湖南省延边朝鲜族自治州",
            "吉林省延边朝鲜族自治州",
        ),
        (
            "云南省恩施土家族苗族自治州的茶叶远销海外。",
            "云南省恩施土家族苗族自治州",
            "湖北省恩施土家族苗族自治州",
        ),
        (
            "湖北省恩施苗族土家族自治州的茶叶远销海外。",
            "恩施苗族土家族自治州",
            "恩施土家族苗族自治州",
        ),
        ("浙江昆山市的外资企业超过万家。", "浙江昆山市", "江苏昆山市"),  # a county-level city
    ],
)
def test_places_outside_their_province_and_misordered_units(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    assert _hits(scanner, text) == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "北京朝阳国际灯光消费季启动。",  # 朝阳区 of Beijing, 朝阳市 of Liaoning
        "重庆彭水县发生山体崩塌。",  # short for 彭水苗族土家族自治县
        "这里是上海南京西路。",  # a street named after a city
        "在天津朝阳里社区，志愿者上门服务。",
        "成为陕西重庆两地重要的省际通道。",  # two provinces
        "北京城区出现降雨天气。",  # 城区 is a district's name in several cities
        "上海合作组织峰会在天津举行。",  # 合作市 is a county-level city: not looked for bare
        "一九九〇年，四川涪陵地区遭受洪灾。",  # 涪陵 was in Sichuan then
    ],
)
def test_real_usage_is_not_flagged(scanner: Scanner, text: str) -> None:
    assert _hits(scanner, text) == []


DEPARTMENTS = "agency_name.local_departments"


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("广东省公安局发布了春运出行提示。", "公安局", "公安厅"),
        ("经省审计局审计，该项目资金使用规范。", "审计局", "审计厅"),
        ("杭州市财政厅下达了专项资金。", "财政厅", "财政局"),
        ("长春市朝阳区教育厅组织了教师培训。", "教育厅", "教育局"),  # 长春's district
    ],
)
def test_department_named_at_the_wrong_level(
    scanner: Scanner, text: str, span: str, fix: str
) -> None:
    found = [(f.text, f.suggestions[0]) for f in scanner.scan(text) if f.rule_id == DEPARTMENTS]
    assert found == [(span, fix)]


@pytest.mark.parametrize(
    "text",
    [
        "广东省公安厅发布了春运出行提示。",
        "广东省统计局发布了经济运行数据。",  # 局 at the provincial level too
        "北京市朝阳区教育委员会组织了教师培训。",
        "北京市朝阳区教育厅组织了教师培训。",  # a municipality's district: names vary, not judged
        "全省公安局长会议在广州召开。",  # the heads of the province's city bureaus
        "城市管理局的执法人员清理了占道经营。",
        "香港特区政府教育局公布了新学年安排。",  # Hong Kong's bureaus are 局
    ],
)
def test_department_names_that_stand(scanner: Scanner, text: str) -> None:
    assert [f for f in scanner.scan(text) if f.rule_id == DEPARTMENTS] == []


@pytest.mark.parametrize(
    ("text", "date", "found"),
    [
        ("湖北襄樊市将打造汉江流域中心城市。", None, [("襄樊市", "襄阳市")]),
        ("湖北襄樊市将打造汉江流域中心城市。", "2011-01-05", [("襄樊市", "襄阳市")]),
        ("湖北襄樊市将打造汉江流域中心城市。", "2010-12-20", []),  # the year of the change
        ("南康县的家具产业集群年产值突破两千亿元。", None, [("南康县", "南康区")]),  # 县→市→区
        ("江西东乡县的农产品电商销售额大幅增长。", None, [("东乡县", "东乡区")]),
        ("东乡县的农产品电商销售额大幅增长。", None, []),  # also 东乡族自治县 (甘肃)
        ("遵义县花茂村发展乡村旅游。", None, []),  # became 播州区, not the older 遵义市
        # a prefecture made two districts: no one name by the register; the rule's mergers
        # name both
        ("山东莱芜市钢铁产业转型升级。", None, [("莱芜市", "济南市莱芜区、钢城区")]),
        ("上海市闸北区老旧小区改造全面启动。", "2020-03-01", [("闸北区", "静安区")]),
        ("上海市闸北区老旧小区改造全面启动。", "2014-03-01", []),  # before the merger
        ("重庆市万盛区建设国家级经济技术开发区。", None, []),  # merged into 綦江区, not renamed
        ("黑龙江加格达奇区冰雪旅游持续升温。", None, []),  # its code went to 漠河市
        ("襄樊市委书记到企业调研。", None, []),  # cut 襄樊|市委
        ("新疆南山矿区开展安全检查。", None, []),  # 矿区: any mine's
    ],
)
def test_renamed_units(
    scanner: Scanner, text: str, date: str | None, found: list[tuple[str, str]]
) -> None:
    hits = [(f.text, f.suggestions[0]) for f in scanner.scan(text, date=date) if f.rule_id == RULE]
    assert hits == found


def _copy_fixture(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "_divisions", tmp_path / "_divisions")
    (tmp_path / "country_region").mkdir()
    rule = tmp_path / "country_region" / "division.yaml"
    shutil.copy(FIXTURES / "country_region" / "division.yaml", rule)
    return rule


def test_missing_register_names_the_rule_file(tmp_path: Path) -> None:
    rule = _copy_fixture(tmp_path)
    (tmp_path / "_divisions" / "register.tsv").unlink()
    with pytest.raises(LexiconError, match=r"register\.tsv not found") as info:
        Scanner([tmp_path], include_shipped=False, use_cache=False)
    assert str(rule) in str(info.value)


def test_register_rows_are_checked(tmp_path: Path) -> None:
    _copy_fixture(tmp_path)
    register = tmp_path / "_divisions" / "register.tsv"
    with register.open("a", encoding="utf-8") as fh:
        fh.write("610100\t陕西省\t西安市\t\t\n")
    with pytest.raises(LexiconError, match="province 陕西省 is not in the rule's list"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)
    register.write_text("640100\t宁夏回族自治区\t银川市\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="line 1: expected 5 tab-separated fields"):
        Scanner([tmp_path], include_shipped=False, use_cache=False)
