"""The compact forms the compiled-lexicon cache stores for a fast warm start."""

from __future__ import annotations

import datetime as dt
import gc
import pickle
import random
import string
from array import array
from pathlib import Path

import pytest

from wording_guard import startup
from wording_guard.cache import (
    _mapped_buffers,
    _read_automaton,
    _write,
    _write_buffers,
    gc_paused,
    load_compiled,
    load_matcher,
    share_equal,
)
from wording_guard.charmodel import through_copy
from wording_guard.compiler import (
    ALNUM_END,
    ALNUM_START,
    Compiled,
    EntryInfo,
    Interned,
    all_ascii_edges,
    narrow,
)
from wording_guard.kinds.base import (
    PACKED_GROUP,
    Ints,
    JoinedWords,
    Packed,
    PackedValues,
    ints_view,
)
from wording_guard.models import Severity


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


def test_packed_reads_as_the_list_it_was_made_of() -> None:
    for size in (0, 1, PACKED_GROUP - 1, PACKED_GROUP, PACKED_GROUP + 1, 3 * PACKED_GROUP + 5):
        items = [(n, f"第{n}条", (n % 3 == 0,)) for n in range(size)]
        packed = pickle.loads(pickle.dumps(Packed.of(items), pickle.HIGHEST_PROTOCOL))
        assert len(packed) == size and list(packed) == items and packed == items
        assert [packed[k] for k in range(-size, size)] == items + items
        assert packed[1:-1:2] == items[1:-1:2]
        for bad in (size, -size - 1):
            with pytest.raises(IndexError):
                packed[bad]
    assert Packed.of([1]) != [2] and Packed.of([1]) != "1"


def test_packed_unpickles_only_the_groups_read() -> None:
    items = [f"条{n}" for n in range(4 * PACKED_GROUP)]
    packed = pickle.loads(pickle.dumps(Packed.of(items), pickle.HIGHEST_PROTOCOL))
    assert packed[PACKED_GROUP + 1] == items[PACKED_GROUP + 1]
    assert [g is not None for g in packed._groups] == [False, True, False, False]
    # pickled again: the items, never the groups read
    again = pickle.dumps(packed, pickle.HIGHEST_PROTOCOL)
    assert all(g is None for g in pickle.loads(again)._groups)


def test_packed_values_read_as_the_mapping_they_were_made_of() -> None:
    table = {"山东省": {"?泽": ("菏泽",), "菏?": ("菏泽",)}, "河北省": {}, "空": None}
    packed = pickle.loads(pickle.dumps(PackedValues.of(table), pickle.HIGHEST_PROTOCOL))
    assert "河北省" in packed and "河南省" not in packed and not packed._read
    assert packed.get("河南省") is None and packed.get("河南省", {}) == {}
    assert packed["山东省"] == table["山东省"] and list(packed._read) == ["山东省"]
    assert packed["山东省"] is packed.get("山东省")  # (read once)
    assert list(packed) == list(table) and len(packed) == 3 and packed == table
    assert dict(packed.items()) == table
    with pytest.raises(KeyError):
        packed["河南省"]


def test_compiled_tables_store_their_entries_packed() -> None:
    entries = [
        EntryInfo(0, Severity.SERIOUS, "错", ("对",), None, None, dt.date(2020, 1, 1), 3),
        EntryInfo(0, Severity.NOTICE, "提示", (), None, None, None, None, 0, False),
    ]
    compiled = Compiled(entries=entries)
    restored = pickle.loads(pickle.dumps(compiled, pickle.HIGHEST_PROTOCOL))
    assert isinstance(restored.entries, Packed) and restored.entries == entries
    assert restored.entries[1] == entries[1] and type(restored.entries[0]) is EntryInfo


def _out_of_band(obj: object) -> tuple[bytes, list[pickle.PickleBuffer]]:
    buffers: list[pickle.PickleBuffer] = []
    return pickle.dumps(obj, protocol=5, buffer_callback=buffers.append), buffers


