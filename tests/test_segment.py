"""The segmenter loads rjieba's compiled module alone (its package builds a tokenizer at
import that nobody uses); a later ``import rjieba`` still works and shares the class."""

from __future__ import annotations

import subprocess
import sys

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
    from wording_guard.segment import Segmenter

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
