"""Big files scanned in windows: the same findings, offsets and output as one whole scan.

Texts are built from the real government corpus (benchmarks/corpus) and the lexicons' own
bad examples (many findings, so that many fall near the edges of small windows)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from wording_guard import batch, inputs, output, report, stream
from wording_guard.cli import main
from wording_guard.errors import ConfigError, InputError
from wording_guard.kinds import split, statistical
from wording_guard.lexicon.loader import load_directory, shipped_lexicon_dir
from wording_guard.lexicon.schema import BadExample
from wording_guard.results import EXCERPT_REACH, FileResult
from wording_guard.selftest import cases

CORPUS = sorted((REPO / "benchmarks" / "corpus").glob("*.txt"))
# windows far smaller than the real ones, so that a short text is cut many times
SMALL = {"window": 1500, "reach": 400, "line_reach": 600}


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    return [
        line for path in CORPUS for line in path.read_text(encoding="utf-8").split("\n") if line
    ]


@pytest.fixture(scope="module")
def bad_examples() -> list[str]:
    found = []
    for case in cases(load_directory(shipped_lexicon_dir())):
        if isinstance(case.example, BadExample):
            text, spans = case.example.plain()
            found.append(text)
            # the same sentence with a line break inside its marked span: a finding across
            # a line break (the scanner reads through it), sometimes where a window ends
            if spans and spans[0][1] - spans[0][0] > 2:
                mid = (spans[0][0] + spans[0][1]) // 2
                found.append(text[:mid] + "\n" + text[mid:])
    return found


def build(rng: random.Random, paragraphs: list[str], bad: list[str], n: int, sep: str) -> str:
    return sep.join(
        rng.choice(paragraphs) if rng.random() < 0.6 else rng.choice(bad) for _ in range(n)
    )


def pieces(text: str, rng: random.Random) -> Iterator[str]:
    """``text`` in pieces of random sizes, as a file is read."""
    pos = 0
    while pos < len(text):
        size = rng.choice([1, 7, 100, 999, 5000])
        yield text[pos : pos + size]
        pos += size


def dumped(findings: list[Any]) -> list[dict[str, Any]]:
    return [f.model_dump() for f in findings]


class Counting:
    """A scanner that counts its scans (the windows)."""

    def __init__(self, scanner: Any) -> None:
        self.scanner = scanner
        self.rule_ids = scanner.rule_ids
        self.calls = 0

    def scan(self, text: str, **kwargs: Any) -> Any:
        self.calls += 1
        return self.scanner.scan(text, **kwargs)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("sep", ["\n", "\r\n", "\n\n"])
def test_windows_find_what_the_whole_scan_finds(  # type: ignore[no-untyped-def]
    scanner, paragraphs, bad_examples, seed: int, sep: str, monkeypatch
) -> None:
    # the small windows' reach must cover what the scanner reads around a hit, as REACH does
    # on real text: the statistical kind's repeat guard is scaled down with it
    monkeypatch.setattr(statistical, "REPEAT_REACH", SMALL["reach"])
    monkeypatch.setattr(split, "WRAP_REACH", SMALL["reach"])
    rng = random.Random(seed)
    text = build(rng, paragraphs, bad_examples, 300, sep)
    date = None if seed % 2 else "2024-03-05"
    whole = scanner.scan(text, date=date)
    counting = Counting(scanner)
    result = stream.scan_chunks("big.txt", pieces(text, rng), counting, date, **SMALL)  # type: ignore[arg-type]
    assert counting.calls > 5
    assert len(whole) > 50
    assert dumped(result.findings) == dumped(whole)
    assert all(text[f.start : f.end] == f.text for f in result.findings)
    # and what the outputs show of them: the compact result of the whole scan keeps the same
    assert result.excerpts is not None
    compact = FileResult("big.txt", text, whole).compact()
    assert compact.excerpts is not None
    assert result.excerpts.spots == compact.excerpts.spots
    assert result.excerpts.length == len(text)


def test_near_the_edges(scanner, bad_examples) -> None:  # type: ignore[no-untyped-def]
    """A finding at every distance from a window's edge: the same sentence after a filler
    line one character longer each time."""
    sentence = "要认真布署今年的防汛工作。"
    lines = []
    for k in range(60):
        lines.append("各" * (k % 37 + 1))
        lines.append(sentence)
    text = "\n".join(lines)
    whole = scanner.scan(text)
    assert len(whole) == 60
    for window in (50, 64, 101):
        result = stream.scan_chunks("x", [text], scanner, window=window, reach=30, line_reach=20)
        assert dumped(result.findings) == dumped(whole), window


def test_no_line_breaks_at_all(scanner) -> None:  # type: ignore[no-untyped-def]
    """One endless line is still cut into windows (anywhere, with the reach around)."""
    text = "".join(p.read_text(encoding="utf-8").replace("\n", "") for p in CORPUS[:6])
    whole = scanner.scan(text)
    assert whole
    counting = Counting(scanner)
    result = stream.scan_chunks("x", pieces(text, random.Random(1)), counting, **SMALL)  # type: ignore[arg-type]
    assert counting.calls > 20
    assert dumped(result.findings) == dumped(whole)
    assert result.excerpts is not None
    assert result.excerpts.spots == FileResult("x", text, whole).compact().excerpts.spots  # type: ignore[union-attr]


def test_empty_and_tiny_texts(scanner) -> None:  # type: ignore[no-untyped-def]
    assert stream.scan_chunks("x", [], scanner).findings == []
    assert stream.scan_chunks("x", ["", ""], scanner).findings == []
    text = "要认真布署今年的工作。"
    got = stream.scan_chunks("x", list(text), scanner, window=4, reach=50, line_reach=0)
    assert dumped(got.findings) == dumped(scanner.scan(text))


SUPPRESSED = [
    "# wording-guard: disable typo.official_terms",
    "# wording-guard: disable all",
    "# wording-guard: enable all",
    "# wording-guard: enable typo.official_terms",
    "# wording-guard: disable typo.official_terms, all",
]


@pytest.mark.parametrize("seed", range(3))
def test_suppressions_hold_across_windows(scanner, paragraphs, seed: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    lines = []
    for _ in range(400):
        roll = rng.random()
        if roll < 0.03:
            lines.append(rng.choice(SUPPRESSED))
        elif roll < 0.4:
            lines.append("要认真布署今年的工作，切实加强领导。")
        else:
            lines.append(rng.choice(paragraphs))
    text = "\n".join(lines)
    whole = scanner.scan(text)
    result = stream.scan_chunks("x", pieces(text, rng), scanner, **SMALL)
    assert dumped(result.findings) == dumped(whole)
    assert 0 < sum(f.rule_id == "typo.official_terms" for f in whole) < 150


def test_a_bad_suppression_names_the_line_of_the_file(scanner) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(["要认真部署今年的工作。"] * 500 + ["# wording-guard: disable typo.no_such"])
    with pytest.raises(ConfigError) as whole:
        scanner.scan(text)
    with pytest.raises(ConfigError) as windowed:
        stream.scan_chunks("x", [text], scanner, **SMALL)
    assert str(windowed.value) == str(whole.value)
    assert "line 501" in str(whole.value)


def test_outputs_of_a_compact_result_are_the_outputs_of_the_whole(scanner) -> None:  # type: ignore[no-untyped-def]
    """Every format and the report, PII masked or shown: a personal number next to another
    finding is masked in that finding's excerpt too."""
    text = "\r\n".join(
        [
            "关于做好防汛工作的通知",
            "联系人张三，电话13812345678，要认真布署今年的防汛工作。",
            "身份证号110101199003071234" + "，" * 3 + "接照规定执行。",
            "书法国画展览" * 40 + "要认真布署工作。" + "各" * 50,
        ]
        * 3
    )
    found = scanner.scan(text)
    assert {f.category.value for f in found} >= {"privacy", "typo"}
    whole = [FileResult("a.txt", text, found)]
    compact = [whole[0].compact()]
    assert compact[0].text == ""
    for reveal in (False, True):
        assert rendered(compact, scanner.rules, reveal) == rendered(whole, scanner.rules, reveal)
    shown = output.render_text(compact)
    assert "13812345678" not in shown and "138****5678" in shown