def test_large_tables_pickle_their_bytes_out_of_band() -> None:
    items = [(n, f"第{n}条") for n in range(3 * PACKED_GROUP + 1)]
    table = {"山东省": ("菏泽",), "河北省": ()}
    tables = (Packed.of(items), PackedValues.of(table), Interned.of(["甲", "", "甲"]))
    data, buffers = _out_of_band(tables)
    assert len(buffers) == 1 + 2 + 1  # the blob, each value, the index
    # read back over views of other memory (as the cache maps its file): equal, and the
    # packed items unpickled from the views as they are read
    views = [memoryview(bytearray(b.raw())).toreadonly() for b in buffers]
    packed, values, interned = pickle.loads(data, buffers=views)
    assert isinstance(packed._blob, memoryview) and packed == items
    assert dict(values.items()) == table and interned == ["甲", "", "甲"]
    # pickled again, in band (any protocol) or out: the same items
    for protocol in (2, 4, 5):
        assert pickle.loads(pickle.dumps(tables, protocol)) == (items, table, interned)
    again, more = _out_of_band((packed, values, interned))
    assert pickle.loads(again, buffers=more) == (items, table, interned)


def test_int_arrays_read_back_as_views_of_their_type() -> None:
    for values in (narrow([1, 2, 70000]), narrow([3, 255]), narrow([-1, 5])):
        for protocol in (4, 5):
            view = pickle.loads(pickle.dumps(Ints(values), protocol))
            assert isinstance(view, memoryview) and view.format == values.typecode
            assert list(view) == list(values) and view[1:] == values[1:]
        data, buffers = _out_of_band(Ints(values))
        view = pickle.loads(data, buffers=[b.raw() for b in buffers])
        assert list(view) == list(values) and list(pickle.loads(pickle.dumps(Ints(view)))) == list(
            values
        )
    with pytest.raises(ValueError):
        ints_view("d", b"\x00" * 8)  # (a damaged cache: never read as ints)
    compiled = Compiled(pattern_entry=narrow([0, 1, 1, 2]))
    restored = pickle.loads(pickle.dumps(compiled, pickle.HIGHEST_PROTOCOL))
    assert isinstance(restored.pattern_entry, memoryview) and list(restored.pattern_entry) == [
        0,
        1,
        1,
        2,
    ]


def test_buffers_file_maps_what_was_written(tmp_path: Path) -> None:
    path = tmp_path / "compiled-x.buffers"
    pieces = [b"", b"abc", bytes(range(256)) * 3, b"zzzzzzzzz"]
    written = _write(path, lambda fh: _write_buffers(fh, [pickle.PickleBuffer(p) for p in pieces]))
    assert written
    views = _mapped_buffers(path)
    assert [bytes(v) for v in views] == pieces and all(v.readonly for v in views)
    # each buffer starts at a multiple of 8 bytes (an array's items stay aligned)
    whole = path.read_bytes()
    for piece in pieces[1:]:
        assert whole.index(piece) % 8 == 0
    for damaged in (whole[:-1], whole + b"\x00" * 8, whole[:10], b"x" * len(whole)):
        path.write_bytes(damaged)
        with pytest.raises(ValueError):
            _mapped_buffers(path)


def test_compiled_tables_without_their_buffers_are_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORDING_GUARD_CACHE_DIR", str(tmp_path))
    lexicons = tmp_path / "lexicons"
    lexicons.mkdir()
    built: list[int] = []
    import wording_guard.cache as cache_module

    real_build = cache_module._build

    def counted(dirs: list[Path]) -> object:
        built.append(1)
        return real_build(dirs)

    monkeypatch.setattr(cache_module, "_build", counted)
    first = load_compiled([lexicons], include_shipped=False)
    assert first.path is not None and first.path.with_suffix(".buffers").is_file()
    assert len(built) == 1
    again = load_compiled([lexicons], include_shipped=False)
    assert len(built) == 1 and again.compiled.rules == first.compiled.rules
    for damage in ("missing", "cut"):
        buffers = first.path.with_suffix(".buffers")
        if damage == "missing":
            buffers.unlink()
        else:
            buffers.write_bytes(buffers.read_bytes()[:-1])
        rebuilt = load_compiled([lexicons], include_shipped=False)
        assert rebuilt.compiled.rules == first.compiled.rules
        assert _mapped_buffers(buffers) is not None  # written again, whole
    assert len(built) == 3


class _Held:
    """An object of large and small arrays, as a character model's."""

    def __init__(self, size: int) -> None:
        self.counts = array("I", range(size))
        self.small = array("H", [1, 2, 3])
        self.name = "模型"


