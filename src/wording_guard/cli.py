"""Command line: ``wording-guard scan|rules|explain|check-lexicons``."""

from __future__ import annotations

from .startup import freeze_for_good, gc_paused, regex_cache

# the patterns these imports compile (and the scan's, in main) are read back from the cache;
# what they make lives to the end: no collector passes over it
with regex_cache(), gc_paused():
    import argparse
    import datetime as dt
    import json
    import sys
    from collections.abc import Sequence
    from pathlib import Path
    from typing import TYPE_CHECKING

    from . import __version__
    from .config import Config, find_config, load_config
    from .errors import ConfigError, WordingGuardError
    from .models import Severity, category_label
    from .results import Coverage, FileResult

if TYPE_CHECKING:
    from .sweepstate import SweepSummary

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

    scan = sub.add_parser(
        "scan",
        help="scan files, directories or stdin",
        description="Scan files, directories (recursively) or stdin ('-'). Text files and "
        "attachments (.docx .xlsx .xlsm .pdf, unit by unit) are scanned; folders skip other "
        "files and count them by suffix. An input that cannot be scanned is named on stderr "
        "(and in json/sarif) and makes the exit code 2.",
    )
    scan.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for stdin")
    scan.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only findings and errors (no summary, no notes)",
    )
    scan.add_argument(
        "--format",
        choices=("text", "json", "jsonl", "sarif", "github"),
        default="text",
        help="output format (github: Actions annotations)",
    )
    scan.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=None,
        help="exit 1 when a finding reaches this severity (default: serious, or "
        "fail-on from the config file)",
    )
    scan.add_argument(
        "--date",
        type=_date,
        help="document date YYYY-MM-DD for every input: names correct on that date are "
        "not flagged as outdated (default: each page's own date, from its PubDate meta tag "
        "or a labelled date such as 发布日期; a page without one is scanned undated)",
    )
    _lexicon_options(scan)
    scan.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="RULE",
        help="rule id to skip (repeatable)",
    )
    scan.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes for large sweeps, of files or of --pages (default 1)",
    )
    scan.add_argument(
        "--report",
        type=Path,
        metavar="FILE",
        help="also write an HTML report grouped by folder, category and severity",
    )
    scan.add_argument(
        "--pages",
        action="store_true",
        help="each PATH holds pages: JSON Lines ({url, text or html, date, site, column}; "
        ".gz read as it comes), a Parquet table with those columns, or a web archive (.warc, "
        ".warc.gz; its attachments checked too): every page is checked and named by its url",
    )
    scan.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="the --format json output of an earlier scan: its findings are not reported "
        "again and do not fail the run, so only new ones do",
    )
    scan.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="the sweep's state (SQLite; created when missing): pages unchanged since the last "
        "sweep with the same lexicons and options are not scanned again, and each finding is "
        "reported as new or open, with what was fixed since",
    )
    scan.add_argument(
        "--max-findings",
        type=int,
        default=10_000,
        metavar="N",
        help="findings reported per input before checking it stops, with an error that says "
        "where (default 10000; 0: no limit)",
    )
    scan.add_argument(
        "--show-pii",
        action="store_true",
        help="show ID, phone and card numbers unmasked (default: masked)",
    )
    scan.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="highlight spans in text output (default: when writing to a terminal)",
    )

    rules = sub.add_parser("rules", help="list the rules")
    _lexicon_options(rules)

    explain = sub.add_parser("explain", help="show a rule's message, source and examples")
    explain.add_argument("rule_id")
    _lexicon_options(explain)

    serve = sub.add_parser(
        "serve",
        help="run the HTTP service and the editor page",
        description="Run the HTTP service (POST /v1/scan, /v1/documents, "
        "GET /v1/rules, /healthz; its OpenAPI description at /openapi.json) and the editor "
        "page at /. Checks run in worker processes; one past --timeout is stopped. "
        "Needs the 'serve' extra.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument(
        "--max-bytes",
        type=int,
        default=2_000_000,
        help="largest request body accepted (default 2 MB)",
    )
    serve.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        help="seconds a check may take before the request fails (default 10)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        help="worker processes that run the checks (default: one per core)",
    )
    serve.add_argument(
        "--queue",
        type=int,
        help="checks that may wait for a worker; more get 503 with Retry-After at once "
        "(default: 128 per worker, at least 256; large inputs: at most one per worker)",
    )
    _lexicon_options(serve)
    sub.add_parser("sweep", help=_SWEEP_HELP, add_help=False)  # run by main: _cmd_sweep

    check = sub.add_parser(
        "check-lexicons", help="validate lexicon directories and run every rule's examples"
    )
    check.add_argument(
        "dirs",
        nargs="*",
        type=Path,
        metavar="DIR",
        help="lexicon directories (default: the shipped lexicons)",
    )
    return parser


