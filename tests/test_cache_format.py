"""The compact forms the compiled-lexicon cache stores for a fast warm start."""

from __future__ import annotations

import gc
import pickle
import random
import string
from pathlib import Path

import pytest

from wording_guard import startup
from wording_guard.cache import _read_automaton, gc_paused, load_matcher
from wording_guard.compiler import ALNUM_END, ALNUM_START, Compiled, Interned, all_ascii_edges


def _one_by_one(patterns: list[str]) -> bytes:
    alnum = set(string.ascii_letters + string.digits)
    return bytes(
        (ALNUM_START if p[0] in alnum else 0) | (ALNUM_END if p[-1] in alnum else 0)
        for p in patterns
    )


def test_ascii_edges_are_those_of_each_pattern() -> None:
    rnd = random.Random(7)
    alphabet = ["a", "Z", "9", "中", "-", "😀", "\x00", " ", "?", "A", "é"]
    cases = [[], ["a"], ["中"], ["a中b", "中", "1"], ["a\x00", "\x00b"], ["-a-", "_", "ab"]]
    for _ in range(2000):
        size = rnd.randint(0, 6)
        cases.append(["".join(rnd.choices(alphabet, k=rnd.randint(1, 4))) for _ in range(size)])
    for patterns in cases:
        assert all_ascii_edges(patterns) == _one_by_one(patterns), patterns


def test_interned_reads_as_the_list_it_was_made_of() -> None:
    items = ["部署", "", "部署", "扫黑除恶", ""]
    interned = pickle.loads(pickle.dumps(Interned.of(items), pickle.HIGHEST_PROTOCOL))
    assert interned == items and items == interned
    assert list(interned) == items and len(interned) == 5
    assert interned[3] == "扫黑除恶" and interned[-1] == "" and interned[1:3] == ["", "部署"]
    assert interned != ["部署"] and interned != "部署"


def test_compiled_tables_store_their_suggestions_interned() -> None:
    compiled = Compiled(generated=["甲", "", "甲"])
    restored = pickle.loads(pickle.dumps(compiled, pickle.HIGHEST_PROTOCOL))
    assert isinstance(restored.generated, Interned)
    assert restored == compiled and list(restored.generated) == ["甲", "", "甲"]


def test_automaton_file_of_another_format_is_rebuilt(tmp_path: Path) -> None:
    tables = tmp_path / "compiled-x.pickle"
    compiled = Compiled(patterns=["甲乙", "丙"], ascii_edges=b"\x00\x00", error_count=2)
    pids, edges, matcher = load_matcher(tables, compiled, ["丙", "丁", "丙"], "daachorse")
    assert pids == [1, 2, 1] and edges == b"\x00"
    (path,) = tmp_path.glob("*.automaton")
    assert _read_automaton(path)[:2] == (pids, edges)
    written = path.read_bytes()
    earlier = b"wording-guard automaton 2\n" + written[len(b"wording-guard automaton 3\n") :]
    # the earlier formats (one pickle; a pickled dict and list), a cut header, a cut
    # automaton: refused, then rebuilt
    for damaged in (
        pickle.dumps(({"丙": 1}, ["丁"], matcher.to_bytes())),  # type: ignore[attr-defined]
        earlier,
        written[:20],
        written[:-1],
        written + b"\x00",
    ):
        path.write_bytes(damaged)
        with pytest.raises(ValueError):
            _read_automaton(path)
        again = load_matcher(tables, compiled, ["丙", "丁", "丙"], "daachorse")
        assert again[:2] == (pids, edges)
        assert again[2].find("甲乙丙丁") == [(0, 2, 0), (2, 3, 1), (3, 4, 2)]
        assert path.read_bytes() == written


def test_pausing_the_collector_keeps_what_the_program_froze() -> None:
    assert gc.isenabled()
    kept = [object() for _ in range(10)]
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with gc_paused():
            assert not gc.isenabled()
            made = [[] for _ in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    with gc_paused():
        made = [[] for _ in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0 and len(made) == len(kept) * 100


def test_after_freezing_for_good_a_pause_counts_no_frozen_objects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # counting walks every frozen object (~20 ms after a scanner's start): the CLI says
    # it froze its objects for good, and a pause then leaves them as they are
    def counted() -> int:
        raise AssertionError("gc.get_freeze_count() walks every frozen object")

    monkeypatch.setattr(startup, "_FROZEN_FOR_GOOD", [True])
    monkeypatch.setattr(gc, "get_freeze_count", counted)
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
