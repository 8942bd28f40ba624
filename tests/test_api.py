"""The public surface: __all__, scan(), Scanner options, overlap policy, threads."""

from __future__ import annotations

import textwrap
import threading
from pathlib import Path

import pytest

import wording_guard
from wording_guard import ConfigError, Finding, Scanner, Severity


def test_all_is_honest() -> None:
    import types

    public = {
        name
        for name in dir(wording_guard)
        if not name.startswith("_")
        and not isinstance(getattr(wording_guard, name), types.ModuleType)
    }
    assert set(wording_guard.__all__) - {"__version__"} == public
    for name in wording_guard.__all__:
        assert hasattr(wording_guard, name)


def test_exception_tree() -> None:
    for exc in (wording_guard.LexiconError, wording_guard.ConfigError, wording_guard.InputError):
        assert issubclass(exc, wording_guard.WordingGuardError)


def test_severity_order() -> None:
    assert Severity.SERIOUS > Severity.IMPROPER > Severity.NOTICE
    assert max([Severity.NOTICE, Severity.SERIOUS, Severity.IMPROPER]) is Severity.SERIOUS


def test_finding_is_frozen() -> None:
    [f] = [f for f in wording_guard.scan("要认真布署。") if f.rule_id.startswith("typo.")]
    assert isinstance(f, Finding)
    with pytest.raises(ValueError):
        f.start = 0  # type: ignore[misc]


def _lexicon(tmp_path: Path, category: str, name: str, body: str) -> Path:
    folder = tmp_path / category
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


COUNTRY = """\
    id: country_region.demo
    category: country_region
    severity: serious
    kind: replace
    message: “{text}”应为“{suggestion}”。
    source: test
    entries:
      - wrong: 印度
        correct: 印度共和国
        boundary: false
        examples: {bad: "访问[[印度]]", good: "访问印度共和国"}
      - wrong: 尼西
        correct: 印度尼西亚
        boundary: false
        examples: {bad: "[[尼西]]", good: "印度尼西亚"}
      - wrong: 甲乙丙丁
        correct: 甲乙丙丁戊
        severity: improper
        boundary: false
        examples: {bad: "[[甲乙丙丁]]", good: "甲乙丙丁戊"}
      - wrong: 丙丁戊己庚
        correct: 己庚辛
        boundary: false
        examples: {bad: "[[丙丁戊己庚]]", good: "己庚辛"}
"""


def test_overlap_policy(tmp_path: Path) -> None:
    scanner = Scanner(
        [_lexicon(tmp_path, "country_region", "demo", COUNTRY)], include_shipped=False
    )
    # a longer correct form suppresses the wrong forms it covers
    assert scanner.scan("印度尼西亚") == []
    assert [f.text for f in scanner.scan("印度和印度共和国")] == ["印度"]
    # overlapping errors: the longest wins, one finding per span
    assert [f.text for f in scanner.scan("甲乙丙丁戊己庚")] == ["丙丁戊己庚"]


def test_allow_list_suppresses_equal_and_covering(tmp_path: Path) -> None:
    lex = _lexicon(tmp_path, "country_region", "demo", COUNTRY)
    scanner = Scanner([lex], include_shipped=False, allow=["印度", "甲乙丙丁戊己庚"])
    assert scanner.scan("访问印度") == []
    assert scanner.scan("甲乙丙丁戊己庚") == []


def test_disable_and_severity_override(tmp_path: Path) -> None:
    lex = _lexicon(tmp_path, "country_region", "demo", COUNTRY)
    scanner = Scanner(
        [lex], include_shipped=False, severity_overrides={"country_region.demo": "notice"}
    )
    assert [f.severity for f in scanner.scan("访问印度")] == [Severity.NOTICE]
    assert scanner.scan("访问印度", disable=["country_region.demo"]) == []
    with pytest.raises(ConfigError, match="unknown rule"):
        Scanner([lex], include_shipped=False, disable=["nope.rule"])
    with pytest.raises(ConfigError, match="severity"):
        Scanner([lex], include_shipped=False, severity_overrides={"country_region.demo": "x"})


def test_scan_rejects_bad_date_and_non_text() -> None:
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        wording_guard.scan("文本", date="2024/01/01")
    with pytest.raises(TypeError):
        wording_guard.scan(b"bytes")  # type: ignore[arg-type]


def test_scan_is_thread_safe() -> None:
    text = "各单位要认真布署落实，希望大家再接再励。" * 50
    expected = wording_guard.scan(text)
    results: list[list[Finding]] = []

    def work() -> None:
        for _ in range(20):
            results.append(wording_guard.scan(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80 and all(r == expected for r in results)


def test_segmenter_not_loaded_for_plain_texts() -> None:
    # loading the dictionary costs time and memory: texts without short candidate hits never
    # pay it, and the tokenizer's module is not even loaded
    import subprocess
    import sys

    code = (
        "import wording_guard.scanner, wording_guard.segment as g; "
        "s = wording_guard.scanner.default_scanner(); "
        "s.scan('今天天气很好，我们开会。'); "
        "print(s.context.segmenter.loaded, "
        "g._tokenizer_class.cache_info().misses > 0); "
        "s.scan('各乡镇人民政府，县直各单位：'); print(s.context.segmenter.loaded, "
        "g._tokenizer_class.cache_info().misses > 0)"
    )
    # a first run builds the compiled cache (its segmenter stores the words' frequencies),
    # a second the compiled dictionary: both before the check
    warm = (
        "import wording_guard.scanner as s; "
        "s.default_scanner().scan('各乡镇人民政府，县直各单位：')"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", warm], capture_output=True, check=True)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # a short text with short hits is cut by the compiled dictionary: rjieba stays unloaded
    assert out.stdout.split() == ["False", "False", "True", "False"]


def test_numpy_not_imported_for_a_short_text() -> None:
    # the statistical kind's numpy pair test pays off over long runs only: its import would
    # double a one-off scan of a short file
    import subprocess
    import sys

    code = (
        "import sys, wording_guard.scanner as s; "
        "s.default_scanner().scan('各地要接照规定执行，推动经济发展。' * 50); "
        "print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]
