"""Fuzz the scanner and every renderer with a million mixed inputs (issue #11).

    python benchmarks/fuzz.py [--inputs 1000000] [--jobs 2] [--seed 0] [--write]

Each input is built from a seeded generator: pieces of real errors (党的２０大, a spam line),
labelled personal numbers (valid ID numbers, allocated mobile ranges) placed next to and
inside other findings, control, format and zero-width characters, line separators, random
code points of every plane and, now and then, a lone surrogate. For every input:

* ``Scanner.scan`` either returns findings or, only for text holding a lone surrogate,
  raises ``InputError``; any other exception is a failure (its type and input number are
  listed, never the input: it may hold a number);
* every finding's offsets are exact (its text is the text at its span; its line and column
  agree with the span);
* no labelled personal number goes unfound, and none shows unmasked in the masked findings;
  every 50th input also goes through every renderer (text, JSON, JSON Lines, SARIF, GitHub,
  HTML report; full and compact results; the HTTP service's response, with its UTF-16
  offsets checked) and every 200th through ``check_document``.

Prints a markdown section; ``--write`` also stores it in ``benchmarks/fuzz_results.md``,
which ``benchmarks/all.sh`` includes in RESULTS.md (the run takes a few minutes on 2 cores,
too long to repeat with every benchmark run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import sys
import time
from collections import Counter
from pathlib import Path

from wording_guard import InputError
from wording_guard.document import Document, check_document
from wording_guard.output import (
    github_annotations,
    render_json,
    render_jsonl,
    render_sarif,
    render_text,
)
from wording_guard.report import render_html_report
from wording_guard.results import FileResult, mask_findings
from wording_guard.scanner import Scanner, default_scanner
from wording_guard.service import ScanRequest
from wording_guard.service import _scan as scan_service
from wording_guard.validators import id_card_check_digit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "fuzz_results.md"

FINDINGS = (
    "党的２０大",
    "二十届三中金会",
    "扫黑险恶",
    "纽西兰",
    "不能自己",
    "台湾总统",
    "区卫计委",
    "足球365是什么意思_beat365官方_bat365手机版官网",
    "ｂｅａｔ３６５",
    "習 近·平",
    "接照规定",
)
PLAIN = ("。", "，", "\n", "\r\n", "联系电话", "手机", "姓名：王某", " ", "abc", "2024年", "热线")
ODD = (
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\u2029",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u202e",
    "\t",
    "\r",
    "\u0301",
    "\U0001f600",
    "\U00020000",
)
REGIONS = ("110105", "420106", "330106", "440305", "510104")
MOBILE_HEADS = ("138", "139", "150", "186", "199")


def personal_number(rng: random.Random) -> tuple[str, str]:
    """(labelled text, the number) of a valid ID or an allocated mobile number."""
    if rng.random() < 0.5:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(25000))
        first17 = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
        number = first17 + id_card_check_digit(first17)
        return f"身份证号码：{number}", number
    number = f"{rng.choice(MOBILE_HEADS)}{rng.randrange(10**8):08d}"
    return f"联系人手机：{number}", number


def random_chars(rng: random.Random, n: int, surrogates: bool) -> str:
    out = []
    for _ in range(n):
        plane = rng.random()
        if plane < 0.4:
            out.append(chr(rng.randrange(0x4E00, 0xA000)))
        elif plane < 0.6:
            out.append(chr(rng.randrange(0x20, 0x7F)))
        elif plane < 0.97:
            cp = rng.randrange(0, 0x10000)
            out.append(chr(cp if not 0xD800 <= cp < 0xE000 else 0xE000))
        elif surrogates and plane < 0.975:
            out.append(chr(rng.randrange(0xD800, 0xE000)))
        else:
            out.append(chr(rng.randrange(0x10000, 0x110000)))
    return "".join(out)


def make_input(seed: int) -> tuple[str, list[str]]:
    rng = random.Random(seed)
    surrogates = rng.random() < 0.02
    parts: list[str] = []
    numbers: list[str] = []
    pieces = rng.randrange(1, 30) if rng.random() < 0.995 else rng.randrange(200, 800)
    for _ in range(pieces):
        roll = rng.random()
        if roll < 0.3:
            parts.append(rng.choice(FINDINGS))
        elif roll < 0.5:
            parts.append(rng.choice(PLAIN))
        elif roll < 0.65:
            parts.append(rng.choice(ODD))
        elif roll < 0.75:
            labelled, number = personal_number(rng)
            parts.append(labelled + "，")
            numbers.append(number)
        else:
            parts.append(random_chars(rng, rng.randrange(1, 12), surrogates))
    return "".join(parts), numbers


def has_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(ch) < 0xE000 for ch in text)


_SCANNER: Scanner | None = None


def check(seed: int) -> tuple[list[str], bool]:
    """The problems found with input ``seed`` (empty when none), each a short label, and
    whether the input was refused as not valid Unicode (as it must be)."""
    assert _SCANNER is not None
    scanner = _SCANNER
    text, numbers = make_input(seed)
    try:
        found = scanner.scan(text)
    except InputError:
        if has_surrogate(text):
            return [], True
        return ["InputError without a surrogate"], False
    except Exception as exc:
        return [f"exception {type(exc).__name__}"], False
    if has_surrogate(text):
        return ["lone surrogate accepted"], False
    problems = []
    lines = text.split("\n")
    for f in found:
        if f.text != text[f.start : f.end]:
            problems.append("finding text is not the text at its span")
        elif not lines[f.line - 1][f.column - 1 :].startswith(f.text.split("\n")[0]):
            problems.append("line/column disagree with the span")
    privacy = [f for f in found if f.category.value == "privacy"]
    for number in numbers:
        if not any(number in f.text.upper() for f in privacy):
            problems.append("labelled personal number not found")
    shown = "".join(f.model_dump_json() for f in mask_findings(found))
    if seed % 50 == 0:
        try:
            results = [FileResult("页面.txt", text, found)]
            for variant in (results, [results[0].compact()]):
                shown += render_text(variant) + render_text(variant, colour=True)
                shown += render_json(variant) + render_jsonl(variant)
                shown += render_sarif(variant, scanner.rules) + github_annotations(variant)
                shown += render_html_report(variant)
            served = scan_service(scanner, ScanRequest(text=text))
            for g in served.findings:
                if g.utf16_start != len(text[: g.start].encode("utf-16-le")) // 2:
                    problems.append("service UTF-16 offset wrong")
            shown += served.model_dump_json()
            if seed % 200 == 0:
                report = check_document(Document(title=text[:40], body=text), scanner=scanner)
                shown += report.model_dump_json()
        except Exception as exc:
            return [*problems, f"renderer exception {type(exc).__name__}"], False
    for number in numbers:
        if number in shown:
            problems.append("personal number shown unmasked")
    return problems, False


def run_chunk(bounds: tuple[int, int]) -> tuple[Counter[str], dict[str, int], int]:
    problems: Counter[str] = Counter()
    first: dict[str, int] = {}
    rejected = 0
    for seed in range(*bounds):
        found, refused = check(seed)
        for p in found:
            problems[p] += 1
            first.setdefault(p, seed)
        rejected += refused
    return problems, first, rejected


def main(argv: list[str] | None = None) -> int:
    global _SCANNER
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="first input's seed")
    parser.add_argument("--write", action="store_true", help=f"also write {RESULTS.name}")
    args = parser.parse_args(argv)
    _SCANNER = default_scanner()
    _SCANNER.scan("书法国画展览。要认真布署今年的工作，接照规定执行。")  # load what loads lazily
    step = 5000
    chunks = [
        (lo, min(lo + step, args.seed + args.inputs))
        for lo in range(args.seed, args.seed + args.inputs, step)
    ]
    started = time.perf_counter()
    problems: Counter[str] = Counter()
    first: dict[str, int] = {}
    rejected = 0
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    with context.Pool(args.jobs) as pool:
        for chunk_problems, chunk_first, chunk_rejected in pool.imap_unordered(run_chunk, chunks):
            problems.update(chunk_problems)
            for p, seed in chunk_first.items():
                first[p] = min(seed, first.get(p, seed))
            rejected += chunk_rejected
    seconds = time.perf_counter() - started
    lines = [
        "## Fuzzing: a million mixed inputs",
        "",
        f"Command: `python benchmarks/fuzz.py --inputs {args.inputs} --jobs {args.jobs} "
        f"--seed {args.seed} --write` ({dt.date.today()}; generator and checks in the script's "
        "docstring)",
        "",
        "| inputs | seconds | inputs/s | lone-surrogate inputs refused with InputError | "
        "problems |",
        "|---:|---:|---:|---:|---:|",
        f"| {args.inputs:,} | {seconds:.0f} | {args.inputs / seconds:,.0f} | {rejected:,} | "
        f"{sum(problems.values())} |",
    ]
    if problems:
        lines += ["", "| problem | inputs | first seed |", "|---|---:|---:|"]
        lines += [f"| {p} | {n} | {first[p]} |" for p, n in problems.most_common()]
    section = "\n".join(lines) + "\n"
    print(section)
    if args.write:
        RESULTS.write_text(section, encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
