"""jieba, rjieba (jieba-rs) and the compiled dictionary for the scanner's word-boundary check,
measured side by side.

The scanner segments short windows of folded text with ``cut(window, HMM=False)`` after adding
the lexicon's short strings to the dictionary with jieba's ``suggest_freq(word, tune=False)``
frequency, and reads the token boundaries. This script builds that segmenter with both
libraries, and wording_guard's compiled dictionary (``wording_guard.segment._Dictionary``:
jieba's dictionary and the added words in cache files, jieba's route computed in Python),
which must cut exactly as rjieba does, and reports:

* whether the boundary sets agree, on the shipped lexicon examples and on real text cut into
  windows of about ``--window`` characters (also width/case folded, as the scanner sees text);
* initialization time and RSS growth, each in fresh processes (median of ``--processes``);
* segmentation throughput (median of ``--repeats`` passes over the corpus windows);
* that two instances with different added words stay independent, and how rjieba behaves
  when used from several threads.

    python benchmarks/segmenters.py [--corpus DIR]
    python benchmarks/segmenters.py --corpus DIR --words words.txt --examples examples.txt

Without ``--words`` / ``--examples`` the lexicon strings and example sentences come from
``wording_guard`` (``default_scanner().compiled.short_words`` and the shipped rule files).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

SENTENCE_END = "。！？!?；;\n"
_SENTENCE = re.compile(f"[^{SENTENCE_END}]*[{SENTENCE_END}]?")


# -- the two segmenters ----------------------------------------------------------------------


class JiebaSegmenter:
    """The scanner's current segmenter: jieba.Tokenizer with the short words added."""

    name = "jieba"

    def __init__(self, words: Iterable[str]) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        self.added: dict[str, int] = {}
        for word in words:
            if word not in self.tokenizer.FREQ or not self.tokenizer.FREQ[word]:
                freq = self.tokenizer.suggest_freq(word, tune=False)
                self.tokenizer.add_word(word, freq)
                self.added[word] = freq

    def tokens(self, text: str) -> list[str]:
        return list(self.tokenizer.cut(text, HMM=False))

    def cuts(self, text: str) -> set[int]:
        pos = 0
        out = {0}
        for token in self.tokenizer.cut(text, HMM=False):
            pos += len(token)
            out.add(pos)
        return out


class RjiebaSegmenter:
    """rjieba.Jieba with the same words added.

    ``freqs``: the frequency to give each added word (e.g. the ones jieba computed); without
    it, rjieba's own ``suggest_freq`` (jieba-rs' port of jieba's formula) is used."""

    name = "rjieba"

    def __init__(self, words: Iterable[str], freqs: dict[str, int] | None = None) -> None:
        import rjieba

        self.jieba = rjieba.Jieba()
        self.added: dict[str, int] = {}
        for word in words:
            if not self.jieba.has_word(word):
                freq = freqs[word] if freqs is not None else self.jieba.suggest_freq(word)
                self.added[word] = self.jieba.add_word(word, freq, None)

    def tokens(self, text: str) -> list[str]:
        return self.jieba.cut(text, False)

    def cuts(self, text: str) -> set[int]:
        pos = 0
        out = {0}
        for token in self.jieba.cut(text, False):
            pos += len(token)
            out.add(pos)
        return out


class CompiledSegmenter:
    """wording_guard's compiled dictionary (jieba's dictionary and the added words in a
    daachorse automaton kept in the cache, jieba's route computed in Python), read from the
    cache files beside ``store`` (see :func:`prepare_compiled`)."""

    name = "compiled"

    def __init__(self, words: Sequence[str], store: Path) -> None:
        from wording_guard.segment import Segmenter

        segmenter = Segmenter(words, store=store)
        segmenter.lookup()  # loads the dictionary
        dictionary = segmenter._dictionary
        if dictionary is None:
            raise RuntimeError(f"no compiled dictionary beside {store}")
        self.dictionary = dictionary
        self.added = dict(zip(dictionary.added, dictionary.freqs, strict=True))

    def tokens(self, text: str) -> list[str]:
        return self.dictionary.cut(text)

    def cuts(self, text: str) -> set[int]:
        pos = 0
        out = {0}
        for token in self.dictionary.cut(text):
            pos += len(token)
            out.add(pos)
        return out