def _lexicon_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="config file (default: nearest .wording-guard.toml or pyproject.toml "
        "with [tool.wording-guard])",
    )
    p.add_argument("--no-config", action="store_true", help="ignore config files")
    p.add_argument(
        "--lexicon",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="extra lexicon directory (repeatable)",
    )
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="allow-list file: one term per line, never flagged (repeatable)",
    )


def read_allow_file(path: Path) -> list[str]:
    """Allow-list: one term per line; blank lines and lines starting with # are ignored."""
    from .inputs import read_text_file

    terms = []
    for line in read_text_file(path).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            terms.append(line)
    return terms


def _config(args: argparse.Namespace) -> Config:
    if args.no_config:
        return Config.default()
    path = args.config or find_config()
    return load_config(path) if path else Config.default()


def _scanner_options(
    args: argparse.Namespace, config: Config, disable: Sequence[str] = ()
) -> dict[str, object]:
    """Keyword arguments for Scanner from the config file and the command line;
    empty when the default scanner fits."""
    allow = [t for f in [*config.allow, *args.allow] for t in read_allow_file(f)]
    lexicons = [*config.lexicons, *args.lexicon]
    disabled = [*config.disable, *disable]
    if not (lexicons or allow or disabled or config.severity):
        return {}
    return {
        "lexicon_dirs": lexicons,
        "allow": allow,
        "disable": disabled,
        "severity_overrides": dict(config.severity),
    }


def _scanner(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    return _scanner_from(_scanner_options(args, _config(args)))


def _scanner_from(options: dict[str, object]):  # type: ignore[no-untyped-def]
    from .scanner import Scanner, default_scanner

    return Scanner(**options) if options else default_scanner()  # type: ignore[arg-type]


def _cmd_scan(args: argparse.Namespace) -> int:
    with gc_paused():  # (what the engine's modules make as they load lives to the end)
        from . import batch, inputs, output

    if args.jobs < 1:
        raise ConfigError("--jobs must be 1 or more")
    config = _config(args)
    options = _scanner_options(args, config, args.disable)
    scanner = _scanner_from(options)
    # the scanner's ~10^6 objects live as long as this process and hold no cyclic garbage:
    # out of the collector's sight, they cost no full collection (~50 ms of a short scan)
    freeze_for_good()
    fail_on = args.fail_on or config.fail_on or "serious"
    if args.max_findings < 0:
        raise ConfigError("--max-findings must be 0 (no limit) or more")
    max_findings = args.max_findings or None
    results: list[FileResult] = []
    coverage = Coverage()
    state = None
    if args.state:
        from .sweepstate import SweepState, fingerprint

        state = SweepState(
            args.state, fingerprint(options, date=args.date, max_findings=max_findings)
        )

    def not_scanned(item: inputs.NotScanned) -> None:
        coverage.not_scanned.append(item)
        _note(f"{item.path}: not scanned: {item.reason}", args.show_pii)

    def record(outcome: batch.Outcome) -> None:
        results.extend(outcome.results)
        for e in outcome.errors:
            coverage.errors.append(e)
            _note(f"{e.path}:{e.line}: {e.message}", args.show_pii)
        if outcome.not_scanned is not None:
            not_scanned(outcome.not_scanned)

    files: list[Path] = []
    for raw in args.paths:
        if raw == "-":
            record(
                batch.check_stream(
                    "<stdin>", sys.stdin.buffer, scanner, args.date, max_findings=max_findings
                )
            )
            continue
        if args.pages:
            pages = batch.check_pages(
                Path(raw), scanner, args.date, max_findings, state, args.jobs, options
            )
            for outcome in pages:
                record(outcome)
            continue
        for item in inputs.walk([Path(raw)], skipped=coverage.skipped):
            if isinstance(item, inputs.NotScanned):
                not_scanned(item)
            else:
                files.append(item)
    progress = _progress(len(files))
    for _path, outcome in batch.scan_files(
        files,
        scanner,
        args.date,
        args.jobs,
        options,
        progress.advance if progress else None,
        max_findings,
        state,
    ):
        record(outcome)
    if progress:
        progress.stop()
    if coverage.skipped and not args.quiet:
        _note(
            f"skipped {_by_suffix(coverage.skipped)} in the given folders (they are swept "
            f"for {' '.join(sorted(inputs.SWEPT_SUFFIXES))})"
        )
    if args.baseline:
        results, known = _without_baseline(results, args.baseline)
        if known and not args.quiet:
            _note(f"{known} finding(s) in the baseline {args.baseline} not shown")
    sweep = None
    if state is not None:
        sweep = state.finish(results, len(coverage.not_scanned))
        if not args.quiet:
            _note(_sweep_line(sweep, args.state))
    reveal = args.show_pii
    if args.format == "text":
        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        sys.stdout.write(output.render_text(results, colour, reveal, sweep))
        if not args.quiet:
            _print_summary(results, coverage, len(files) > 1 or sys.stdout.isatty())
    elif args.format == "json":
        sys.stdout.write(output.render_json(results, reveal, coverage, sweep))
    elif args.format == "jsonl":
        sys.stdout.write(output.render_jsonl(results, reveal, sweep))
    elif args.format == "github":
        sys.stdout.write(output.github_annotations(results, reveal, coverage))
    else:
        sys.stdout.write(output.render_sarif(results, scanner.rules, reveal, coverage, sweep))
    if args.report:
        from .report import write_html_report

        write_html_report(results, args.report, reveal_pii=reveal, coverage=coverage, sweep=sweep)
        if not args.quiet:
            _note(f"report written to {args.report}")
    if not coverage.complete:
        return EXIT_ERROR
    if fail_on != "never":
        threshold = Severity(fail_on)
        if any(f.severity >= threshold for r in results for f in r.findings):
            return EXIT_FOUND
    return EXIT_OK


def _sweep_line(sweep: SweepSummary, path: Path) -> str:
    since = "first sweep" if sweep.previous is None else f"since sweep {sweep.previous}"
    line = (
        f"sweep {sweep.sweep} ({path}): {sweep.new} new, {sweep.open} open, "
        f"{len(sweep.fixed)} fixed ({since}); {sweep.rescanned} of {sweep.pages} page(s) "
        f"scanned, {sweep.reused} unchanged"
    )
    if sweep.not_swept:
        line += f"; {sweep.not_swept} page(s) of earlier sweeps not in this one, left as they were"
    return line


def _without_baseline(results: list[FileResult], path: Path) -> tuple[list[FileResult], int]:
    """``results`` without the findings of the baseline (an earlier ``--format json``
    output), and how many were left out. A finding is known when the baseline has one of
    the same rule and text in the same file: lines may have moved since, so positions are
    not compared; with several alike, only as many as the baseline had are known, the
    first ones."""
    from collections import Counter
    from dataclasses import replace

    from .results import masked_results

    try:
        baseline = json.loads(path.read_text(encoding="utf-8"))
        known = Counter(
            (entry["path"], f["rule_id"], f["text"])
            for entry in baseline["files"]
            for f in entry["findings"]
        )
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"{path}: not a baseline (the --format json output of a scan): "
            f"{type(exc).__name__}: {exc}"
        ) from None
    left_out = 0
    kept = []
    # keys from the results as the JSON showed them (personal numbers masked)
    for result, shown in zip(results, masked_results(results, False), strict=True):
        findings = []
        for f, g in zip(result.findings, shown.findings, strict=True):
            key = (shown.path, g.rule_id, g.text)
            if known[key] > 0:
                known[key] -= 1
                left_out += 1
            else:
                findings.append(f)
        kept.append(replace(result, findings=findings))
    return kept, left_out