def test_outputs_of_a_compact_html_result(scanner) -> None:  # type: ignore[no-untyped-def]
    """Regions in the HTML source, excerpts from the extracted text."""
    html = (
        "<html><head><title>关于做好防汛工作的通知</title></head><body>"
        "<p>要认真布署今年防汛工作。</p>\n<p>联系电话：13812345678，&#24067;署工作</p>"
        "<!-- wording-guard: disable typo.official_terms --><p>要认真布署</p></body></html>\n"
    )
    whole = [batch.scan_text("a.html", html, scanner, None, html=True)]
    assert len(whole[0].findings) == 3 and whole[0].source is not None
    compact = [whole[0].compact()]
    for reveal in (False, True):
        assert rendered(compact, scanner.rules, reveal) == rendered(whole, scanner.rules, reveal)


def rendered(results: list[FileResult], rules: Any, reveal: bool) -> list[str]:
    """Every output format, and the HTML report without its time stamp."""
    html = report.render_html_report(results, reveal)
    return [
        output.render_text(results, False, reveal),
        output.render_text(results, True, reveal),
        output.render_json(results, reveal),
        output.render_jsonl(results, reveal),
        output.render_sarif(results, rules, reveal),
        output.github_annotations(results, reveal),
        re.sub(r'<p class="meta">.*?</p>', "", html),
    ]