def prepare_compiled(words: Sequence[str], store: Path) -> float:
    """Write the compiled dictionary's files beside ``store`` as a scanner's first runs do
    (rjieba works out the added words' frequencies; jieba's dictionary is compiled); returns
    the seconds the dictionary's compilation took."""
    from wording_guard.segment import Segmenter, _Base

    Segmenter(words, store=store).lookup()  # rjieba: stores the words' frequencies
    t0 = time.perf_counter()
    _Base.build(_Base.path(store))
    return time.perf_counter() - t0


Segmenters = JiebaSegmenter | RjiebaSegmenter | CompiledSegmenter


def make_segmenter(name: str, words: Sequence[str], store: Path | None = None) -> Segmenters:
    if name == "compiled":
        assert store is not None
        return CompiledSegmenter(words, store)
    return JiebaSegmenter(words) if name == "jieba" else RjiebaSegmenter(words)


# -- inputs ----------------------------------------------------------------------------------


def read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def lexicon_words() -> list[str]:
    from wording_guard.scanner import default_scanner

    return list(default_scanner().compiled.short_words)


def lexicon_examples() -> list[str]:
    from wording_guard.lexicon import load_directory, shipped_lexicon_dir

    texts: list[str] = []
    for loaded in load_directory(shipped_lexicon_dir()):
        for entry in loaded.rule.entries:
            texts.extend(bad.plain()[0] for bad in entry.examples.bad)
            texts.extend(good.text for good in entry.examples.good)
    return texts


def corpus_windows(directory: Path, size: int) -> list[str]:
    """Sentences of the corpus texts, those longer than ``size`` cut into ``size`` pieces."""
    windows: list[str] = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for match in _SENTENCE.finditer(text):
            sentence = match.group()
            for i in range(0, len(sentence), size):
                piece = sentence[i : i + size]
                if piece.strip():
                    windows.append(piece)
    return windows


def fold_char(ch: str) -> str:
    """Width and case folding that keeps the length, roughly as the scanner folds text."""
    folded = unicodedata.normalize("NFKC", ch).lower()
    return folded if len(folded) == 1 else ch


def fold(text: str) -> str:
    return "".join(fold_char(ch) for ch in text)


# -- measurements ----------------------------------------------------------------------------


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc/self/status")


def child(name: str, words_file: Path, store: Path | None) -> None:
    """Run in a fresh process: import, build one and then a second segmenter; report the
    timings and RSS steps as JSON (importing rjieba already builds its default instance;
    the compiled dictionary is read from the cache files beside ``store``)."""
    words = read_lines(words_file)
    rss0 = rss_kb()
    t0 = time.perf_counter()
    if name == "jieba":
        import jieba  # noqa: F401
    elif name == "rjieba":
        import rjieba  # noqa: F401
    else:  # what a scanner has imported before its segmenter loads (the cache's helpers)
        import daachorse  # noqa: F401

        import wording_guard.cache
        import wording_guard.segment  # noqa: F401
    t1 = time.perf_counter()
    rss1 = rss_kb()
    segmenter = make_segmenter(name, words, store)
    t2 = time.perf_counter()
    rss2 = rss_kb()
    second = make_segmenter(name, words, store)
    rss3 = rss_kb()
    print(
        json.dumps(
            {
                "import_s": t1 - t0,
                "init_s": t2 - t1,
                "import_kb": rss1 - rss0,
                "first_kb": rss2 - rss1,
                "second_kb": rss3 - rss2,
                "total_kb": rss2 - rss0,
                "added": len(segmenter.added),
                "added_second": len(second.added),
            }
        )
    )


