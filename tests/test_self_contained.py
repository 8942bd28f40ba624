"""The repository is self-contained: a fresh clone has everything its tests, benchmarks and
scripts read by default.

Real texts live in tests/data/, benchmarks/corpus/ and benchmarks/data/, each with a
SOURCES.md. Code must not reach for a ``shared`` folder next to the checkout (a research
folder that only some machines have) or otherwise climb above the repository root; a data
set too big to ship is a required command-line argument instead.

A line that must mention such a path for another reason can end with the marker
``# self-contained: ok``.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
CHECKED_FOLDERS = ("src", "tests", "benchmarks", "scripts")
MARKER = "self-contained: ok"
DATA_FOLDERS = ("tests/data", "benchmarks/corpus", "benchmarks/data/ecspell")

# A folder named "shared" used as a path: a quoted path component ("shared" / 'shared'),
# a path that goes through it (shared/data, shared\data) or ends in it (../shared,
# /work/shared). Plain prose ("a shared, noisy machine", "shared data") has no quote or
# slash right next to the word, so it passes.
SHARED_PATTERNS = (
    re.compile(r"""(["'])shared\1"""),
    re.compile(r"(?<![\w.-])shared[/\\]"),
    re.compile(r"[/\\]shared(?![\w.-])"),
)
# The folder above the repository root: REPO.parent / ROOT.parent (both name the root in
# this code base), and Path(__file__) climbing more levels than the file is deep.
ROOT_PARENT = re.compile(r"\b(?:REPO|ROOT)\.parent\b")
FILE_PARENTS = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
FILE_PARENT_CHAIN = re.compile(r"Path\(__file__\)(?:\.resolve\(\))?((?:\.parent\b)+)")


def problems(line: str, depth: int) -> list[str]:
    """What is wrong with one line of a file that sits ``depth`` path parts below the
    repository root (benchmarks/run.py: 2)."""
    if MARKER in line:
        return []
    found = []
    if any(p.search(line) for p in SHARED_PATTERNS):
        found.append("refers to a 'shared' folder outside the repository")
    if ROOT_PARENT.search(line):
        found.append("goes to the folder above the repository root")
    for m in FILE_PARENTS.finditer(line):
        if int(m.group(1)) + 1 > depth:
            found.append(f"Path(__file__).parents[{m.group(1)}] is above the repository root")
    for m in FILE_PARENT_CHAIN.finditer(line):
        if m.group(1).count(".parent") > depth:
            found.append("Path(__file__).parent... climbs above the repository root")
    return found


