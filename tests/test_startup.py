"""What a start reads back: regular expressions equal to the patterns ``re`` builds."""

from __future__ import annotations

import re
import re._compiler
from pathlib import Path

import pytest

from wording_guard import startup
from wording_guard.startup import regex_cache

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<year>(?:19|20)\d{2})\s*年(?P<month>\d{1,2})月", 0),
    (r"(?<![〇零一二两三四五六七八九十])([一-鿿]+)(?=[，。])", 0),
    (r"中华人民共和国|中国共产党|全国人民代表大会", re.IGNORECASE),
    (r"^\s*第([0-9]+)条$", re.MULTILINE | re.DOTALL),
    (rb"[\x00-\x1f\\\"]", 0),
    (r"(a)(b)?(?(2)c|d)", re.ASCII),
    (r"(?x) [a-z]+  # words", 0),
]


def _fresh(p: str | bytes, flags: int) -> re.Pattern:  # type: ignore[type-arg]
    return re._compiler.compile(p, flags)  # type: ignore[no-any-return]


@pytest.mark.skipif(startup._compiler_module() is None, reason="re's compiler differs")
def test_programs_read_back_equal_re_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(tmp_path))
    original = re._compiler.compile
    for _ in range(2):  # compiled and written, then read back
        with regex_cache():
            got = [re._compiler.compile(p, f) for p, f in PATTERNS]
        assert re._compiler.compile is original
        for pattern, (p, f) in zip(got, PATTERNS, strict=True):
            own = _fresh(p, f)
            # equal patterns hold the same program; groups as named
            assert pattern == own
            assert (pattern.groups, dict(pattern.groupindex)) == (own.groups, dict(own.groupindex))
            assert pattern.flags == own.flags
        assert list(tmp_path.glob("regex-*.marshal"))
    found = re.compile(r"(?P<y>\d+)年").match("2024年")
    assert found is not None and found["y"] == "2024"


def test_nested_and_without_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", "off")
    original = re._compiler.compile
    with regex_cache(), regex_cache():
        assert re._compiler.compile is original  # no cache: nothing stands in
    assert re._compiler.compile is original


@pytest.mark.skipif(startup._compiler_module() is None, reason="re's compiler differs")
def test_damaged_file_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(tmp_path))
    with regex_cache():
        re._compiler.compile("x+y", 0)
    (path,) = tmp_path.glob("regex-*.marshal")
    path.write_bytes(b"\x00garbage")
    with regex_cache():
        assert re._compiler.compile("x+y", 0) == _fresh("x+y", 0)