def fresh_runs(
    names: Sequence[str], words_file: Path, processes: int, store: Path | None = None
) -> dict[str, dict[str, float]]:
    """Medians over ``processes`` fresh processes per segmenter, the segmenters taking turns
    (the machine's load hits all alike)."""
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for _ in range(processes):
        for name in names:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    name,
                    "--words",
                    str(words_file),
                    "--corpus",
                    ".",
                    *(["--store", str(store)] if store else []),
                ],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs[name].append(json.loads(out.strip().splitlines()[-1]))
    return {
        name: {key: statistics.median(run[key] for run in got) for key in got[0]}
        for name, got in runs.items()
    }


def throughput(cuts: Callable[[str], set[int]], windows: list[str], repeats: int) -> float:
    chars = sum(len(w) for w in windows)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for window in windows:
            cuts(window)
        times.append(time.perf_counter() - t0)
    return chars / statistics.median(times)


def differing(a: Segmenters, b: Segmenters, texts: list[str]) -> list[str]:
    return [t for t in texts if a.cuts(t) != b.cuts(t)]


def independence(words: list[str]) -> list[str]:
    """Two instances with disjoint halves of the words: each keeps its own words whole and
    does not see the other's; the module-level default instance sees neither."""
    import rjieba

    first, second = words[0::2], words[1::2]
    a = RjiebaSegmenter(first)
    b = RjiebaSegmenter(second)
    lines = []
    for label, own, other in (("A", first, second), ("B", second, first)):
        seg = a if label == "A" else b
        own_added = [w for w in own if w in seg.added]
        other_added = [w for w in other if w in (b if label == "A" else a).added]
        whole_own = sum(seg.tokens(w) == [w] for w in own_added)
        whole_other = [w for w in other_added if seg.tokens(w) == [w]]
        known_other = sum(seg.jieba.has_word(w) for w in other_added)
        lines.append(
            f"instance {label}: {whole_own}/{len(own_added)} of its own added words cut whole; "
            f"{len(whole_other)}/{len(other_added)} of the other instance's added words cut "
            f"whole {whole_other[:6]}, "
            f"{known_other} of them known to it (has_word)"
        )
    added = list(a.added) + list(b.added)
    default_known = sum(rjieba.has_word(w) for w in added)
    lines.append(f"module-level rjieba default instance: knows {default_known}/{len(added)}")
    fresh = rjieba.Jieba()
    lines.append(
        f"a third fresh rjieba.Jieba(): knows {sum(fresh.has_word(w) for w in added)}/{len(added)}"
    )
    ja = JiebaSegmenter(first)
    jb = JiebaSegmenter(second)
    j_whole_other = sum(ja.tokens(w) == [w] for w in jb.added)
    lines.append(
        f"jieba.Tokenizer A/B for comparison: A cuts {j_whole_other}/{len(jb.added)} of B's "
        "added words whole"
    )
    return lines


def gil_free_share(cut: Callable[[str], object], text: str) -> float:
    """How much a pure-Python thread gets done while ``cut(text)`` runs in another thread,
    relative to what it gets done alone: ~0 when the GIL is held throughout."""
    count = 0
    stop = threading.Event()

    def spin() -> None:
        nonlocal count
        while not stop.is_set():
            count += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    time.sleep(0.05)
    c0, t0 = count, time.perf_counter()
    cut(text)
    busy = time.perf_counter() - t0
    c1 = count
    time.sleep(busy)
    c2 = count
    stop.set()
    spinner.join()
    return (c1 - c0) / max(1, c2 - c1)


