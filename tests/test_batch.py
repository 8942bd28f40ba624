"""Sweeps with worker processes: forked from the loaded scanner, results in input order,
errors per file, the same as one process."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from wording_guard import batch
from wording_guard.scanner import Scanner

CORPUS = sorted((REPO / "benchmarks" / "corpus").glob("*.txt"))


@pytest.fixture()
def pages(tmp_path: Path) -> list[Path]:
    paths = []
    paras = [p for doc in CORPUS[:4] for p in doc.read_text(encoding="utf-8").split("\n\n")]
    for n, para in enumerate(paras[:120]):
        path = tmp_path / f"p{n:03d}.txt"
        extra = "要认真布署今年的工作。\n" if n % 3 == 0 else ""
        path.write_text(extra + para, encoding="utf-8")
        paths.append(path)
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\xff\xfe\x00\xdc")  # invalid UTF-16
    paths.insert(50, broken)
    paths.insert(7, tmp_path / "missing.txt")
    return paths


def summary(outcomes: list[tuple[Path, batch.Outcome]]) -> list[tuple[str, Any]]:
    return [
        (
            p.name,
            [(r.path, [f.model_dump() for f in r.findings]) for r in o.results],
            [(e.path, e.line, e.message) for e in o.errors],
            o.not_scanned,
        )
        for p, o in outcomes
    ]


def test_workers_give_what_one_process_gives(scanner, pages: list[Path]) -> None:  # type: ignore[no-untyped-def]
    one = list(batch.scan_files(pages, scanner, None, jobs=1))
    two = list(batch.scan_files(pages, scanner, None, jobs=2))
    assert [p for p, _ in two] == pages
    assert summary(two) == summary(one)
    missing, broken = [o.not_scanned for _, o in two if o.not_scanned is not None]
    assert missing.path.endswith("missing.txt") and "No such file" in missing.reason
    assert broken.path.endswith("broken.txt") and "UTF-16" in broken.reason
    assert sum(len(r.findings) for _, o in two for r in o.results) >= 40
    # compact results: what the outputs show, not the texts
    assert all(r.text == "" and r.excerpts is not None for _, o in two for r in o.results)


def test_forked_workers_use_the_scanner_given(pages: list[Path]) -> None:
    if not batch.forks():
        pytest.skip("workers are not forked here")
    custom = Scanner(allow=["布署"])
    ids = [
        f.rule_id
        for _, o in batch.scan_files(pages, custom, None, jobs=2)
        for r in o.results
        for f in r.findings
    ]
    assert ids and all(f != "typo.official_terms" for f in ids)


def test_without_fork_workers_build_their_own(  # type: ignore[no-untyped-def]
    scanner, monkeypatch, pages: list[Path]
) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    options: dict[str, object] = {"allow": ["布署"]}
    custom = Scanner(**options)  # type: ignore[arg-type]
    few = pages[:12]
    got = list(batch.scan_files(few, custom, None, jobs=2, scanner_options=options))
    assert summary(got) == summary(list(batch.scan_files(few, custom, None, jobs=1)))


def test_attachments_and_bad_suppressions_from_workers(scanner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph("要认真布署今年的工作。")
    document.save(str(tmp_path / "a.docx"))
    (tmp_path / "b.txt").write_text("日志\nwording-guard: report\n要认真布署工作。\n", "utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4 broken")
    paths = sorted(tmp_path.iterdir())
    one = list(batch.scan_files(paths, scanner, None, jobs=1))
    two = list(batch.scan_files(paths, scanner, None, jobs=2))
    assert summary(two) == summary(one)
    docx_outcome, log, pdf = (o for _, o in two)
    [unit] = docx_outcome.results
    assert unit.path == f"{tmp_path}/a.docx#paragraph=2" and unit.findings[0].start == 3
    assert [(e.line, e.message.split(";")[0]) for e in log.errors] == [
        (2, "unknown suppression 'wording-guard: report'")
    ]
    assert len(log.results[0].findings) == 1
    assert pdf.not_scanned is not None and pdf.not_scanned.path == str(tmp_path / "c.pdf")


def test_bad_suppressions_in_a_file_scanned_in_windows(  # type: ignore[no-untyped-def]
    scanner, monkeypatch, tmp_path: Path
) -> None:
    from wording_guard import stream

    monkeypatch.setattr(stream, "STREAM_BYTES", 100)
    monkeypatch.setattr(stream, "WINDOW", 2000)
    lines = ["要认真部署今年的工作。"] * 3000
    lines[1200] = "# wording-guard: report finished"
    lines[2500] = "要认真布署今年的工作。"
    lines[2600] = "# wording-guard: disable typo.nope"
    text = "\n".join(lines) + "\n"
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    windowed = batch.check_file(path, scanner, None)
    whole = batch.check_text(str(path), text, scanner, None)
    assert [(e.line, e.message) for e in windowed.errors] == [
        (e.line, e.message) for e in whole.errors
    ]
    assert [e.line for e in windowed.errors] == [1201, 2601]
    [result] = windowed.results
    assert [f.line for f in result.findings] == [2501]
    assert [f.model_dump() for f in result.findings] == [
        f.model_dump() for f in whole.results[0].findings
    ]


@pytest.mark.parametrize("seed", range(5))
def test_suppressions_disarmed_in_pieces_as_whole(scanner, seed: int) -> None:  # type: ignore[no-untyped-def]
    import random

    from wording_guard import suppress

    rng = random.Random(seed)
    lines = [
        "正文一行",
        "# wording-guard: disable typo.official_terms",
        "# wording-guard: enable all",
        "wording-guard: report",
        "wording-guard:",
        "x wording-guard:wording-guard: disable typo.nope",
        "<!-- wording-guard: disable all, typo.nope -->",
    ]
    text = "\n".join(rng.choice(lines) for _ in range(200))
    cuts = sorted(rng.sample(range(1, len(text)), 40))
    chunks = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    known = scanner.rule_ids
    errors: list[Any] = []
    pieced = "".join(suppress.disarm_chunks(chunks, known, errors))
    disarmed, whole = suppress.disarm(text, known)
    assert pieced == disarmed and len(disarmed) == len(text)
    assert [(e.line, e.start, e.detail) for e in errors] == [
        (e.line, e.start, e.detail) for e in whole
    ]
    suppress.suppressed_spans(disarmed, known)  # raises no more