def _note(message: str, reveal_pii: bool = False) -> None:
    """A message on stderr; personal numbers in it (a file named after a person's ID
    number) masked unless ``reveal_pii``."""
    if not reveal_pii:
        from .results import redact_numbers

        message = redact_numbers(message)
    print(f"wording-guard: {message}", file=sys.stderr)


def _by_suffix(counts: dict[str, int]) -> str:
    """``12 .png, 3 .exe, 1 without suffix``: the most frequent first, files without a
    suffix last among equals."""
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], not kv[0], kv[0]))
    return ", ".join(f"{n} {suffix or 'without suffix'}" for suffix, n in ranked)


class _Progress:
    def __init__(self, total: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            transient=True,
        )
        self._task = self._bar.add_task("扫描", total=total)
        self._started = False

    def advance(self) -> None:
        # started with the first result, not before: worker processes are forked by then,
        # never while the bar's refresh thread runs
        if not self._started:
            self._bar.start()
            self._started = True
        self._bar.advance(self._task)

    def stop(self) -> None:
        if self._started:
            self._bar.stop()


def _progress(total: int) -> _Progress | None:
    """A progress bar on a terminal for sweeps of more than a few files."""
    if total < 20 or not sys.stderr.isatty():
        return None
    return _Progress(total)


def _print_summary(results: Sequence[FileResult], coverage: Coverage, table: bool) -> None:
    """One line (``3 file(s) checked, no findings.``), and the findings by category when
    ``table`` and there are any."""
    from .output import summary

    s = summary(results, coverage)
    by = s["by_severity"]
    if s["findings"]:
        line = (
            f"{s['files']} file(s), {s['findings']} finding(s): {by['serious']} serious, "
            f"{by['improper']} improper, {by['notice']} notice"
        )
    else:
        line = f"{s['files']} file(s) checked, no findings"
    # a run that missed something must not read like an all-clear
    if s["not_scanned"]:
        line += f"; {s['not_scanned']} not scanned"
    if s["errors"]:
        line += f"; {s['errors']} error(s) in checked files"
    print(line if s["findings"] else line + ".")
    if table and s["by_category"]:
        from .models import Category

        width = max(len(c.label_zh) for c in Category)
        for category, count in sorted(s["by_category"].items(), key=lambda kv: -kv[1]):
            label = category_label(category)
            print(f"  {label:{chr(0x3000)}<{width}} {category:17s} {count:6d}")