def test_copies_map_their_large_arrays(tmp_path: Path) -> None:
    copy = tmp_path / "held-x.pickle"
    made = through_copy(_Held, copy, lambda: _Held(50_000))
    side = copy.with_suffix(".buffers")
    assert side.is_file() and len(_mapped_buffers(side)) == 1  # the large one only
    again = through_copy(_Held, copy, lambda: pytest.fail("read again"))
    assert isinstance(again.counts, memoryview) and again.counts.format == "I"
    assert list(again.counts) == list(made.counts) and again.counts[49_999] == 49_999
    assert isinstance(again.small, array) and again.name == "模型"
    # buffers cut or gone: the copy is made again (never trusted), with its buffers
    for damage in (lambda: side.write_bytes(side.read_bytes()[:-8]), side.unlink):
        damage()
        rebuilt = through_copy(_Held, copy, lambda: _Held(50_000))
        assert isinstance(rebuilt.counts, array) and side.is_file()
        assert list(through_copy(_Held, copy, lambda: _Held(1)).counts) == list(made.counts)
    # a copy with no large array writes no buffers
    small = tmp_path / "small-x.pickle"
    assert through_copy(_Held, small, lambda: _Held(10)).name == "模型"
    assert small.is_file() and not small.with_suffix(".buffers").exists()
    assert list(through_copy(_Held, small, lambda: _Held(1)).counts) == list(range(10))


class _MadeAsPickled:
    """Tables its state makes as it is pickled (as the protected kind's nets)."""

    def __init__(self, word: str) -> None:
        self.word = word
        self.table: tuple[str, ...] | None = None

    def __getstate__(self) -> dict[str, object]:
        if self.table is not None:
            return vars(self).copy()
        return {**vars(self), "table": ("".join(list(self.word)),)}

    def __setstate__(self, state: dict[str, object]) -> None:
        vars(self).update(state)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _MadeAsPickled) and other.word == self.word


def test_stored_tables_hold_one_object_per_equal_string() -> None:
    def made(text: str) -> str:  # a new object each time, as the kinds' folds and slices
        return "".join(list(text))

    entry = EntryInfo(0, Severity.IMPROPER, made("消息"), (made("部署"),), None, None, None, 1)
    ints = frozenset({1, 2})
    compiled = Compiled(
        entries=[entry],
        kind_data={
            made("甲"): [{made("部署"): frozenset({made("北京")})}, {made("部署")}],
            made("乙"): (frozenset({made("北京")}), (made("部署"), 1), (made("部署"), 1), ints),
        },
        generated=[made("部署"), ""],
    )
    compiled.kind_data[made("丙")] = _MadeAsPickled(made("部署"))
    before = pickle.loads(pickle.dumps(compiled))
    stored = share_equal(compiled)
    assert stored == before  # nothing changes value
    restored = pickle.loads(pickle.dumps(stored, pickle.HIGHEST_PROTOCOL))
    assert restored == compiled
    (listed, plain), (places, pair, same_pair, numbers), made_later = restored.kind_data.values()
    assert made_later.table[0] is made_later.word  # (made as it was pickled: shared too)
    # (the entries are kept pickled apart, read a few at a time: equal, not shared)
    word = pair[0]
    assert restored.entries[0].suggestions[0] == word
    assert isinstance(restored.entries[0], EntryInfo)
    assert restored.entries[0].severity is Severity.IMPROPER
    assert next(iter(listed)) is word and next(iter(plain)) is word and pair[0] is word
    assert pair is same_pair and next(iter(listed.values())) is places
    assert numbers == ints and restored.generated[0] is word


def test_narrow_arrays_hold_the_same_numbers() -> None:
    for values, code in (([], "B"), ([0, 255], "B"), ([256], "H"), ([1 << 16], "I")):
        assert narrow(values).typecode == code and narrow(values).tolist() == values
    assert narrow([-1, 3]).tolist() == [-1, 3] and narrow([1 << 40]).tolist() == [1 << 40]
    compiled = Compiled(pattern_entry=narrow([3, 70000])[:1])
    assert pickle.loads(pickle.dumps(compiled)).pattern_entry == compiled.pattern_entry


def test_joined_words_are_the_set_they_were_made_of() -> None:
    words = ["北京", "上海", "a", "北京市"]
    for joined in (JoinedWords(words), pickle.loads(pickle.dumps(JoinedWords(words)))):
        assert sorted(joined) == sorted(set(words)) and len(joined) == 4
        assert all(w in joined for w in words)
        assert not any(w in joined for w in ("北", "京", "", "京\x00上", "北京\x00上海", 1))
    assert list(JoinedWords([])) == [] and "" not in JoinedWords([])
    assert "" in JoinedWords([""]) and len(JoinedWords([""])) == 1
    with pytest.raises(ValueError):
        JoinedWords(["a\x00b"])


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