def threads(words: list[str], windows: list[str], workers: int) -> list[str]:
    """One rjieba instance used by several threads at once: same cuts as serially? Is the GIL
    released? What happens when a thread adds a word while others cut?"""
    seg = RjiebaSegmenter(words)
    serial = [seg.cuts(w) for w in windows]
    results: list[list[set[int]]] = [[] for _ in range(workers)]

    def work(index: int) -> None:
        results[index] = [seg.cuts(w) for w in windows]

    t0 = time.perf_counter()
    for _ in range(workers):
        work(0)
    one = time.perf_counter() - t0
    pool = [threading.Thread(target=work, args=(i,)) for i in range(workers)]
    t0 = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    many = time.perf_counter() - t0
    same = all(r == serial for r in results)
    lines = [
        f"{workers} threads cutting the same {len(windows)} windows with one instance: "
        f"results identical to serial: {same}; {many:.2f} s threaded vs {one:.2f} s serial "
        f"(os.cpu_count()={os.cpu_count()})"
    ]
    big = "".join(windows) * 4
    share = gil_free_share(lambda t: seg.jieba.cut(t, False), big)
    lines.append(
        f"a Python thread spinning during one cut of {len(big):,} chars gets "
        f"{share:.0%} of the work it does alone (0% = GIL held throughout)"
    )
    errors: list[str] = []
    stop = threading.Event()

    def cutter() -> None:
        while not stop.is_set():
            for w in windows[:2000]:
                seg.jieba.cut(w * 20, False)

    def adder() -> None:
        for i in range(2000):
            try:
                seg.jieba.add_word(f"测试词{i}", 5, None)
            except Exception as exc:  # report whatever rjieba raises
                errors.append(f"{type(exc).__name__}: {exc}")
        stop.set()

    cutters = [threading.Thread(target=cutter) for _ in range(2)]
    for t in cutters:
        t.start()
    adding = threading.Thread(target=adder)
    adding.start()
    adding.join()
    for t in cutters:
        t.join()
    kinds = sorted(set(errors))
    lines.append(
        f"add_word from one thread while two threads cut: {len(errors)}/2000 add_word calls "
        f"raised {kinds[:2] if kinds else 'nothing'}"
    )
    return lines


# -- report ----------------------------------------------------------------------------------


