"""Recall on injected spam of brands nobody listed, and false alarms on hard negatives.

Spam brands change weekly, so a lexicon of brands always lags; what does not change is how
the spam is built. This benchmark builds spam strings from those structures with brand
tokens that no lexicon holds (random Latin tokens, made-up two-character Chinese names),
placed before, after or instead of real government titles, and counts how many of them
some ``illegal_content`` finding covers. The structures:

* ``repeat``: one brand name repeated in a chain of advertising segments joined by any
  separator, the Chinese comma included (九游娱乐官方网站，九游娱乐app下载);
* ``tail`` / ``head``: a title or sentence, a separator, and a brand with advertising
  words after or before it (《关于…的通知》-hth华体会最新网址);
* ``code``: a brand code repeated with advertising words (kx88官网_kx88手机版);
* ``lottery``: Mark Six "prediction" scam phrases (澳门一码一肖一特一中准选今晚);
* ``porn``: porn keyword chains joined by separators (蜜桃直播,夜色影院,免费看片福利);
* ``plain``: a brand code, a gambling word and an advertising word in one run;
* ``chrome``: a Chinese brand, a word gambling or porn sites name themselves with and their
  lure, the pieces parted by a comma, a 、 or brackets, hidden in page chrome (a site map,
  an RSS title, a related-reading list, an attachment link, a questionnaire):
  鑫澜娱乐城在线开户, 【璟昇直播一对一】【附近约会】.

``tests/data/spam_set3.tsv`` (set 3) holds hand-written spam lines of other trades, written
before the rules that catch them and never tuned on: invoices, diplomas and seals done for
others with words set between the verb and its object (代开全国各类正规发票), a seller's call
to add him (加微信同号), loan-shark promises (强制下款), ghost-written papers and search-ranking
spam, one unknown brand sold twice in a title (鑫淼开奖直播-鑫淼手机版下载), and clean lines of
the same words in their legitimate sense (发票查验, 创业担保贷款).

``tests/data/spam_hard_negatives.txt`` holds real-looking government sentences that use the
trigger words legitimately (state lotteries, sports broadcasts, government apps, police
reports quoting gambling sites); every finding of ``illegal_content`` on them is a false
alarm.

    python benchmarks/spam_recall.py [--seed N] [--count N] [--show]

The strings are a function of the seed; the test suite checks the same report.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import wording_guard

REPO = Path(__file__).resolve().parent.parent
NEGATIVES = REPO / "tests" / "data" / "spam_hard_negatives.txt"
SET3 = REPO / "tests" / "data" / "spam_set3.tsv"

TITLES = [
    "关于做好2024年春季农业生产工作的通知",
    "关于印发《县级政务公开工作要点》的通知",
    "县人民政府办公室关于开展安全生产大检查的通知",
    "关于公布2023年度城乡低保对象名单的公示",
    "市住房和城乡建设局关于加强物业管理工作的意见",
    "县教育局2024年义务教育招生入学工作方案",
    "镇人民政府关于做好防汛抗旱工作的紧急通知",
    "区卫生健康局关于开展爱国卫生月活动的通知",
    "县应急管理局关于印发汛期值班值守制度的通知",
    "关于2023年度部门预算公开的说明",
]
SEPARATORS = ["-", " - ", "_", "|", " | ", "·", "——", " "]
CHAIN_SEPARATORS = ["，", ",", "_", "|", " ", "-", "、", "·"]
GAME = ["体育", "娱乐", "真人", "棋牌", "彩票", "电竞"]
PROMO = ["官网", "官方网站", "app下载", "手机版", "登录入口", "网页版", "官网入口", "最新网址"]
TAIL_PROMO = [
    "app官网下载",
    "官网入口",
    "最新网址",
    "app下载",
    "手机版下载",
    "官方网站入口",
    "登录入口",
    "网页版登录",
    "官网下载",
    "备用网址",
]
# syllables of made-up brand names (鑫澜, 璟昇): pairs are checked against the lexicons
BRAND_CHARS = "鑫澜昇瀚煜骏湃璟铂澍霆淼沐弈晟锦皓宸睿翊珀澈瑾琨曜熠"
LATIN = "abcdefghjkmnpqrstuvwxyz"
REGIONS = ["澳门", "新澳门", "香港", "新澳", "2024澳门", "2025新澳门", "2024年香港"]
TIPS = [
    "一码一肖",
    "一肖一码",
    "天天开好彩",
    "正版资料",
    "精准资料",
    "特马",
    "平特一肖",
    "六肖中特",
    "三肖必中",
]
TIP_TAILS = [
    "大全",
    "免费资料",
    "今晚",
    "开奖结果",
    "准确率100%",
    "期期准",
    "开奖记录",
    "资料大全",
    "今晚开什么",
]
PORN = [
    "夜色影院",
    "免费看片福利",
    "成人视频在线观看",
    "同城约会",
    "寂寞少妇",
    "午夜福利",
    "一对一私密视频",
    "黄色网站",
    "无码高清",
    "日韩一区二区",
    "午夜影院",
    "激情视频",
]
PORN_LEADS = ["直播", "视频", "影院", "交友"]
# page chrome spam hides in: where the spam goes ({}) and what stands around it
CHROME = [
    "网站地图：首页 | 政务公开 | 办事服务 | {}",
    "RSS订阅：县人民政府网·通知公告·{}",
    "相关阅读：1.县政府召开常务会议 2.{} 3.春耕备耕工作推进会召开",
    "附件：2024年度部门预算公开表.xls（{}）",
    "满意度调查：您对办事大厅的服务是否满意{}",
    "政务公开年报>>2023年度报告（点击进入：{}）",
]
CHROME_HEADS = [
    "娱乐城",
    "娱乐场",
    "真人娱乐",
    "国际娱乐",
    "电子游艺",
    "棋牌游戏",
    "捕鱼游戏",
    "视频成人版",
]
CHROME_GAMES = ["体育", "棋牌", "彩票", "电竞"]
CHROME_LURES = [
    "在线开户",
    "注册即送58元",
    "注册就送",
    "现金兑换",
    "最新网址",
    "备用网址",
    "真钱",
    "日赚千元",
]
CHROME_PORN = ["直播一对一", "一对一视频", "私密直播"]
CHROME_DATING = ["附近约会", "同城约会", "附近的人", "免费下载"]


@dataclass(frozen=True)
class Case:
    structure: str
    text: str
    span: tuple[int, int]  # the spam in text


def _lexicon_text() -> str:
    parts = [p.read_text(encoding="utf-8").lower() for p in (REPO / "lexicons").rglob("*.yaml")]
    return "\n".join(parts)


class _Brands:
    """Brand tokens no lexicon holds."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._known = _lexicon_text()

    def chinese(self) -> str:
        while True:
            name = "".join(self._rng.sample(BRAND_CHARS, 2))
            if name not in self._known:
                return name

    def latin(self, digits: bool | None = None) -> str:
        rng = self._rng
        while True:
            token = "".join(rng.choice(LATIN) for _ in range(rng.randint(2, 4)))
            if digits if digits is not None else rng.random() < 0.5:
                token += str(rng.randint(6, 999))
            if token not in self._known:
                return token