def test_renderers_read_no_further_than_the_excerpts() -> None:
    assert output._CONTEXT <= EXCERPT_REACH
    assert report._CONTEXT <= EXCERPT_REACH


def test_big_file_through_the_command_line(  # type: ignore[no-untyped-def]
    capsys, monkeypatch, tmp_path: Path, paragraphs, bad_examples
) -> None:
    rng = random.Random(7)
    text = build(rng, paragraphs, bad_examples, 200, "\r\n")
    path = tmp_path / "big.txt"
    path.write_bytes(text.encode("utf-8"))
    outputs = {}
    for streamed in (False, True):
        monkeypatch.setattr(stream, "STREAM_BYTES", 1000 if streamed else 1 << 30)
        monkeypatch.setattr(stream, "WINDOW", 2000)
        got = []
        for fmt in ("text", "json", "sarif", "github"):
            main(["scan", str(path), "--format", fmt, "--fail-on", "never"])
            got.append(capsys.readouterr().out)
        outputs[streamed] = got
    assert outputs[True] == outputs[False]
    assert outputs[True][0].count("big.txt:") > 30


def test_windowed_files_decode_as_whole_ones(  # type: ignore[no-untyped-def]
    scanner, monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(stream, "STREAM_BYTES", 100)
    text = "关于做好防汛工作的通知\n要认真布署今年防汛工作。\n" * 2000
    for name, data in {
        "utf8.txt": text.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "gbk.txt": text.encode("gb18030"),
        "utf16.txt": text.encode("utf-16"),
    }.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = batch.scan_file(path, scanner, None)
        assert result.excerpts is not None, name
        assert dumped(result.findings) == dumped(scanner.scan(text)), name


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # a bad byte far past the first block read
        (("要认真部署工作。\n" * 50_000).encode() + b"\xff" + "工作".encode(), "offset 1250000"),
        (b"\xef\xbb\xbf" + ("工作\n" * 300_000).encode() + b"\xe5", "offset 2100003"),
        (b"\xff\xfe" + "工作\n".encode("utf-16-le") * 200_000 + b"\x00\xdc", "byte 1200002"),
        (b"ab\x00cd" * 1000, "binary file"),
    ],
)
def test_decode_errors_name_the_right_byte(  # type: ignore[no-untyped-def]
    scanner, monkeypatch, tmp_path: Path, data: bytes, message: str
) -> None:
    monkeypatch.setattr(stream, "STREAM_BYTES", 100)
    path = tmp_path / "broken.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as whole:
        inputs.decode(data, str(path))
    with pytest.raises(InputError) as windowed:
        batch.scan_file(path, scanner, None)
    assert str(windowed.value) == str(whole.value)
    assert message in str(whole.value)


def test_chunks_decode_in_any_block_size(tmp_path: Path) -> None:
    text = "政府工作报告，abc\r\n全面建设社会主义现代化国家。\n" * 300
    for data in (text.encode(), text.encode("gb18030"), text.encode("utf-16")):
        path = tmp_path / "t.txt"
        path.write_bytes(data)
        for block in (1, 2, 3, 5, 64, 1 << 20):
            assert "".join(inputs.read_text_chunks(path, block)) == text


def test_a_long_text_given_whole_is_scanned_in_windows(  # type: ignore[no-untyped-def]
    scanner, paragraphs, bad_examples, monkeypatch
) -> None:
    import wording_guard.scanner as scanner_module

    text = build(random.Random(7), paragraphs, bad_examples, 12_000, "\n")
    assert len(text) > scanner_module.WHOLE_SCAN_CHARS
    windowed = scanner.scan(text)
    monkeypatch.setattr(scanner_module, "WHOLE_SCAN_CHARS", len(text))
    whole = scanner.scan(text)
    assert len(whole) > 1000
    assert dumped(windowed) == dumped(whole)


def test_the_reach_covers_the_farthest_context_a_check_reads() -> None:
    assert stream.REACH >= statistical.REPEAT_REACH
    assert stream.REACH >= split.WRAP_REACH