def show(seg: Segmenters, text: str) -> str:
    return "/".join(seg.tokens(text)).replace("\n", "⏎")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path(__file__).resolve().parent / "corpus",
        help="directory of *.txt texts (default: the real texts in benchmarks/corpus)",
    )
    parser.add_argument("--words", type=Path, help="added words, one per line")
    parser.add_argument("--examples", type=Path, help="example sentences, one per line")
    parser.add_argument("--window", type=int, default=30, help="window size in characters")
    parser.add_argument("--repeats", type=int, default=5, help="throughput passes")
    parser.add_argument("--processes", type=int, default=5, help="fresh processes for init")
    parser.add_argument("--threads", type=int, default=4, help="threads for the thread test")
    parser.add_argument("--show", type=int, default=20, help="differing examples to print")
    parser.add_argument("--child", choices=["jieba", "rjieba", "compiled"], help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        if args.words is None:
            parser.error("--child needs --words")
        child(args.child, args.words, args.store)
        return 0

    words = read_lines(args.words) if args.words else lexicon_words()
    examples = read_lines(args.examples) if args.examples else lexicon_examples()
    windows = corpus_windows(args.corpus, args.window)
    if not windows:
        parser.error(f"no *.txt text in {args.corpus}")
    folded = [fold(w) for w in windows]

    words_file = args.words
    if words_file is None:
        words_file = Path(f"/tmp/segmenters_words_{os.getpid()}.txt")
        words_file.write_text("\n".join(words) + "\n", encoding="utf-8")

    jb = JiebaSegmenter(words)
    native = RjiebaSegmenter(words)
    same_freq = RjiebaSegmenter(words, jb.added)
    freq_diff = {
        w: (f, native.added.get(w)) for w, f in jb.added.items() if native.added.get(w) != f
    }
    store = Path(tempfile.mkdtemp(prefix="segmenters-")) / "compiled-bench.pickle"
    compile_s = prepare_compiled(words, store)
    compiled = CompiledSegmenter(words, store)

    print(
        f"# jieba, rjieba, compiled: {len(words)} lexicon words, {len(jb.added)} added to "
        f"jieba, {len(native.added)} to rjieba\n"
    )
    print(
        f"Words whose frequency differs (jieba suggest_freq, rjieba suggest_freq): "
        f"{len(freq_diff)} {dict(list(freq_diff.items())[:10])}\n"
    )
    print(
        f"The compiled dictionary (wording_guard.segment) adds {len(compiled.added)} words, "
        f"{sum(compiled.added.get(w) != f for w, f in native.added.items())} of them with a "
        "frequency other than rjieba's; compiling jieba's dictionary took "
        f"{compile_s:.2f} s (once per jieba install, kept in the cache).\n"
    )
    print("### Identical cuts (windows whose boundary set differs from the reference)\n")
    print(
        "| input | windows | chars | rjieba vs jieba, own suggest_freq | "
        "rjieba vs jieba, jieba's freqs | compiled vs rjieba |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    samples: list[str] = []
    compiled_samples: list[str] = []
    for label, texts in (
        ("lexicon examples", examples),
        (f"corpus, {args.window}-char windows", windows),
        ("corpus windows, width/case folded", folded),
        ("corpus windows joined (one text)", ["".join(windows)]),
    ):
        d_native = differing(jb, native, texts)
        d_same = differing(jb, same_freq, texts)
        d_compiled = [t for t in texts if compiled.tokens(t) != native.tokens(t)]
        chars = sum(len(t) for t in texts)
        print(
            f"| {label} | {len(texts)} | {chars} | {len(d_native)} | {len(d_same)} | "
            f"{len(d_compiled)} |"
        )
        samples.extend(t for t in dict.fromkeys(d_native + d_same) if t not in samples)
        compiled_samples.extend(d_compiled)
    print()
    if samples:
        print(f"Differing windows (first {args.show}): jieba | rjieba own freq\n")
        for text in samples[: args.show]:
            print(f"- `{show(jb, text)}` | `{show(native, text)}`")
        print()
    if compiled_samples:
        print(f"Differing windows (first {args.show}): rjieba | compiled\n")
        for text in compiled_samples[: args.show]:
            print(f"- `{show(native, text)[:200]}` | `{show(compiled, text)[:200]}`")
        print()

    print("### Speed and memory\n")
    rows = []
    segmenters: dict[str, Segmenters] = {"jieba": jb, "rjieba": native, "compiled": compiled}
    inits = fresh_runs(list(segmenters), words_file, args.processes, store)
    for name, seg in segmenters.items():
        rate = throughput(seg.cuts, windows, args.repeats)
        rows.append((name, inits[name], rate))
    print(
        "| segmenter | import s | init s (construct+dict+add) | RSS import MB | "
        "RSS instance MB | RSS 2nd instance MB | RSS total MB | "
        f"cut chars/s ({args.window}-char windows) | windows/s |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    mean_len = sum(len(w) for w in windows) / len(windows)
    for name, init, rate in rows:
        mb = {k: init[k] / 1024 for k in ("import_kb", "first_kb", "second_kb", "total_kb")}
        print(
            f"| {name} | {init['import_s']:.3f} | {init['init_s']:.3f} | "
            f"{mb['import_kb']:.1f} | {mb['first_kb']:.1f} | {mb['second_kb']:.1f} | "
            f"{mb['total_kb']:.1f} | {rate:,.0f} | {rate / mean_len:,.0f} |"
        )
    print(
        f"\ninit and RSS: median of {args.processes} fresh processes per segmenter, taking "
        f"turns; throughput: median of {args.repeats} passes over {len(windows)} windows in "
        "this process. compiled: import is daachorse and wording_guard's cache and segment "
        "modules (a scanner has them before it segments); init reads the cache files.\n"
    )

    print("### Independence\n")
    for line in independence(words):
        print(f"- {line}")
    print("\n### Threads (rjieba)\n")
    for line in threads(words, windows[:5000], args.threads):
        print(f"- {line}")
    if args.words is None:
        words_file.unlink()
    shutil.rmtree(store.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