def _placed(structure: str, spam: str, rng: random.Random, where: str | None = None) -> Case:
    """The spam after, before or alone beside a title."""
    title = rng.choice(TITLES)
    if rng.random() < 0.3:
        title = f"《{title}》"
    where = where or rng.choice(["after", "before", "alone"])
    if where == "alone":
        return Case(structure, spam, (0, len(spam)))
    sep = rng.choice(SEPARATORS)
    if where == "after":
        text = title + sep + spam
        return Case(structure, text, (len(text) - len(spam), len(text)))
    return Case(structure, spam + sep + title, (0, len(spam)))


def _repeat(rng: random.Random, brands: _Brands) -> str:
    name = brands.chinese()
    sep = rng.choice(CHAIN_SEPARATORS)
    games = rng.sample(GAME, 2) if rng.random() < 0.5 else [rng.choice(GAME)] * 2
    promos = rng.sample(PROMO, 3)
    parts = [name + games[0] + promos[0], name + games[1] + promos[1]]
    if rng.random() < 0.5:
        parts.append(name + rng.choice(["会", "国际", "集团", ""]) + brands.latin(True))
    return sep.join(parts)


def _tail(rng: random.Random, brands: _Brands) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return brands.latin() + brands.chinese() + rng.choice(["会", ""]) + rng.choice(TAIL_PROMO)
    if kind == 1:
        return brands.chinese() + rng.choice(GAME) + rng.choice(TAIL_PROMO)
    return brands.latin() + rng.choice(GAME) + rng.choice(TAIL_PROMO)


def _code(rng: random.Random, brands: _Brands) -> str:
    code = brands.latin(True)
    sep = rng.choice(CHAIN_SEPARATORS)
    promos = rng.sample(["官网", "手机版", "app下载", "官方网站", "网页版", "登录入口", "注册"], 2)
    return sep.join(code + p for p in promos)


def _lottery(rng: random.Random, brands: _Brands) -> str:
    region = rng.choice(REGIONS)
    tips = rng.sample(TIPS, 2) if rng.random() < 0.4 else [rng.choice(TIPS)]
    return region + "".join(tips) + rng.choice(TIP_TAILS)


