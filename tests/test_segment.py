"""The segmenter: rjieba's compiled module loaded alone (its package builds a tokenizer at
import that nobody uses; a later ``import rjieba`` still works and shares the class), and the
compiled dictionary that cuts exactly as rjieba does."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wording_guard import segment
from wording_guard.segment import Segmenter, _Dictionary

PROGRAM = """
import sys
from wording_guard.segment import Segmenter
segmenter = Segmenter(["习远平"])
assert segmenter.tokens("习远平在人民大会堂开会") == ["习远平", "在", "人民大会堂", "开会"]
assert "rjieba" not in sys.modules, "the package's __init__ ran"
import rjieba
from wording_guard.segment import _tokenizer_class
assert rjieba.Jieba is _tokenizer_class()
assert rjieba.cut("人民大会堂", False) == ["人民大会堂"]
print("ok")
"""


def test_segmenter_skips_the_packages_default_tokenizer() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_a_released_plain_tokenizer_starts_the_next_segmenter() -> None:
    plain = Segmenter()
    assert plain.tokens("人民大会堂") == ["人民大会堂"]
    tokenizer = plain.release()
    assert tokenizer is not None
    scanner_side = Segmenter(["习远平"], tokenizer=tokenizer)
    assert scanner_side.tokens("习远平在人民大会堂开会") == ["习远平", "在", "人民大会堂", "开会"]
    assert scanner_side._tokenizer is tokenizer  # owned, not read again
    assert scanner_side.release() is None  # words were added: not plain any more
    assert plain.tokens("人民大会堂") == ["人民大会堂"]  # the released one loads anew
    assert plain._tokenizer is not tokenizer


# -- the compiled dictionary cuts as rjieba does ---------------------------------------------

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Segmenter, _Dictionary]:
    """rjieba with the default scanner's words, and the compiled dictionary of the same words
    (built in an empty cache: the first segmenter stores the words' frequencies)."""
    from wording_guard.scanner import default_scanner

    segmenter = default_scanner().context.segmenter
    store = tmp_path_factory.mktemp("cache") / "compiled-test.pickle"
    native = Segmenter(segmenter.words, store=store)
    assert native.tokens("书法国画") and native._tokenizer is not None
    dictionary = _Dictionary.load(store, segmenter.words)
    assert dictionary is not None
    return native, dictionary


def _windows(size: int = 30) -> list[str]:
    """The corpus's sentences, long ones in pieces of ``size``, also width/case folded."""
    windows = []
    for path in sorted(CORPUS.glob("*.txt")):
        for sentence in re.findall(r"[^。！？；\n]*[。！？；\n]?", path.read_text("utf-8")):
            windows.extend(sentence[i : i + size] for i in range(0, len(sentence), size))
    return [w for w in windows if w.strip()]


def test_same_cuts_on_the_lexicon_examples_and_the_corpus(
    pair: tuple[Segmenter, _Dictionary],
) -> None:
    from wording_guard.lexicon import load_directory, shipped_lexicon_dir

    native, dictionary = pair
    cut = native._tokenizer.cut
    texts = [
        text
        for loaded in load_directory(shipped_lexicon_dir())
        for entry in loaded.rule.entries
        for text in (
            *(bad.plain()[0] for bad in entry.examples.bad),
            *(good.text for good in entry.examples.good),
        )
    ]
    windows = _windows()
    folded = [unicodedata.normalize("NFKC", w).lower() for w in windows]
    assert len(texts) > 5000 and len(windows) > 10000
    for text in (*texts, *windows, *folded, "".join(windows[:3000])):
        assert dictionary.cut(text) == cut(text, False), text
    words = {w for text in texts[:3000] for w in cut(text, False)} | set(native.words)
    words |= {w[:-1] for w in words} | {"", "书法国", "γ射线", "𦡦"}
    for word in words:
        assert dictionary.has_word(word) == native._tokenizer.has_word(word), word


# characters jieba treats differently: dictionary CJK, letters and digits (joined when the
# route leaves them single), the connectors its blocks take in, spaces and line ends, CJK
# beyond the basic plane, other scripts and punctuation
_ALPHABET = st.sampled_from(
    list("中华人民共和国国务院书法国画展览习近平总书记会议长江大桥市长年月日的了是一二三")
    + list("abcXYZ0129+#&._%-")
    + [" ", "\t", "\r", "\n", "\r\n", "\u3000", "，", "。", "“", "”", "·", "γ", "é"]
    + ["𠀀", "𦡦", "𪚥", "\U0002b740", "㐀", "豈", "😀", "\ufeff"]
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(_ALPHABET, st.sampled_from(["c#", "AT&T", "B超", "共赢", "3.5"])), max_size=40
    )
)
def test_same_cuts_on_random_mixed_text(
    pair: tuple[Segmenter, _Dictionary], parts: list[str]
) -> None:
    native, dictionary = pair
    text = "".join(parts)
    ours, theirs = dictionary.cut(text), native._tokenizer.cut(text, False)
    if ours != theirs:
        # two routes of exactly the same probability (人人人: 人|人人 and 人人|人): the float
        # sums rjieba compares may differ in the last bit, and so may its pick; any other
        # difference is a bug
        assert "".join(ours) == "".join(theirs) == text
        assert math.isclose(_log_p(dictionary, ours), _log_p(dictionary, theirs), abs_tol=1e-9)


def _log_p(dictionary: _Dictionary, words: list[str]) -> float:
    """The log probability of a cut: its Han-block words' dictionary frequencies."""
    total = 0.0
    for word in words:
        encoded = word.encode("utf-16-be")
        known = [i for s, e, i in dictionary._find(encoded) if s == 0 and e == len(encoded)]
        total += (dictionary._log_freqs[known[0]] if known else 0.0) - dictionary._log_total
    return total


def test_a_segmenter_moves_to_rjieba_after_its_share_of_python(
    pair: tuple[Segmenter, _Dictionary], monkeypatch: pytest.MonkeyPatch
) -> None:
    native, _ = pair
    store = native._store
    segmenter = Segmenter(native.words, store=store)
    text = "习近平总书记在人民大会堂会见外宾。书法国画展览开幕。"
    expected = native.tokens(text)
    assert segmenter.tokens(text) == expected
    assert segmenter._dictionary is not None and segmenter._tokenizer is None
    monkeypatch.setattr(segment, "PYTHON_CHARS", 3 * len(text))
    for _ in range(4):  # the fourth cut is rjieba's
        assert segmenter.tokens(text) == expected
        assert segmenter.cuts(text, 5) == native.cuts(text, 5)
    assert segmenter._tokenizer is not None and segmenter._dictionary is None
    assert segmenter.tokens(text) == expected
    assert segmenter.lookup()("书法国画") == native.lookup()("书法国画")
    assert segmenter.tag("习近平") == native.tag("习近平")


def test_the_dictionary_files_read_back_and_damaged_ones_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "jieba-test.dict"
    built = segment._Base.build(path)
    read = segment._Base.load(path)
    assert read.total == built.total
    assert read.log_freqs == built.log_freqs
    assert read.automaton.serialize() == built.automaton.serialize()
    freqs = path.with_suffix(".freqs")
    data = freqs.read_bytes()
    for damaged in (b"", data[:5], data[:-3]):
        freqs.write_bytes(damaged)
        with pytest.raises((ValueError, EOFError)):
            segment._Base.load(path)
