"""Offsets point into the ORIGINAL text whatever normalization ran (property tests)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wording_guard.normalize import NOISE_CHARS, NOISE_RUN

# Terms from the shipped lexicons in the forms a hacked or sloppy page would write them.
SEEDS = [
    "布署",
    "再接再励",
    "習近平",
    "ｂｅａｔ３６５",
    "臺灣總統",
    "北朝鲜",
    "扫黑险恶",
    "印度尼西亚",
    "国家工商行政管理总局",
]

noise = st.sampled_from([*NOISE_CHARS, "\u0301", "\u20e3", "\r\n", "\n"])
# any Unicode scalar value except surrogates: astral characters and combining marks included
chars = st.characters(blacklist_categories=("Cs",))
piece = st.one_of(
    st.text(chars, max_size=6),
    st.sampled_from(SEEDS),
    st.builds(lambda t, n: n.join(t), st.sampled_from(SEEDS), noise),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(piece, max_size=8).map("".join))
def test_finding_offsets_point_into_original(scanner, text: str) -> None:  # type: ignore[no-untyped-def]
    lines = text.split("\n")
    kind_of = {rule.id: rule.kind for rule in scanner.rules}
    for f in scanner.scan(text):
        assert text[f.start : f.end] == f.text
        assert 0 <= f.start < f.end <= len(text)
        # the surface normalizes to a pattern of the lexicons, unless its kind matches text
        # no lexicon lists (a regex rule, a typo the character model found in random text, a
        # traditional clause's character the standard conversion writes otherwise: 簽 before
        # 習近平 reads as 籤 to OpenCC, whose phrase tables know no 签习)
        unlisted = kind_of[f.rule_id] in (
            "regex",
            "statistical",
            "traditional",
        ) or f.rule_id.startswith(("privacy.", "illegal_content."))
        assert unlisted or scanner.normalizer.term(f.text) in set(
            scanner.compiled.all_patterns()
        ), f
        assert lines[f.line - 1][f.column - 1 :].startswith(f.text.split("\n")[0])


@settings(max_examples=300, deadline=None)
@given(st.text(chars, max_size=40))
def test_fold_keeps_length(text: str) -> None:
    from wording_guard.scanner import default_scanner

    assert len(default_scanner().normalizer.fold(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(chars, max_size=4), noise), max_size=12).map("".join))
def test_compact_view_maps_back(text: str) -> None:
    from wording_guard.scanner import default_scanner

    normalizer = default_scanner().normalizer
    folded = normalizer.fold(text)
    view = normalizer.compact(folded)
    for s in range(len(view.text)):
        for e in range(s + 1, min(len(view.text), s + 4) + 1):
            os, oe = view.to_original(s, e)
            # the original span, with noise removed, is exactly the view's span
            assert normalizer.term(text[os:oe]) == normalizer.term(view.text[s:e])
            assert folded[os] == view.text[s] and folded[oe - 1] == view.text[e - 1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(chars, max_size=4), noise), max_size=12).map("".join))
def test_unbroken_spans_are_those_mapped_whole(text: str) -> None:
    """``View.unbroken_spans`` keeps exactly the spans whose mapped length is their own
    (nothing removed inside), mapped as ``to_original`` maps them."""
    from wording_guard.scanner import default_scanner

    normalizer = default_scanner().normalizer
    view = normalizer.compact(normalizer.fold(text))
    spans = [
        (s, e) for s in range(len(view.text)) for e in range(s + 1, min(len(view.text), s + 4) + 1)
    ]
    kept, starts, ends = view.unbroken_spans([s for s, _ in spans], [e for _, e in spans])
    mapped = [view.to_original(s, e) for s, e in spans]
    whole = [oe - os == e - s for (os, oe), (s, e) in zip(mapped, spans, strict=True)]
    assert kept == whole
    assert list(zip(starts, ends, strict=True)) == [
        m for m, w in zip(mapped, whole, strict=True) if w
    ]


# Chinese characters and line breaks around noise: where a line break is a noise run or not
wrapped = st.lists(
    st.one_of(noise, st.sampled_from(["习", "近", "a", "，", "\r", "\n", "\n\n", "\r\n"])),
    max_size=12,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(wrapped, st.lists(st.one_of(st.text(chars, max_size=4), noise)).map("".join)))
def test_compact_removes_exactly_the_noise_runs(text: str) -> None:
    from wording_guard.scanner import default_scanner

    folded = default_scanner().normalizer.fold(text)
    view = default_scanner().normalizer.compact(folded)
    runs = [m.span() for m in NOISE_RUN.finditer(folded)]
    assert view.text == NOISE_RUN.sub("", folded)
    kept = [s - sum(e0 - s0 for s0, e0 in runs[:k]) for k, (s, _) in enumerate(runs)]
    assert (view._cuts, view._shifts) == (
        tuple(kept),
        tuple(sum(e0 - s0 for s0, e0 in runs[: k + 1]) for k in range(len(runs))),
    )


def test_noise_and_width_and_traditional_match(scanner) -> None:  # type: ignore[no-untyped-def]
    text = "要认真 布＊署。"
    found = [f for f in scanner.scan(text) if f.rule_id.startswith("typo.")]
    assert [(f.text, f.start, f.end) for f in found] == [("布＊署", 4, 7)]