def _porn(rng: random.Random, brands: _Brands) -> str:
    sep = rng.choice(["，", ",", "_", "|", " ", "-"])
    lead = brands.chinese() + rng.choice(PORN_LEADS)
    return sep.join([lead, *rng.sample(PORN, rng.randint(2, 3))])


def _plain(rng: random.Random, brands: _Brands) -> str:
    return (
        brands.chinese()
        + brands.latin()
        + rng.choice(GAME)
        + rng.choice(["", "最新", "官方"])
        + rng.choice(TAIL_PROMO)
    )


def _chrome(rng: random.Random, brands: _Brands) -> str:
    name = brands.chinese()
    kind = rng.randrange(4)
    if kind == 0:  # a brand, a head word and a lure (鑫澜娱乐城在线开户)
        return name + rng.choice(CHROME_HEADS) + rng.choice(CHROME_LURES)
    if kind == 1:  # the same parted by a comma or a 、, with a second lure
        sep = rng.choice(["，", "、", "·", " "])
        lures = rng.sample(CHROME_LURES, 2)
        return name + rng.choice(CHROME_HEADS) + sep + sep.join(lures)
    if kind == 2:  # a brand, a game word and a site's address (鑫澜体育最新网址)
        return name + rng.choice(CHROME_GAMES) + rng.choice(["最新网址", "备用网址", "在线开户"])
    # a live-cam site in brackets (【鑫澜直播一对一】【附近约会】)
    return f"【{name}{rng.choice(CHROME_PORN)}】【{rng.choice(CHROME_DATING)}】"


BUILDERS = {
    "repeat": _repeat,
    "tail": _tail,
    "head": _tail,
    "code": _code,
    "lottery": _lottery,
    "porn": _porn,
    "plain": _plain,
    "chrome": _chrome,
}


def seeded_spam(seed: int = 20240, count: int = 120) -> list[Case]:
    """``count`` spam cases, the structures in turn."""
    rng = random.Random(seed)
    brands = _Brands(rng)
    cases = []
    names = list(BUILDERS)
    for i in range(count):
        structure = names[i % len(names)]
        spam = BUILDERS[structure](rng, brands)
        if structure == "chrome":
            frame = rng.choice(CHROME)
            text = frame.format(spam)
            start = frame.index("{}")
            cases.append(Case(structure, text, (start, start + len(spam))))
            continue
        where = {"tail": "after", "head": "before"}.get(structure)
        cases.append(_placed(structure, spam, rng, where))
    return cases


def negatives() -> list[str]:
    lines = NEGATIVES.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def set3() -> tuple[list[Case], list[str]]:
    """Set 3: its spam lines (the spam's span) and its clean lines ("-" for the spam)."""
    cases: list[Case] = []
    clean: list[str] = []
    for line in SET3.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, spam = line.split("\t")
        if spam == "-":
            clean.append(text)
            continue
        start = text.index(spam)
        cases.append(Case("set3", text, (start, start + len(spam))))
    return cases, clean


def spam_findings(scanner: wording_guard.Scanner, text: str) -> list[wording_guard.Finding]:
    return [f for f in scanner.scan(text) if f.category.value == "illegal_content"]


def caught(scanner: wording_guard.Scanner, case: Case) -> bool:
    start, end = case.span
    return any(f.start < end and start < f.end for f in spam_findings(scanner, case.text))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=20240)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    scanner = wording_guard.Scanner()
    cases = seeded_spam(args.seed, args.count)
    by_structure: dict[str, list[bool]] = {}
    misses = []
    for case in cases:
        hit = caught(scanner, case)
        by_structure.setdefault(case.structure, []).append(hit)
        if not hit:
            misses.append(case)
    print(f"seeded spam (seed {args.seed}): {len(cases)} strings")
    for structure, hits in by_structure.items():
        print(f"  {structure:8} {sum(hits):3}/{len(hits):3}")
    total = sum(sum(h) for h in by_structure.values())
    print(f"  recall   {total}/{len(cases)} = {total / len(cases):.3f}")
    cases3, clean3 = set3()
    hits3 = [caught(scanner, case) for case in cases3]
    alarms3 = [(line, f) for line in clean3 for f in scanner.scan(line)]
    print(
        f"set 3 (hand-written, untuned): {sum(hits3)}/{len(cases3)} caught, "
        f"{len(alarms3)} finding(s) on {len(clean3)} clean lines"
    )
    misses += [case for case, hit in zip(cases3, hits3, strict=True) if not hit]
    alarms = [(line, f) for line in negatives() for f in spam_findings(scanner, line)]
    alarms += alarms3
    print(f"hard negatives: {len(negatives())} sentences, {len(alarms)} false alarm(s)")
    if args.show:
        for case in misses:
            print(f"  MISS {case.structure}: {case.text}")
        for line, f in alarms:
            print(f"  FALSE {f.rule_id} “{f.text}”: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
