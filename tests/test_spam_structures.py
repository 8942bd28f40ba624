"""Injected spam of brands nobody listed, caught by its structure (illegal_content.spam_structure
and illegal_content.spam_evidence), and real-looking government text using the same trigger words
legitimately (tests/data/spam_hard_negatives.txt) left alone."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gate_check import assert_gate_holds
from wording_guard import Scanner
from wording_guard.lexicon import load_directory, shipped_lexicon_dir

REPO = Path(__file__).resolve().parent.parent


def _benchmark() -> ModuleType:
    path = REPO / "benchmarks" / "spam_recall.py"
    spec = importlib.util.spec_from_file_location("spam_recall", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["spam_recall"] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop("spam_recall", None)
    return module


BENCH = _benchmark()


def _spam(scanner: Scanner, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.rule_id) for f in BENCH.spam_findings(scanner, text)]


@pytest.mark.parametrize(
    ("text", "span", "rule"),
    [
        (
            "九游娱乐官方网站，九游娱乐app下载，九游会j9",
            "九游娱乐官方网站，九游娱乐app下载，九游会j9",
            "spam_structure",
        ),
        (
            "《关于做好2024年春季农业生产工作的通知》-hth华体会最新网址",
            "hth华体会最新网址",
            "spam_structure",
        ),
        ("关于印发通知的通知 - 半岛体育app官网下载", "半岛体育app官网下载", "spam_structure"),
        ("澳门一码一肖一特一中准选今晚", "澳门一码一肖一特一中准选今晚", "spam_evidence"),
        ("2024澳门天天开好彩大全", "澳门天天开好彩大全", "spam_evidence"),
        (
            "同城约会，成人视频在线观看，免费看片网站，××县农业农村局",
            "同城约会，成人视频在线观看，免费看片网站",
            "spam_evidence",
        ),
    ],
)
def test_structures_of_unlisted_brands(scanner: Scanner, text: str, span: str, rule: str) -> None:
    assert _spam(scanner, text) == [(span, f"illegal_content.{rule}")]


@pytest.mark.parametrize("line", BENCH.negatives())
def test_hard_negatives_are_not_spam(scanner: Scanner, line: str) -> None:
    assert _spam(scanner, line) == []


def test_seeded_spam_recall(scanner: Scanner) -> None:
    # the structures with brand tokens no lexicon holds; the misses left are porn lists
    # whose runs hold no listed word (夜色影院) and 体育 with a lone app下载 (a government
    # sports app has one)
    cases = BENCH.seeded_spam()
    caught = sum(BENCH.caught(scanner, case) for case in cases)
    assert caught / len(cases) >= 0.9


def test_set3_recall_and_clean_lines(scanner: Scanner) -> None:
    # hand-written before the rules that catch it (tests/data/spam_set3.tsv): invoices,
    # diplomas, seals, loans, papers and ranking spam with words set between, one brand sold
    # twice; its clean lines yield no finding at all
    cases, clean = BENCH.set3()
    caught = sum(BENCH.caught(scanner, case) for case in cases)
    assert caught / len(cases) >= 0.8
    assert [(line, f.rule_id) for line in clean for f in scanner.scan(line)] == []


def _gated_spam_patterns() -> list[tuple[str, str, int | None]]:
    return [
        (entry.pattern, entry.requires, entry.reach)
        for loaded in load_directory(shipped_lexicon_dir())
        if loaded.rule.id
        in (
            "illegal_content.spam_structure",
            "illegal_content.spam_items",
            "illegal_content.spam_shapes",
        )
        for entry in loaded.rule.entries
        if getattr(entry, "requires", None) is not None
    ]


# pieces of spam chains and of the titles around them: names, codes, gambling and
# advertising words, separators; chains of segments that share a name, and noise around them
_NAMES = st.sampled_from(["九游", "鑫澜", "hth", "kx88", "hth华体会", "中国", ""])
_ATOMS = [
    "官网",
    "官方网站",
    "官方",
    "网址",
    "最新",
    "app",
    "下载",
    "手机版",
    "网页版",
    "入口",
    "登录",
    "注册",
]
_WORDS = st.tuples(
    st.sampled_from(["", "体育", "娱乐", "真人", "会"]),
    st.lists(st.sampled_from(_ATOMS), max_size=3),
    st.sampled_from([*_ATOMS, "app下载", "登录入口", "官网下载", "安装", "中心", "j9", ""]),
).map(lambda p: p[0] + "".join(p[1]) + p[2])
_SEPS = st.sampled_from([",", "、", "-", "_", "|", "·", "—", "——", " ", "  ", " - ", "。", "\n"])
_NOISE = st.lists(
    st.sampled_from(["通知", "《", "》", "县", "2024", "x", "。", " ", "-"]), max_size=4
)
_ADVERTS = _WORDS
# segments after one name (the chains the patterns look for), or each after its own
_CHAINS = st.tuples(
    _NOISE.map("".join),
    _NAMES,
    st.lists(st.tuples(_SEPS, st.one_of(_ADVERTS, st.tuples(_NAMES, _ADVERTS))), max_size=4),
    _NOISE.map("".join),
).map(
    lambda p: (
        p[0]
        + "".join(sep + (p[1] + seg if isinstance(seg, str) else "".join(seg)) for sep, seg in p[2])
        + p[3]
    )
)


@pytest.mark.parametrize(("pattern", "requires", "reach"), _gated_spam_patterns())
def test_spam_gates_hold_wherever_their_pattern_matches(
    pattern: str, requires: str, reach: int | None
) -> None:
    # the gate finds a match in every text where the pattern does, and the pattern run only
    # within ``reach`` of the gate's matches finds what it finds in the whole text
    _gate_holds_on(_CHAINS, pattern, requires, reach)


def _gate_holds_on(
    texts: st.SearchStrategy[str], pattern: str, requires: str, reach: int | None
) -> None:
    import regex

    compiled, gate = regex.compile(pattern), regex.compile(requires)

    @settings(max_examples=500, deadline=None)
    @given(texts)
    def holds(text: str) -> None:
        assert_gate_holds(compiled, gate, reach, text)

    holds()


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "网友留言：加微信ab66789，代办假证、高价回收银行卡，当天到账。",
            "代办假证、高价回收银行卡",
        ),
        ("长期收购对公账户，联系QQ 9988776655，日结", "长期收购对公账户"),
        ("专业代办假文凭、假学历，薇信：zz66881", "专业代办假文凭"),
    ],
)
def test_illegal_service_ads_with_a_contact(scanner: Scanner, text: str, span: str) -> None:
    found = [f.text for f in scanner.scan(text) if f.rule_id == "illegal_content.illegal_services"]
    assert found == [span]


@pytest.mark.parametrize(
    "text",
    [
        # the same trade named in warnings and news, or legal services with a phone number
        "反诈提示：出租出售银行卡、电话卡属于违法行为，请勿参与，举报电话12345678。",
        "被告人李某收购银行卡20余张，微信号wx1234567已被查封。",
        "纳税人可通过电子税务局申请代开发票，咨询电话12366。",
        "如需办理银行卡挂失，请拨打客服电话95588。",
        # a trade without a contact
        "有人在小区张贴代办假证小广告，城管队员已及时清理。",
    ],
)
def test_illegal_service_words_without_an_ad(scanner: Scanner, text: str) -> None:
    assert [f for f in scanner.scan(text) if f.rule_id == "illegal_content.illegal_services"] == []


ADS = "illegal_content.illegal_ads"


@pytest.mark.parametrize(
    ("text", "span"),
    [
        # an illegal good or service beside a seller's cue, wherever the page's chrome holds it
        ("友情链接：县政府网 | 市政务服务网 | 银鲨捕鱼 真金提现", "银鲨捕鱼 真金提现"),
        ("留言标题：代开普通发票，税点低，验票后付款", "代开普通发票，税点低，验票后付款"),
        ("下载中心：批发弓弩 管制刀具 全国包邮.zip", "批发弓弩 管制刀具 全国包邮"),
        ("热门搜索：医保缴费 | 迷魂药同城配送 | 不动产登记", "迷魂药同城配送"),
        ("招聘信息：高薪急招代妈，包生男孩，包成功", "高薪急招代妈，包生男孩，包成功"),
        ("网友评论：大乐透内部资料，稳赚必中，私信我", "大乐透内部资料，稳赚必中，私信我"),
        (
            "政务问答：代办学位证、资格证，终身可查，v信xw2299",
            "代办学位证、资格证，终身可查，v信xw2299",
        ),
    ],
)
def test_illegal_goods_ads_in_page_chrome(scanner: Scanner, text: str, span: str) -> None:
    found = [f.text for f in scanner.scan(text) if f.category.value == "illegal_content"]
    assert found == [span]


@pytest.mark.parametrize(
    "text",
    [
        # campaigns, bans, police warnings and news on the same trades
        "县公安局开展打击代开发票犯罪专项行动，抓获犯罪嫌疑人5名。",
        "严禁出售仿真枪、气枪等枪形物，违者依法追究责任。",
        "代孕违法，切勿相信网络代孕广告。",
        "民警提醒，网上出售迷药、听话水的广告都是骗局。",
        # the state lottery, card rooms, guides and admission notes
        "省福彩中心发布福彩3D第2024088期开奖公告，双色球派奖活动同时启动。",
        "县文体局开展棋牌室专项整治，规范棋牌室经营。",
        "办理驾驶证需携带身份证、体检证明，到车管所办理，咨询电话12123。",
        "我校成人高考招生，毕业证国家承认，学信网可查，咨询电话0591-83456789。",
        "纳税人可通过电子税务局代开增值税专用发票，无需到大厅。",
        "营业厅办理手机卡 包邮送卡 回收旧手机",
        "网店出售农产品，全国包邮，货到付款，助力乡村振兴。",
    ],
)
def test_illegal_goods_named_without_an_ad(scanner: Scanner, text: str) -> None:
    assert [f for f in scanner.scan(text) if f.rule_id == ADS] == []


# items of a hot-search bar or link list: codes, card and casino games, words around them
_ITEM_PIECES = st.sampled_from(
    [
        "kx88",
        "hy8899",
        "cctv5",
        "a1",
        "ab1234567",
        "棋牌",
        "牛牛",
        "麻将",
        "游戏",
        "县",
        "室",
        "中心",
        "9",
    ]
)
_ITEMS = st.lists(
    st.tuples(
        st.sampled_from([" ", " | ", "、", ">", "-", "。", "\n", ""]),
        st.lists(_ITEM_PIECES, max_size=5),
    ),
    max_size=4,
).map(lambda items: "".join(sep + "".join(pieces) for sep, pieces in items))


@pytest.mark.parametrize(
    ("pattern", "requires", "reach"),
    [p for p in _gated_spam_patterns() if "(?<code>" in p[0]],
)
def test_spam_item_gate_holds(pattern: str, requires: str, reach: int | None) -> None:
    # the gate of a code glued to a game word holds on strings of the item grammar
    _gate_holds_on(_ITEMS, pattern, requires, reach)
