"""The engine's core contracts: scanners own their state, the cache follows the engine and
the lexicons, dates on entries are honoured, and source maps keep both offset invariants."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import wording_guard
from wording_guard import Document, Scanner, check_document
from wording_guard import cache as cache_module
from wording_guard.batch import scan_text

ONE_RULE = """\
id: typo.local
category: typo
severity: improper
kind: replace
message: 本地用语：“{text}”应为“{suggestion}”。
source: test
entries:
  - wrong: 甲乙
    correct: 甲丙
    examples:
      bad: "[[甲乙]]"
      good: "甲丙"
"""

# sentences whose verdict depends on the segmenter knowing the default lexicon's words
DEFAULT_CASES = {
    "按规定发放扶恤金。": ["扶恤"],
    "推进物连网技术在城市管理中的应用。": ["物连网"],
    "市十六届人大四次会义选举产生了新一届市监察委员会主任。": ["次会义"],
    "警惕岛内少数人推动法理台独的图谋。": ["法理台独"],
}
USER_CASES = {"这里写着甲乙两个字。": ["甲乙"], "推进物连网建设。": []}


def _texts(scanner: Scanner, text: str) -> list[str]:
    return [f.text for f in scanner.scan(text)]


@pytest.fixture()
def user_dir(tmp_path: Path) -> Path:
    (tmp_path / "typo").mkdir()
    (tmp_path / "typo" / "local.yaml").write_text(ONE_RULE, encoding="utf-8")
    return tmp_path


def test_two_scanners_interleaved(user_dir: Path) -> None:
    default = Scanner()
    user = Scanner([user_dir], include_shipped=False)
    # the user scanner segments first: it must not decide the default scanner's words
    for text, expected in USER_CASES.items():
        assert _texts(user, text) == expected
    for _ in range(2):
        for (text, expected), (utext, uexpected) in zip(
            DEFAULT_CASES.items(), list(USER_CASES.items()) * 2, strict=False
        ):
            assert _texts(default, text) == expected, text
            assert _texts(user, utext) == uexpected, utext


def test_two_scanners_from_threads(user_dir: Path) -> None:
    default = Scanner()
    user = Scanner([user_dir], include_shipped=False)
    errors: list[str] = []

    def work(scanner: Scanner, cases: dict[str, list[str]]) -> None:
        for _ in range(20):
            for text, expected in cases.items():
                got = _texts(scanner, text)
                if got != expected:
                    errors.append(f"{text}: {got} != {expected}")

    threads = [threading.Thread(target=work, args=(default, DEFAULT_CASES)) for _ in range(3)] + [
        threading.Thread(target=work, args=(user, USER_CASES)) for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_user_data_folders_are_read(user_dir: Path) -> None:
    # a user directory's _context words take effect in the scanner that loads it
    (user_dir / "_context").mkdir()
    (user_dir / "_context" / "correction_cues.txt").write_text("勘误成\n", encoding="utf-8")
    text = "原稿“甲乙”勘误成“甲丙”。"
    with_cue = Scanner([user_dir], include_shipped=False, use_cache=False)
    assert with_cue.scan(text) == []
    (user_dir / "_context" / "correction_cues.txt").unlink()
    without = Scanner([user_dir], include_shipped=False, use_cache=False)
    assert [f.text for f in without.scan(text)] == ["甲乙"]


def test_engine_source_change_invalidates_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "pkg"
    shutil.copytree(Path(wording_guard.__file__).parent, package)
    monkeypatch.setattr(cache_module, "_PACKAGE", package)
    dirs = [cache_module.shipped_lexicon_dir()]
    cache_module.engine_fingerprint.cache_clear()
    try:
        before = cache_module.cache_key(dirs)
        compiler = package / "compiler.py"
        compiler.write_text(compiler.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
        cache_module.engine_fingerprint.cache_clear()
        assert cache_module.cache_key(dirs) != before
    finally:
        cache_module.engine_fingerprint.cache_clear()


def test_a_copy_of_the_lexicons_elsewhere_has_its_own_cache_entry(
    user_dir: Path, tmp_path: Path
) -> None:
    # the compiled tables hold paths into their directory (the typo model): a checkout
    # deleted after a copy elsewhere compiled must not leave the copy reading its paths
    copy = tmp_path / "copy"
    shutil.copytree(user_dir, copy)
    assert cache_module.cache_key([copy]) != cache_module.cache_key([user_dir])


def test_lexicon_content_change_invalidates_even_with_same_stat(user_dir: Path) -> None:
    path = user_dir / "typo" / "local.yaml"
    before = cache_module.cache_key([user_dir])
    stat = path.stat()
    path.write_text(ONE_RULE.replace("本地用语", "地方用语"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert cache_module.cache_key([user_dir]) != before


def test_cache_key_is_remembered_until_a_file_changes(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(tmp_path / "cache"))
    first = cache_module.cache_key([user_dir])
    assert first == cache_module._content_key([user_dir], cache_module.input_files([user_dir]))
    read = Path.read_bytes

    def unread(self: Path) -> bytes:
        if self.suffix == ".yaml":
            raise AssertionError(f"read {self} again")
        return read(self)

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", unread)
        assert cache_module.cache_key([user_dir]) == first  # remembered: nothing hashed
    path = user_dir / "typo" / "local.yaml"
    stat = path.stat()
    path.write_text(ONE_RULE.replace("本地用语", "地方用语"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache_module.cache_key([user_dir]) != first


def test_allow_list_does_not_recompile(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "cache"
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(where))
    first = Scanner([user_dir], include_shipped=False)
    second = Scanner([user_dir], include_shipped=False, allow=["甲乙"])
    third = Scanner([user_dir], include_shipped=False, allow=["这里写着甲乙"])
    assert len(list(where.glob("compiled-*.pickle"))) == 1
    assert _texts(first, "这里写着甲乙两个字。") == ["甲乙"]
    assert _texts(second, "这里写着甲乙两个字。") == []
    assert _texts(third, "这里写着甲乙两个字。") == []
    assert _texts(third, "甲乙") == ["甲乙"]


def test_valid_from_on_protected_entries() -> None:
    text = "国务院总理李蔷主持召开国务院常务会议。"
    assert [f.text for f in wording_guard.scan(text)] == ["李蔷"]
    assert [f.text for f in wording_guard.scan(text, date="2024-01-01")] == ["李蔷"]
    assert wording_guard.scan(text, date="2015-01-01") == []  # before he held the office
    assert wording_guard.scan("2015年，" + text) == []


def _leaders(text: str, date: str) -> list[tuple[str, tuple[str, ...]]]:
    return [
        (f.text, f.suggestions)
        for f in wording_guard.scan(text, date=date)
        if f.rule_id.startswith("leader_name.")
    ]


def test_office_titles_of_another_table_are_not_checked() -> None:
    # 总理 is a title of the domestic table, 李显龙 a name of the foreign one
    assert _leaders("习近平主席同哈莉玛总统、李显龙总理举行视频会晤。", "2022-06-06") == []
    assert _leaders("德国总统朔尔茨出席会议。", "2023-05-01") == [
        ("德国总统朔尔茨", ("德国总统施泰因迈尔",))
    ]


def test_office_year_after_the_document_date_is_a_plan() -> None:
    text = "英国首相斯塔默25日宣布，到2027年，英国将把国防开支提高。"
    assert _leaders(text, "2025-02-26") == []
    assert _leaders(text, "2027-03-01") == [("英国首相斯塔默", ("原英国首相斯塔默",))]


def test_office_suggests_the_holder_of_the_time() -> None:
    assert _leaders("胡锦涛会见日本首相李明博、韩国总统野田佳彦。", "2012-05-14") == [
        ("日本首相李明博", ("日本首相野田佳彦",)),
        ("韩国总统野田佳彦", ("韩国总统李明博",)),
    ]


def test_office_pinned_slip_names_the_holder_it_is_near() -> None:
    # 王勇 is the fifth of the State Councillors an entry of 2013 lists
    assert _leaders("国务委员王永出席会议。", "2015-06-01") == [("王永", ("王勇",))]
    # one character off both 王勇 and 王毅 (2018–2023): no guess
    assert _leaders("国务委员王义出席会议。", "2020-06-01") == []


def test_office_shared_title_suggests_the_persons_own_title() -> None:
    assert _leaders("全国政协副主席王东明出席会议。", "2025-06-01") == [
        ("全国政协副主席王东明", ("全国人大常委会副委员长王东明",))
    ]
    assert _leaders("国务院副总理李强出席会议。", "2024-05-01") == [
        ("国务院副总理李强", ("国务院总理李强",))
    ]


def test_office_pinned_title_of_another_body_or_a_former_holder() -> None:
    assert _leaders("中央书记处书记蔡琪出席会议。", "2025-06-01") == [("蔡琪", ("蔡奇",))]
    # the Youth League's secretariat (other_bodies), a former holder at an unknown time
    assert _leaders("共青团中央书记处书记蔡琪出席会议。", "2025-06-01") == []
    assert _leaders("原全国政协副主席陈伍出席会议。", "2025-06-01") == []


def test_office_pinned_slip_of_a_holder_of_another_time() -> None:
    # 王祥喜 left in 2026: no holder of 2027 is near, he is, by a character like his (翔, 祥)
    assert _leaders("应急管理部部长王翔喜到林区检查。", "2027-04-15") == [("王翔喜", ("王祥喜",))]
    # of another time's holder only a like character counts (明 is not like 喜)
    assert _leaders("应急管理部部长王祥明到林区检查。", "2027-04-15") == []


def test_office_pinned_name_the_dictionary_lists() -> None:
    # 陈敏儿 is a name of the segmenter's dictionary, one character off the holder 陈敏尔
    assert _leaders("天津市委书记陈敏儿会见代表团。", "2024-03-28") == [("陈敏儿", ("陈敏尔",))]


def test_office_bare_provincial_title_pins_a_like_name() -> None:
    # 省委书记 without the province: the holders of all provinces at the time
    assert _leaders("省委书记汪宁在昆明市调研。", "2024-06-15") == [("汪宁", ("王宁",))]
    assert _leaders("省委书记徐鳞在遵义市调研。", "2024-06-15") == [("徐鳞", ("徐麟",))]
    assert _leaders("副省长汪宁在昆明市调研。", "2024-06-15") == []
    # a three-character name going on past two characters near 刘捷 (浙江省长)
    assert _leaders("省长刘结一主持召开会议。", "2025-06-01") == []


HTML = "<p>要认真布&#32626;今年的工作。</p>"


def test_html_entity_keeps_both_invariants(scanner: Scanner) -> None:
    result = scan_text("page.html", HTML, scanner, None, html=True)
    [f] = result.findings
    assert f.text == "布署" and result.text[f.start : f.end] == "布署"
    assert f.source_start is not None and f.source_end is not None
    assert HTML[f.source_start : f.source_end] == "布&#32626;"
    assert result.region(f).offset == f.source_start
    report = check_document(Document(body=HTML, body_format="html"), scanner=scanner)
    [g] = report.all_findings()
    assert (g.start, g.end, g.source_start, g.source_end) == (
        f.start,
        f.end,
        f.source_start,
        f.source_end,
    )


def test_plain_text_findings_carry_no_source_offsets(scanner: Scanner) -> None:
    [f] = scanner.scan("要认真布署今年的工作。")
    assert f.source_start is None and f.source_end is None


def test_rule_catalogue_is_public_and_read_only(scanner: Scanner) -> None:
    rules = scanner.rules
    assert isinstance(rules, tuple) and len(rules) >= 50
    info = next(r for r in rules if r.id == "typo.official_terms")
    assert info.kind == "replace" and info.entries > 10
    with pytest.raises(AttributeError):
        info.id = "x"  # type: ignore[misc]


def _inputs_seen(scanner: Scanner, finder: Any, texts: list[str]) -> list[Any]:
    """The ScanInput each scan of ``texts`` hands ``finder``."""
    seen: list[Any] = []
    original = finder.find

    def capture(scan: Any) -> Any:
        seen.append(scan)
        return original(scan)

    finder.find = capture
    try:
        for text in texts:
            scanner.scan(text)
    finally:
        del finder.find
    assert len(seen) == len(texts)
    return seen


# a regex rule with triggers that hold noise (官网_): the shipped rules hold none now, and
# such a trigger is looked for in the folded text, not by the shared automaton
_NOISE_TRIGGERS = """\
id: illegal_content.noise_triggers
category: illegal_content
severity: serious
kind: regex
message: 推广内容“{text}”。
source: fixture
entries:
  - pattern: 'app[-_|·\\x20]*(?:官网|下载|入口)'
    triggers: ["app-", "app_", "app|", "app·", "app ", "官网"]
    examples:
      bad: ["[[app-下载]]"]
      good: [本文没有触发词。]