def is_shell_script(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            first = fh.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and (b"sh" in first or b"python" in first)


def checked_files() -> Iterator[Path]:
    for folder in CHECKED_FOLDERS:
        for path in sorted((REPO / folder).rglob("*")):
            rel = path.relative_to(REPO)
            if not path.is_file() or any(
                part.startswith(".") or part == "__pycache__" for part in rel.parts
            ):
                continue
            if path.suffix in {".py", ".sh"} or (not path.suffix and is_shell_script(path)):
                yield path


def test_no_path_outside_the_repository() -> None:
    this_file = Path(__file__).resolve()
    seen = 0
    offenders = []
    for path in checked_files():
        if path.resolve() == this_file:  # its examples and patterns would match themselves
            continue
        seen += 1
        rel = path.relative_to(REPO)
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            for problem in problems(line, len(rel.parts)):
                offenders.append(f"{rel.as_posix()}:{number}: {problem}: {line.strip()}")
    assert seen > 20, "the file walk found too few files; is the layout different?"
    assert not offenders, (
        "Code must read only files inside the repository (ship data in tests/data/ or "
        "benchmarks/, or take a required argument):\n" + "\n".join(offenders)
    )


@pytest.mark.parametrize(
    "line",
    [
        'SHARED = REPO.parent / "shared"',
        "DEFAULT = Path(__file__).resolve().parents[2] / 'shared' / 'data'",
        '    / "shared"',
        'text = open("../shared/data/corpus/gwr_2024.txt").read()',
        "# reads /work/shared/data/corpus",
        "# SOURCE: generated from the corpus in shared/data/corpus",
        r'path = "..\\shared\\data"',
        'CORPUS = ROOT.parent / "corpus"',
        'DATA = Path(__file__).resolve().parents[2] / "data"',
        "HERE = Path(__file__).parent.parent.parent",
    ],
)
def test_detects_outside_paths(line: str) -> None:
    assert problems(line, depth=2), line


@pytest.mark.parametrize(
    "line",
    [
        'Medians of repeated runs on a shared, noisy machine: read the ratios."',
        "The machine is shared and noisy: read the ratios.",
        "Folders whose name starts with ``_`` hold shared data, not rules.",
        "# first digit 9 is shared with company codes",
        'shared_cache = {"sharedKey": 1}',
        "ROOT = Path(__file__).resolve().parents[1]",
        'DEFAULT_CORPUS = Path(__file__).resolve().parent / "corpus"',
        "REPO = Path(__file__).resolve().parent.parent",
        'x = REPO / "shared"  # self-contained: ok',
    ],
)
def test_allows_prose_and_paths_inside(line: str) -> None:
    assert problems(line, depth=2) == [], line


@pytest.mark.parametrize("folder", DATA_FOLDERS)
def test_shipped_data_has_sources(folder: str) -> None:
    directory = REPO / folder
    sources = (directory / "SOURCES.md").read_text(encoding="utf-8")
    files = [p.name for p in sorted(directory.iterdir()) if p.name != "SOURCES.md"]
    assert files, f"{folder} is empty"
    unlisted = [name for name in files if f"`{name}`" not in sources]
    assert not unlisted, f"{folder}/SOURCES.md does not list {unlisted}"


def load(relative: str) -> ModuleType:
    """Import a benchmark or script by path (its own folder on sys.path, as when run); skip
    when a third-party package it needs is not installed."""
    path = REPO / relative
    name = f"_self_contained_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    sys.modules[name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] != "wording_guard":
            pytest.skip(f"{relative} needs {exc.name}")
        raise
    finally:
        sys.path.remove(str(path.parent))
        sys.modules.pop(name, None)
    return module


@pytest.mark.parametrize(
    ("script", "name"),
    [
        ("benchmarks/run.py", "DEFAULT_CORPUS"),
        ("benchmarks/corpus_findings.py", "DEFAULT_CORPUS"),
        ("benchmarks/document_check.py", "DEFAULT_ARTICLE"),
        ("benchmarks/service_load.py", "DEFAULT_ARTICLE"),
        ("benchmarks/ecspell_eval.py", "DEFAULT_DATA"),
        ("benchmarks/eval.py", "EVAL"),
        ("benchmarks/versus.py", "DEFAULT_CORPUS"),
        ("benchmarks/findings_diff.py", "DEFAULT_CORPUS"),
    ],
)
def test_benchmark_defaults_are_in_the_repository(script: str, name: str) -> None:
    default = Path(getattr(load(script), name)).resolve()
    assert default.is_relative_to(REPO), f"{script}: {name} = {default} is outside the repo"
    assert default.exists(), f"{script}: {name} = {default} does not exist"
    if default.is_dir():
        assert any(default.iterdir()), f"{script}: {name} = {default} is empty"


@pytest.mark.parametrize(
    ("script", "extra"),
    [
        ("scripts/check_typo_lexicon.py", ["--ecspell", "x"]),
        ("scripts/build_confusion_tables.py", ["--corpus-only"]),
    ],
)
def test_scripts_require_the_corpus(
    script: str, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    module = load(script)
    with pytest.raises(SystemExit) as exit_info:
        module.main(extra)
    assert exit_info.value.code == 2
    assert "--corpus" in capsys.readouterr().err
