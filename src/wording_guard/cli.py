"""Command line: ``wording-guard scan|rules|explain|check-lexicons``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import InputError, WordingGuardError
from .models import Severity

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
FAIL_ON = ("serious", "improper", "notice", "never")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wording-guard",
        description="Check Chinese government web content for erroneous and sensitive "
        "expressions (错敏信息) before publication.",
    )
    parser.add_argument("--version", action="version", version=f"wording-guard {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scan = sub.add_parser("scan", help="scan files, directories or stdin",
                          description="Scan files, directories (recursively) or stdin ('-').")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for stdin")
    scan.add_argument("--format", choices=("text", "json", "jsonl", "sarif"), default="text")
    scan.add_argument("--fail-on", choices=FAIL_ON, default="serious",
                      help="exit 1 when a finding reaches this severity (default: serious)")
    scan.add_argument("--date", type=_date,
                      help="document date YYYY-MM-DD: names correct on that date are not "
                      "flagged as outdated (default: today)")
    _lexicon_options(scan)
    scan.add_argument("--disable", action="append", default=[], metavar="RULE",
                      help="rule id to skip (repeatable)")
    scan.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help="highlight spans in text output (default: when writing to a terminal)")

    rules = sub.add_parser("rules", help="list the rules")
    _lexicon_options(rules)

    explain = sub.add_parser("explain", help="show a rule's message, source and examples")
    explain.add_argument("rule_id")
    _lexicon_options(explain)

    check = sub.add_parser("check-lexicons",
                           help="validate lexicon directories and run every rule's examples")
    check.add_argument("dirs", nargs="*", type=Path, metavar="DIR",
                       help="lexicon directories (default: the shipped lexicons)")
    return parser


def _lexicon_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lexicon", action="append", default=[], type=Path, metavar="DIR",
                   help="extra lexicon directory (repeatable)")
    p.add_argument("--allow", action="append", default=[], type=Path, metavar="FILE",
                   help="allow-list file: one term per line, never flagged (repeatable)")


def read_allow_file(path: Path) -> list[str]:
    """Allow-list: one term per line; blank lines and lines starting with # are ignored."""
    from .inputs import read_text_file

    terms = []
    for line in read_text_file(path).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(line)
    return terms


def _scanner(args: argparse.Namespace, disable: Sequence[str] = ()):  # type: ignore[no-untyped-def]
    from .scanner import Scanner, default_scanner

    allow = [t for f in args.allow for t in read_allow_file(f)]
    if not args.lexicon and not allow and not disable:
        return default_scanner()
    return Scanner(args.lexicon, allow=allow, disable=disable)


def _cmd_scan(args: argparse.Namespace) -> int:
    from . import inputs, output

    scanner = _scanner(args, args.disable)
    results: list[output.FileResult] = []
    errors = 0
    paths = [Path(p) for p in args.paths if p != "-"]
    items: list[Path | str] = []
    for raw in args.paths:
        if raw == "-":
            items.append("-")
        else:
            items.extend(inputs.walk([Path(raw)]))
    for item in items:
        if item == "-":
            data = sys.stdin.buffer.read()
            try:
                text = inputs.decode(data, "<stdin>")
            except InputError as exc:
                print(f"wording-guard: {exc}", file=sys.stderr)
                errors += 1
                continue
            name = "<stdin>"
        elif isinstance(item, str):
            print(f"wording-guard: {item}", file=sys.stderr)
            errors += 1
            continue
        else:
            try:
                text = inputs.read_text_file(item)
            except InputError as exc:
                print(f"wording-guard: {exc}", file=sys.stderr)
                errors += 1
                continue
            name = str(item)
        results.append(output.FileResult(name, text, scanner.scan(text, date=args.date)))
    skipped = inputs.skipped_in(paths)
    if skipped:
        print(f"wording-guard: {skipped} file(s) in the given directories were not scanned "
              f"(not a text suffix: {' '.join(sorted(inputs.TEXT_SUFFIXES))})", file=sys.stderr)
    if args.format == "text":
        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        sys.stdout.write(output.render_text(results, colour))
        s = output.summary(results)
        if sys.stdout.isatty() or s["findings"]:
            by = s["by_severity"]
            print(f"{s['files']} file(s), {s['findings']} finding(s): {by['serious']} serious, "
                  f"{by['improper']} improper, {by['notice']} notice")
    elif args.format == "json":
        sys.stdout.write(output.render_json(results))
    elif args.format == "jsonl":
        sys.stdout.write(output.render_jsonl(results))
    else:
        sys.stdout.write(output.render_sarif(results, scanner.compiled.rules))
    if errors:
        return EXIT_ERROR
    if args.fail_on != "never":
        threshold = Severity(args.fail_on)
        if any(f.severity >= threshold for r in results for f in r.findings):
            return EXIT_FOUND
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    scanner = _scanner(args)
    counts: dict[int, int] = {}
    for entry in scanner.compiled.entries:
        counts[entry.rule] = counts.get(entry.rule, 0) + 1
    for index, rule in enumerate(scanner.compiled.rules):
        print(f"{rule.id:40s} {rule.category.value:17s} {rule.severity.value:9s} "
              f"{rule.kind.value:9s} {counts.get(index, 0):5d} entries")
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from .lexicon.loader import load_rule_file

    scanner = _scanner(args)
    match = [r for r in scanner.compiled.rules if r.id == args.rule_id]
    if not match:
        close = [r.id for r in scanner.compiled.rules if args.rule_id.split(".")[0] in r.id]
        hint = f"; rules in that category: {', '.join(close)}" if close else ""
        print(f"wording-guard: unknown rule '{args.rule_id}'{hint}", file=sys.stderr)
        return EXIT_ERROR
    info = match[0]
    rule = load_rule_file(Path(info.path)).rule
    print(f"{rule.id}  ({rule.category.value}: {rule.category.label_zh})")
    print(f"severity: {rule.severity.value} ({rule.severity.label_zh}); kind: {rule.kind.value}; "
          f"{len(rule.entries)} entries")
    print(f"message:  {rule.message}")
    print(f"source:   {rule.source}")
    if rule.description:
        print(f"\n{rule.description.strip()}")
    print("\nexamples:")
    for entry in rule.entries[:5]:
        for bad in entry.examples.bad[:1]:
            fix = " / ".join(entry.suggestion_list())
            print(f"  ✗ {bad.text}" + (f"   → {fix}" if fix else ""))
        for good in entry.examples.good[:1]:
            print(f"  ✓ {good.text}" + (f"   ({good.why})" if good.why else ""))
    if len(rule.entries) > 5:
        print(f"  … and {len(rule.entries) - 5} more entries in {info.path}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from .lexicon.loader import load_directory, shipped_lexicon_dir
    from .scanner import Scanner
    from .selftest import cases, run_case

    dirs = args.dirs or [shipped_lexicon_dir()]
    scanner = Scanner(args.dirs, include_shipped=True)
    failures = 0
    total = 0
    for directory in dirs:
        for case in cases(load_directory(directory)):
            total += 1
            problem = run_case(scanner, case)
            if problem:
                failures += 1
                print(f"{case.where}: {problem}")
    print(f"{total - failures} passed, {failures} failed")
    return EXIT_FOUND if failures else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"scan": _cmd_scan, "rules": _cmd_rules, "explain": _cmd_explain,
               "check-lexicons": _cmd_check}[args.command]
    try:
        return handler(args)
    except WordingGuardError as exc:
        print(f"wording-guard: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