"""


@pytest.fixture(scope="module")
def noise_trigger_scanner(tmp_path_factory: pytest.TempPathFactory) -> Scanner:
    folder = tmp_path_factory.mktemp("noise") / "illegal_content"
    folder.mkdir()
    (folder / "noise_triggers.yaml").write_text(_NOISE_TRIGGERS, encoding="utf-8")
    return Scanner(lexicon_dirs=[folder.parent], include_shipped=False)


@pytest.mark.parametrize("which", ["shipped", "noise"])
def test_regex_triggers_found_by_the_shared_automaton_are_the_ones_in_the_text(
    scanner: Scanner, noise_trigger_scanner: Scanner, which: str
) -> None:
    # the scanner finds most trigger literals in its one pass over the compact view; the
    # patterns armed must be the ones a search of the folded text arms, noise or not
    from dataclasses import replace

    from wording_guard.kinds.regex import RegexFinder

    scanner = scanner if which == "shipped" else noise_trigger_scanner
    finder = next(f for f, _ in scanner._finders if isinstance(f, RegexFinder))
    assert finder.probes and (which == "shipped" or finder._direct)  # both ways are exercised
    texts = [
        "足球365是什么意思_beat365官方_bat365手机版官网",
        "足球3 6 5与体 育，精\n品、撸",
        "体\n育与精\u200b品、app-下载、app_官网、app｜入口、app · 官网",
        "本文没有触发词。",
        "ｂｅａｔ３６５，太阳城、百家乐",
    ]
    for scan in _inputs_seen(scanner, finder, texts):
        assert scan.found is not None
        alone = replace(scan, found=None)
        assert finder._armed(scan, None) == finder._armed(alone, None)
        # and the ones a long text's one pass of the trigger automaton arms
        hits = finder._trigger_hits(scan.folded)
        assert finder._armed(scan, hits) == finder._armed(scan, None)


def test_list_names_found_by_the_shared_automaton_give_the_same_findings(
    scanner: Scanner,
) -> None:
    # the enumeration kind skips the names the scanner's pass did not find in the text
    from dataclasses import replace

    from wording_guard.kinds.enumeration import EnumerationFinder

    finder = next(f for f, _ in scanner._finders if isinstance(f, EnumerationFinder))
    texts = [
        "坚持四个自信：道路自信、理论自信、制度自信、文明自信。",
        "增强四个\n意识，坚定四 个自信，做到两个维护。",
        "贯彻创新、协调、绿色、开放、共享的新发展理念。",
        "本文没有列举。",
    ]
    for scan in _inputs_seen(scanner, finder, texts):
        assert scan.found is not None
        assert list(finder.find(scan)) == list(finder.find(replace(scan, found=None)))


def test_anchors_found_by_the_shared_automaton_give_the_same_findings(
    scanner: Scanner,
) -> None:
    # the finders with anchors read where their strings occur from the scanner's one pass;
    # run on their own, they search for them themselves: same candidates, same order (every
    # occurrence by end for the fuzzy forms, leftmost-longest for titles and names, in the
    # folded text for the meeting, division and evidence literals)
    from dataclasses import replace

    from wording_guard.kinds.division import DivisionFinder
    from wording_guard.kinds.evidence import EvidenceFinder
    from wording_guard.kinds.idiom import IdiomFinder
    from wording_guard.kinds.meeting import MeetingFinder
    from wording_guard.kinds.office import OfficeFinder
    from wording_guard.kinds.protected import ProtectedFinder

    texts = [
        "国家主席习远平出席会议，习近平总书记强调，坚持以习近平新时代中国特色社会主义思想为指导。",
        "李鹏总书计、家主席江泽民会见外宾；省委书记刘奇主持。",
        "坚持习近平总书记新时代中国特色社会主义思想，全面建设社会主义现代化国家。",
        "政治局委员黄坤朋，国务委员李建桦，总理李强、委员长赵乐际、政协主席王沪宁。",
        "2018年，党的十九届四中全会在北京召开；十三届全国人大三届会议于2019年3月开幕。",
        "党的二十大三中全会  召 开，十四届全国人大\n三次会议举行，中共第二十大、十九届第四中全会。",
        "甘肃银川、江 苏省杭州市与江苏省杭州市；湖北省教育局、该项目已报省生态环境局审批。",
        "[开云kaiyun·体育(中国)官方网站]、华体会hth体育最新登录网址，澳门金沙js9999登录入口_最新网址",
        "一经查实严惩不怠，全县上下齐心协利，水到渠城；重要条件、精神入人心。",
        "本文没有职务。",
    ]
    finders = (
        ProtectedFinder,
        OfficeFinder,
        MeetingFinder,
        DivisionFinder,
        EvidenceFinder,
        IdiomFinder,
    )
    for kind in finders:
        finder = next(f for f, _ in scanner._finders if isinstance(f, kind))
        assert finder.anchors
        for scan in _inputs_seen(scanner, finder, texts):
            assert scan.anchored is not None
            alone = replace(scan, anchored=None)
            assert list(finder.find(scan)) == list(finder.find(alone))


def test_no_typo_guesses_on_a_line_of_injected_spam(scanner) -> None:  # type: ignore[no-untyped-def]
    spam = "足球365是什么意思_beat365官方_bat365手机版官网"
    guess = "推动经济发屐。"
    assert [f.rule_id for f in scanner.scan(guess)] == ["typo.statistical"]
    # the same guess on the spam's line goes with the line; on its own line it stays
    same_line = [f.rule_id for f in scanner.scan(guess + spam)]
    assert same_line == ["illegal_content.spam_templates"]
    own_line = [f.rule_id for f in scanner.scan(guess + "\n" + spam)]
    assert own_line == ["typo.statistical", "illegal_content.spam_templates"]


def _first_scan(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, str, list[str]]:
    """A scan that fills an empty cache: the cache folder, the text and what it found."""
    where = tmp_path / "cache"
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(where))
    text = "这里写着甲乙两个字。"
    expected = _texts(Scanner([user_dir], include_shipped=False), text)
    assert expected == ["甲乙"]
    return where, text, expected


def test_compiled_tables_cut_short_are_rebuilt(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the tables are unpickled as the file is read: a file cut anywhere is rebuilt, never
    # half trusted
    where, text, expected = _first_scan(user_dir, tmp_path, monkeypatch)
    (tables,) = where.glob("compiled-*.pickle")
    data = tables.read_bytes()
    for cut in (0, 1, len(data) // 2, len(data) - 1):
        tables.write_bytes(data[:cut])
        assert _texts(Scanner([user_dir], include_shipped=False), text) == expected
        assert tables.read_bytes() == data  # written whole again


def test_automaton_is_cached_beside_the_tables_and_rebuilt_when_damaged(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where, text, expected = _first_scan(user_dir, tmp_path, monkeypatch)
    (automaton,) = where.glob("compiled-*.automaton")
    data = automaton.read_bytes()
    assert _texts(Scanner([user_dir], include_shipped=False), text) == expected  # read back
    automaton.write_bytes(data[: len(data) // 2])
    assert _texts(Scanner([user_dir], include_shipped=False), text) == expected
    assert automaton.read_bytes() == data  # rewritten whole
    # another allow list is another automaton file; the tables are shared
    wider = Scanner([user_dir], include_shipped=False, allow=["这里写着甲乙"])
    assert _texts(wider, text) == []
    assert len(list(where.glob("compiled-*.automaton"))) == 2
    assert len(list(where.glob("compiled-*.pickle"))) == 1
    # a backend that does not serialize builds its automaton each time, no file
    rs = Scanner([user_dir], include_shipped=False, backend="ahocorasick_rs")
    assert _texts(rs, text) == expected
    assert len(list(where.glob("compiled-*.automaton"))) == 2


def test_the_automaton_is_read_ahead_of_the_tables_only_when_it_is_the_one(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "cache"
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(where))
    text = "这里写着甲乙两个字。"
    expected = _texts(Scanner([user_dir], include_shipped=False), text)
    reads: list[str] = []
    read = cache_module._read_automaton

    def counted(path: Path) -> Any:
        reads.append(path.name)
        return read(path)

    monkeypatch.setattr(cache_module, "_read_automaton", counted)
    assert _texts(Scanner([user_dir], include_shipped=False), text) == expected
    assert len(reads) == 1  # read ahead, and used
    # another allow list: the one file is read ahead, found not to be its own, and dropped
    reads.clear()
    assert _texts(Scanner([user_dir], include_shipped=False, allow=["甲乙"]), text) == []
    assert len(reads) == 2 and reads[0] != reads[1]
    assert len(list(where.glob("compiled-*.automaton"))) == 2
    # two files: none is guessed, each scanner reads its own once
    for allow in ([], ["甲乙"]):
        reads.clear()
        scanner = Scanner([user_dir], include_shipped=False, allow=allow)
        assert _texts(scanner, text) == ([] if allow else expected)
        assert len(reads) == 1


def test_cache_keeps_only_the_recent_lexicon_sets(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "cache"
    where.mkdir()
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(where))

    def leave(name: str, when: float) -> None:  # a set an older engine left behind
        for suffix in (".pickle", ".patterns", ".daachorse-0123.automaton"):
            path = where / f"compiled-{name}{suffix}"
            path.write_bytes(b"x")
            os.utime(path, (when, when))

    for n in range(3):
        leave(f"ancient{n}", 1_000_000 + n)
    Scanner([user_dir], include_shipped=False)
    # the new set and the KEEP_COMPILED - 1 newest old ones, each with its side files
    assert len(list(where.glob("compiled-*.pickle"))) == 4
    for n in range(cache_module.KEEP_COMPILED + 1):
        leave(f"week{n}", time.time() - 3600 - n)
    (user_dir / "typo" / "local.yaml").write_text(ONE_RULE.replace("本地用语", "地方用语"), "utf-8")
    Scanner([user_dir], include_shipped=False)  # another set built
    # sets used this week stay, however many; older ones beyond the count go
    names = {p.name.split(".")[0] for p in where.glob("compiled-*")}
    assert not any(n.startswith("compiled-ancient") for n in names)
    assert len(names) == cache_module.KEEP_COMPILED + 1 + 2
    assert len(list(where.glob("compiled-*"))) >= 3 * (cache_module.KEEP_COMPILED + 1)


def test_a_set_missing_its_pattern_file_is_built_again(
    user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    where = tmp_path / "cache"
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(where))
    Scanner([user_dir], include_shipped=False)
    (patterns,) = where.glob("compiled-*.patterns")
    patterns.unlink()
    # a new allow list needs a new automaton, hence the pattern list
    again = Scanner([user_dir], include_shipped=False, allow=["这里写着甲乙"])
    assert _texts(again, "这里写着甲乙两个字。") == []
    assert _texts(again, "甲乙") == ["甲乙"]
    assert patterns.is_file()


def test_loading_a_set_marks_it_used(user_dir: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    where = tmp_path / "cache"
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(where))
    Scanner([user_dir], include_shipped=False)
    (tables,) = where.glob("compiled-*.pickle")
    os.utime(tables, (1_000_000, 1_000_000))
    Scanner([user_dir], include_shipped=False)
    assert tables.stat().st_mtime > 1_000_000


def test_line_start_is_a_clause_break_but_no_quote() -> None:
    from wording_guard.context import followed_by, preceded_by

    # the start of a line opens a clause as punctuation does, but it is no opening quote
    assert preceded_by("中华台北", 0, ["，"])
    assert not preceded_by("中华台北", 0, ["“"])
    assert preceded_by("说“中华台北", 2, ["“"])
    # and its end closes one, but it is no closing quote
    assert followed_by("中华台北", 4, ["。"])
    assert not followed_by("中华台北", 4, ["”"])


PAIRED_RULE = """\
id: typo.paired
category: typo
severity: improper
kind: replace
message: 用字：“{text}”应为“{suggestion}”。
source: test
entries:
  - wrong: [甲乙, 丁戊]
    correct: [甲丙, 丁己]
    paired: {paired}
    examples:
      bad: "[[甲乙]]"
      good: "甲丙"
"""


@pytest.mark.parametrize("paired", [True, False])
def test_paired_forms_suggest_their_own_correction(tmp_path: Path, paired: bool) -> None:
    (tmp_path / "typo").mkdir()
    body = PAIRED_RULE.replace("{paired}", str(paired).lower())
    (tmp_path / "typo" / "paired.yaml").write_text(body, encoding="utf-8")
    scanner = Scanner([tmp_path], include_shipped=False)
    (found,) = scanner.scan("这里写着丁戊两个字。")
    # paired: the form at the same place; otherwise every correct form, the first leading
    assert found.suggestions == (("丁己",) if paired else ("甲丙", "丁己"))
    assert found.message == f"用字：“丁戊”应为“{found.suggestions[0]}”。"


def test_paired_forms_must_pair(tmp_path: Path) -> None:
    (tmp_path / "typo").mkdir()
    body = PAIRED_RULE.replace("{paired}", "true").replace("[甲丙, 丁己]", "[甲丙]")
    (tmp_path / "typo" / "paired.yaml").write_text(body, encoding="utf-8")
    with pytest.raises(wording_guard.LexiconError, match="paired"):
        Scanner([tmp_path], include_shipped=False)
