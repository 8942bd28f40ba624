"""The fold table, built all at once, against its definition one code point at a time."""

from __future__ import annotations

import unicodedata

import opencc

from wording_guard.normalize import _KEEP_RANGES, build_fold_table

RANGES = [
    (0x00, 0x2FFF),
    (0x3000, 0x9FFF),
    (0xF900, 0xFFEF),
    (0x1D400, 0x1D7FF),
    (0x20000, 0x2FA1F),
]


def _one_at_a_time() -> dict[int, int]:
    # the general table first, then Hong Kong's and Taiwan's for what it leaves (衞)
    converters = [opencc.OpenCC(config).convert for config in ("t2s", "hk2s", "tw2s")]
    table: dict[int, int] = {}
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if any(a <= cp <= b for a, b in _KEEP_RANGES) or unicodedata.category(ch) in (
                "Cs",
                "Cn",
            ):
                continue
            out = unicodedata.normalize("NFKC", ch)
            if len(out) != 1:
                out = ch
            if len(out.lower()) == 1:
                out = out.lower()
            try:
                out.encode("gb2312")
                standard = True
            except UnicodeEncodeError:
                standard = False
            if not standard and ord(out) >= 0x3400:
                for convert in converters:
                    simplified = convert(out)
                    if len(simplified) == 1 and simplified != out:
                        out = simplified
                        break
            if out != ch:
                table[cp] = ord(out)
    return table


def test_the_fold_table_is_its_definition() -> None:
    # in particular opencc converts a text of one character a line as each line alone
    assert build_fold_table() == _one_at_a_time()


def test_hong_kong_forms_fold_too() -> None:
    # 衞 is Hong Kong's form of 衛: the general table leaves it
    assert chr(build_fold_table()[ord("衞")]) == "卫"