def _cmd_rules(args: argparse.Namespace) -> int:
    scanner = _scanner(args)
    for rule in scanner.rules:
        print(
            f"{rule.id:40s} {rule.category.value:17s} {rule.severity.value:9s} "
            f"{rule.kind:11s} {rule.entries:5d} entries"
        )
    return EXIT_OK


def _cmd_explain(args: argparse.Namespace) -> int:
    from .kinds import KINDS
    from .lexicon.loader import load_rule_file
    from .pages import PAGE_RULE_IDS, TITLE_MISMATCH_DOC

    if args.rule_id in PAGE_RULE_IDS:  # a page check, no lexicon's rule
        print(TITLE_MISMATCH_DOC)
        return EXIT_OK
    scanner = _scanner(args)
    match = [r for r in scanner.rules if r.id == args.rule_id]
    if not match:
        close = [r.id for r in scanner.rules if args.rule_id.split(".")[0] in r.id]
        hint = f"; rules in that category: {', '.join(close)}" if close else ""
        print(f"wording-guard: unknown rule '{args.rule_id}'{hint}", file=sys.stderr)
        return EXIT_ERROR
    info = match[0]
    rule = load_rule_file(Path(info.path)).rule
    print(f"{rule.id}  ({rule.category.value}: {rule.category.label_zh})")
    print(
        f"severity: {rule.severity.value} ({rule.severity.label_zh}); kind: {info.kind}; "
        f"{len(rule.entries)} entries"
    )
    print(f"message:  {rule.message}")
    print(f"source:   {rule.source}")
    doc = KINDS[info.kind].doc
    print(f"\nkind '{info.kind}' flags: {doc.what}\nwhy: {doc.why}")
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


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from .service import serve
    except ImportError as exc:
        raise ConfigError(
            f'serve needs the optional packages: pip install "wording-guard[serve]" '
            f"({exc.name} is missing)"
        ) from None
    if (args.workers is not None and args.workers < 1) or (
        args.queue is not None and args.queue < 0
    ):
        raise ConfigError("--workers must be 1 or more and --queue 0 or more")
    options = _scanner_options(args, _config(args))
    serve(
        args.host,
        args.port,
        args.max_bytes,
        args.timeout,
        _scanner_from(options),
        workers=args.workers,
        queue=args.queue,
        scanner_options=options,  # for workers that build their own (off Linux)
    )
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


_SWEEP_HELP = (
    "sweep --engine spark INPUT… [--out DIR] [--report FILE] [--previous DIR]: sweep pages "
    "on Apache Spark (the 'spark' extra; sweep --engine spark --help)"
)


def _cmd_sweep(argv: Sequence[str]) -> int:
    """``sweep --engine spark ARGS…``: ARGS as ``python -m wording_guard.spark`` takes
    them (an engine's own options are its own: they are not parsed here)."""
    engine, rest = None, list(argv)
    if rest[:1] == ["--engine"] and len(rest) > 1:
        engine, rest = rest[1], rest[2:]
    elif rest[:1] and rest[0].startswith("--engine="):
        engine, rest = rest[0].split("=", 1)[1], rest[1:]
    if engine is None and rest[:1] in (["-h"], ["--help"]):
        print(f"usage: wording-guard sweep --engine spark ARGS…\n\n{_SWEEP_HELP}")
        return EXIT_OK
    if engine != "spark":
        _note("usage: wording-guard sweep --engine spark ARGS… (the only engine: spark)")
        return EXIT_ERROR
    try:
        from . import spark
    except ImportError as exc:
        _note(
            f'sweep --engine spark needs the optional packages: pip install "wording-guard[spark]" '
            f"({exc.name} is missing)"
        )
        return EXIT_ERROR
    return spark.main(rest, prog="wording-guard sweep --engine spark")


@regex_cache()
def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["sweep"]:
        return _cmd_sweep(argv[1:])
    args = _parser().parse_args(argv)
    handler = {
        "scan": _cmd_scan,
        "rules": _cmd_rules,
        "explain": _cmd_explain,
        "check-lexicons": _cmd_check,
        "serve": _cmd_serve,
    }[args.command]
    try:
        return handler(args)
    except WordingGuardError as exc:
        _note(str(exc))
        return EXIT_ERROR
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
