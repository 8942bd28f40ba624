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


def summary(results: list[tuple[Path, Any]]) -> list[tuple[str, Any]]:
    return [
        (p.name, r if isinstance(r, str) else [f.model_dump() for f in r.findings])
        for p, r in results
    ]


def test_workers_give_what_one_process_gives(scanner, pages: list[Path]) -> None:  # type: ignore[no-untyped-def]
    one = list(batch.scan_files(pages, scanner, None, jobs=1))
    two = list(batch.scan_files(pages, scanner, None, jobs=2))
    assert [p for p, _ in two] == pages
    assert summary(two) == summary(one)
    errors = [r for _, r in two if isinstance(r, str)]
    assert len(errors) == 2 and "missing.txt" in errors[0] and "UTF-16" in errors[1]
    assert sum(len(r.findings) for _, r in two if not isinstance(r, str)) >= 40
    # compact results: what the outputs show, not the texts
    assert all(r.text == "" and r.excerpts is not None for _, r in two if not isinstance(r, str))


def test_forked_workers_use_the_scanner_given(pages: list[Path]) -> None:
    if not batch.forks():
        pytest.skip("workers are not forked here")
    custom = Scanner(allow=["布署"])
    ids = [
        f.rule_id
        for _, r in batch.scan_files(pages, custom, None, jobs=2)
        if not isinstance(r, str)
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
