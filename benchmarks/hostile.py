"""Hostile inputs: zip and PDF bombs, pathological HTML, huge lines, floods of findings.

    python benchmarks/hostile.py [--only CASE[,CASE...]] [--timeout 60] [--write [FILE]]

Each case builds its input in a temporary folder (nothing is read from outside the
repository; the compiled-lexicon cache lives in that folder too, built once before the
cases) and runs it in a fresh process on this checkout's ``src``: ``check_document`` for
attachments, ``htmltext.extract`` + ``Scanner.scan_source`` for HTML, ``Scanner.scan`` for
plain text, and ``wording-guard scan FILE --format json`` (output to a file) for the command
line. Recorded per case: the process's wall time (start-up of about 0.5 s included), the
time of the check itself, the process's peak RSS (its ``ru_maxrss`` from ``os.wait4``; this
script never imports the scanner and keeps its own memory small, since Linux starts the
child's count at it), whether a limit was reported (a ``document.attachment_too_large``
issue), and the findings. Target: each case within 10 s and 1 GB on a 2-core machine. A
case still running after ``--timeout`` seconds is killed and fails.

``--write`` replaces the "## Hostile inputs" section of benchmarks/RESULTS.md (or appends
it); without it the section is printed. The exit status is 1 when a case misses a target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
HEADING = "## Hostile inputs"
SECONDS_TARGET = 10.0
MB_TARGET = 1024.0
MB = 1_000_000

# --- inputs, written in pieces so that this process stays small ----------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
PARAGRAPH = (
    '<w:p><w:r><w:rPr><w:rFonts w:ascii="SimSun"/><w:sz w:val="24"/></w:rPr>'
    "<w:t>要认真布署今年的工作，推动高质量发展。</w:t></w:r></w:p>"
).encode()


def repeated(piece: bytes, size: int) -> Iterator[bytes]:
    """``piece`` repeated to about ``size`` bytes, a megabyte at a time."""
    block = piece * max(1, MB // len(piece))
    for _ in range(max(1, size // len(block))):
        yield block


def write_zip(path: Path, members: dict[str, Iterable[bytes]]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, pieces in members.items():
            with package.open(name, "w") as member:
                for piece in pieces:
                    member.write(piece)


def write_docx(path: Path, body: Iterable[bytes]) -> None:
    types = (
        f'<Types xmlns="{TYPES_NS}"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
        f'Type="{OFFICE_REL}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    head = f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
    tail = b"</w:body></w:document>"
    write_zip(
        path,
        {
            "[Content_Types].xml": [types.encode()],
            "_rels/.rels": [rels.encode()],
            "word/document.xml": [head, *body, tail],
        },
    )


def write_xlsx(
    path: Path, rows: Iterable[bytes], strings: Iterable[bytes] = (), dimension: str = ""
) -> None:
    strings_type = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    members: dict[str, Iterable[bytes]] = {
        "[Content_Types].xml": [
            (
                f'<Types xmlns="{TYPES_NS}"><Default Extension="rels" ContentType="application/'
                'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
                '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                f"{strings_type}</Types>"
            ).encode()
        ],
        "_rels/.rels": [
            (
                f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
                f'Type="{OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ).encode()
        ],
        "xl/workbook.xml": [
            (
                f'<workbook xmlns="{S_NS}" xmlns:r="{OFFICE_REL}"><sheets>'
                '<sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>'
            ).encode()
        ],
        "xl/_rels/workbook.xml.rels": [
            (
                f'<Relationships xmlns="{REL_NS}"><Relationship Id="rId1" '
                f'Type="{OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                "</Relationships>"
            ).encode()
        ],
        "xl/sharedStrings.xml": [f'<sst xmlns="{S_NS}">'.encode(), *strings, b"</sst>"],
        "xl/worksheets/sheet1.xml": [
            f'<worksheet xmlns="{S_NS}">'.encode(),
            f'<dimension ref="{dimension}"/>'.encode() if dimension else b"",
            b"<sheetData>",
            *rows,
            b"</sheetData></worksheet>",
        ],
    }
    write_zip(path, members)


def inline_rows(count: int, text: Callable[[int], str]) -> Iterator[bytes]:
    batch: list[bytes] = []
    for r in range(1, count + 1):
        value = text(r)
        cell = (
            f'<c r="A{r}"><v>{value}</v></c>'
            if value.isdigit()
            else f'<c r="A{r}" t="inlineStr"><is><t>{value}</t></is></c>'
        )
        batch.append(f'<row r="{r}">{cell}</row>'.encode())
        if len(batch) == 10_000:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch)


def write_pdf(
    path: Path, pages: list[Iterable[bytes]], forms: dict[str, Iterable[bytes]] | None = None
) -> None:
    """One page per content stream, each deflated as it is written; Helvetica is /F1 and
    ``forms`` are form XObjects every page can draw."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    count = 3 + len(forms or {}) + 2 * len(pages)  # catalog, page tree, font, forms, pages
    with path.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        offsets: dict[int, int] = {}

        def put(number: int, body: bytes) -> None:
            offsets[number] = out.tell()
            out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")

        def put_stream(number: int, pieces: Iterable[bytes], extra: bytes = b"") -> None:
            packer = zlib.compressobj(6)
            packed = b"".join(packer.compress(p) for p in pieces) + packer.flush()
            put(
                number,
                b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra)
                + packed
                + b"\nendstream",
            )

        put(3, font)
        form_refs = b""
        number = 4
        for name, pieces in (forms or {}).items():
            put_stream(
                number,
                pieces,
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
                b"/Resources << /Font << /F1 3 0 R >> >> ",
            )
            form_refs += b"/%s %d 0 R " % (name.encode(), number)
            number += 1
        resources = b"<< /Font << /F1 3 0 R >> /XObject << %s>> >>" % form_refs
        kids = []
        for pieces in pages:
            put_stream(number, pieces)
            put(
                number + 1,
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
                b"/Contents %d 0 R >>" % (resources, number),
            )
            kids.append(b"%d 0 R" % (number + 1))
            number += 2
        put(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids)))
        put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (count + 1))
        out.write(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, count + 1)))
        out.write(
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count + 1, xref)
        )


def text_op(text: str) -> bytes:
    return b"BT /F1 12 Tf 72 700 Td (%s) Tj ET\n" % text.encode()


def write_text(path: Path, piece: str, size: int, head: str = "") -> None:
    with path.open("wb") as out:
        out.write(head.encode("utf-8"))
        for block in repeated(piece.encode("utf-8"), size):
            out.write(block)


# --- cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    what: str  # what the input is, for the table
    mode: str  # how the child reads it: document, html, scan or cli
    file: str  # the input's file name (its suffix picks the attachment reader)
    build: Callable[[Path], None]


CASES = [
    Case(
        "docx zip bomb",
        "paragraphs with a typo, 170 MB inflated",
        "document",
        "bomb.docx",
        lambda p: write_docx(p, repeated(PARAGRAPH, 170 * MB)),
    ),
    Case(
        "docx of tiny elements",
        "`<w:p/>` × 28 M, 170 MB inflated",
        "document",
        "tiny.docx",
        lambda p: write_docx(p, repeated(b"<w:p/>", 170 * MB)),
    ),
    Case(
        "xlsx of many rows",
        "1,000,000 rows of inline strings with a typo",
        "document",
        "rows.xlsx",
        lambda p: write_xlsx(p, inline_rows(1_000_000, lambda r: f"布署{r}")),
    ),
    Case(
        "xlsx shared-strings bomb",
        "3,000,000 shared strings",
        "document",
        "strings.xlsx",
        lambda p: write_xlsx(
            p,
            [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
            repeated("<si><t>布署</t></si>".encode(), 3_000_000 * 21),
        ),
    ),
    Case(
        "xlsx with a lying dimension",
        "`A1:A2` over 50,000 rows, 党的２０大 in row 49,999",
        "document",
        "dimension.xlsx",
        lambda p: write_xlsx(
            p,
            inline_rows(50_000, lambda r: "党的２０大" if r == 49_999 else str(r)),
            dimension="A1:A2",
        ),
    ),
    Case(
        "pdf of many pages",
        "5,000 pages",
        "document",
        "pages.pdf",
        lambda p: write_pdf(p, [[text_op(f"page {n}")] for n in range(5_000)]),
    ),
    Case(
        "pdf decompression bomb",
        "a page stream inflating to 300 MB",
        "document",
        "bomb.pdf",
        lambda p: write_pdf(p, [[text_op("first")], repeated(b" ", 300 * MB)]),
    ),
    Case(
        "pdf form drawn 5,000 times",
        "a 70 KB form XObject, drawn 5,000 times on a page",
        "document",
        "forms.pdf",
        lambda p: write_pdf(p, [[b"/Fm1 Do\n" * 5_000]], forms={"Fm1": [text_op("form") * 2_000]}),
    ),
    Case(
        "pdf page just under the limit",
        "one page of 3.9 MB of text operators",
        "document",
        "page.pdf",
        lambda p: write_pdf(p, [[text_op("bu shu") * 100_000]]),
    ),
    Case(
        "html deeply nested",
        "100,000 nested `<div>` around 党的２０大",
        "html",
        "nested.html",
        lambda p: p.write_text(
            "<div>" * 100_000 + "党的２０大" + "</div>" * 100_000, encoding="utf-8"
        ),
    ),
    Case(
        "html dense with tags and entities",
        "5 MB of `<b>&#24067;&#32626;</b><i>&amp;</i>`",
        "html",
        "dense.html",
        lambda p: write_text(p, "<b>&#24067;&#32626;</b><i>&amp;</i>", 5 * MB),
    ),
    Case(
        "20 MB single line (library)",
        "20 MB of text, no newline",
        "scan",
        "line.txt",
        lambda p: write_text(p, "各地区各部门要认真贯彻落实党中央决策部署，", 20 * MB),
    ),
    Case(
        "20 MB single line (command line)",
        "20 MB of text, no newline",
        "cli",
        "line.txt",
        lambda p: write_text(p, "各地区各部门要认真贯彻落实党中央决策部署，", 20 * MB),
    ),
    Case(
        "dense findings (library)",
        "80,000 characters of 党的２０大 and an ID number",
        "scan",
        "dense.txt",
        lambda p: p.write_text(
            ("党的２０大 110105198001011238 " * 3_200)[:80_000], encoding="utf-8"
        ),
    ),
    Case(
        "brand names without separators (library)",
        "1 MB of beat365 and a space: arms the spam template, which never matches",
        "scan",
        "brands.txt",
        lambda p: write_text(p, "beat365 ", 1 * MB),
    ),
    Case(
        "spam line of many phrases (library)",
        "1 MB of _bat365手机版官网 after one lead phrase",
        "scan",
        "spam.txt",
        lambda p: write_text(p, "_bat365手机版官网", 1 * MB, head="足球365是什么意思_beat365官方"),
    ),
    Case(
        "one term repeated (command line)",
        "10 MB of 布署",
        "cli",
        "term.txt",
        lambda p: write_text(p, "布署", 10 * MB),
    ),
]


# --- the child: one case in a fresh process ------------------------------------------------


def child(mode: str, path: Path) -> None:
    """Run one case and print what it found as one JSON line."""
    from wording_guard.scanner import default_scanner

    scanner = default_scanner()
    started = time.perf_counter()
    issues: list[str] = []
    if mode == "document":
        from wording_guard.document import Attachment, Document, check_document

        attachment = Attachment(name=path.name, content=path.read_bytes())
        report = check_document(Document(attachments=[attachment]), scanner=scanner)
        findings = len(report.all_findings())
        issues = [f"{i.rule_id}: {i.message}" for i in report.document]
    elif mode == "html":
        from wording_guard.htmltext import extract

        findings = len(scanner.scan_source(extract(path.read_text(encoding="utf-8"))))
    else:
        findings = len(scanner.scan(path.read_text(encoding="utf-8")))
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "findings": findings, "issues": issues}))


# --- the parent: build, run, report --------------------------------------------------------


# what a bound reports: a document issue, or the command line's error about an input that
# stopped at --max-findings (exit code 2, the error in the JSON output)
LIMIT_ISSUES = ("document.attachment_too_large", "findings limit")


@dataclass
class Outcome:
    case: Case
    size: int
    wall: float
    check: float | None
    peak_mb: float
    findings: int | None
    issues: list[str]
    error: str = ""

    @property
    def bound(self) -> bool:
        return any(i.startswith(LIMIT_ISSUES) for i in self.issues)

    @property
    def met(self) -> bool:
        return not self.error and self.wall <= SECONDS_TARGET and self.peak_mb <= MB_TARGET


def run(
    cmd: list[str], env: dict[str, str], out: Path, timeout: float, accept: tuple[int, ...]
) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and an error ("" if none: the exit code is one of
    ``accept``) of ``cmd``, stdout to ``out``."""
    with out.open("wb") as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=stderr)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > timeout:
                os.kill(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                return time.perf_counter() - started, usage.ru_maxrss / 1024, "timeout"
            time.sleep(0.02)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        error = ""
        if code not in accept:
            stderr.seek(0)
            lines = stderr.read().decode("utf-8", "replace").strip().splitlines()
            error = f"exit {code}: {lines[-1] if lines else ''}"
        return wall, usage.ru_maxrss / 1024, error


def run_case(case: Case, folder: Path, env: dict[str, str], timeout: float) -> Outcome:
    path = folder / case.file
    case.build(path)
    size = path.stat().st_size
    out = folder / "out.json"
    if case.mode == "cli":
        cmd = [sys.executable, "-m", "wording_guard.cli", "scan", str(path)]
        cmd += ["--format", "json", "--fail-on", "never", "--no-config"]
    else:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", case.mode, str(path)]
    # the command line exits 2 when an input stops at the findings limit, and says so
    accept = (0, 1, 2) if case.mode == "cli" else (0, 1)
    wall, peak, error = run(cmd, env, out, timeout, accept)
    check, findings, issues = None, None, []
    if not error and case.mode == "cli":
        report = json.loads(out.read_text(encoding="utf-8"))
        findings = report["summary"]["findings"]
        issues = [f"findings limit: {e['message']}" for e in report.get("errors", [])]
        if report.get("not_scanned") or any("more than" not in i for i in issues):
            error = f"not fully checked: {report.get('not_scanned')} {issues}"
    elif not error:
        result = json.loads(out.read_text(encoding="utf-8"))
        check, findings, issues = result["seconds"], result["findings"], result["issues"]
    path.unlink()
    out.unlink()
    return Outcome(case, size, wall, check, peak, findings, issues, error)


def own_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def section(outcomes: list[Outcome], command: str, parent_mb: float) -> str:
    def size(n: int) -> str:
        return f"{n / MB:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} KB"

    lines = [
        HEADING,
        "",
        f"Command: `{command}`",
        f"Date: {dt.datetime.now().isoformat(timespec='minutes')}; machine: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.1f} at the end (a shared machine).",
        "Each case runs in a fresh process (start-up of about 0.5 s included in the wall time; "
        "compiled-lexicon cache warm); peak RSS is the process's `ru_maxrss` (this script "
        f"held {parent_mb:.0f} MB when it started them). Attachments go through "
        "`check_document` with the default `AttachmentLimits`; HTML through "
        "`htmltext.extract` + `Scanner.scan_source`; text through `Scanner.scan`; the command "
        "line is `wording-guard scan FILE --format json` (output to a file). "
        f"Target: ≤ {SECONDS_TARGET:.0f} s and ≤ {MB_TARGET / 1024:.0f} GB per case.",
        "",
        "| case | input | file | wall s | check s | peak MB | limit reported | findings | met |",
        "|---|---|---:|---:|---:|---:|:-:|---:|:-:|",
    ]
    for o in outcomes:
        check = f"{o.check:.2f}" if o.check is not None else ""
        bound = "yes" if o.bound else ("" if o.case.mode != "document" else "no")
        findings = "" if o.findings is None else f"{o.findings:,}"
        met = "yes" if o.met else f"NO ({o.error})" if o.error else "NO"
        lines.append(
            f"| {o.case.name} | {o.case.what} | {size(o.size)} | {o.wall:.2f} | {check} | "
            f"{o.peak_mb:.0f} | {bound} | {findings} | {met} |"
        )
    issues = [(o.case.name, i) for o in outcomes for i in o.issues]
    if issues:
        lines += ["", "Limits reported (document issues, command-line errors):", ""]
        lines += [f"- {name}: {issue}" for name, issue in issues]
    return "\n".join(lines) + "\n"


def replace_section(path: Path, text: str) -> None:
    """Put ``text`` in place of the file's section under HEADING, or at its end."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    start = old.find(f"\n{HEADING}\n")
    if start == -1:
        new = old.rstrip("\n") + "\n\n" + text
    else:
        end = old.find("\n## ", start + 1)
        new = old[: start + 1] + text + ("\n" + old[end + 1 :] if end != -1 else "")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated case names (or parts of them)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    parser.add_argument(
        "--write",
        type=Path,
        nargs="?",
        const=RESULTS,
        metavar="FILE",
        help="replace the section in FILE (default: %(const)s)",
    )
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return 0
    cases = CASES
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        cases = [c for c in CASES if any(w in c.name for w in wanted)]
    given = argv if argv is not None else sys.argv[1:]
    command = " ".join(["python benchmarks/hostile.py", *given])
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="wg-hostile-") as tmp:
        folder = Path(tmp)
        env = dict(os.environ, WORDING_GUARD_CACHE_DIR=str(folder / "cache"))
        env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])]
        )
        warm = folder / "warm.txt"
        warm.write_text("缓存预热", encoding="utf-8")
        run(
            [sys.executable, str(Path(__file__).resolve()), "--child", "scan", str(warm)],
            env,
            folder / "warm.out",
            600,
            (0, 1),
        )
        parent_mb = own_rss_mb()
        for case in cases:
            outcome = run_case(case, folder, env, args.timeout)
            outcomes.append(outcome)
            print(
                f"{case.name}: {outcome.wall:.2f} s, {outcome.peak_mb:.0f} MB"
                f"{', ' + outcome.error if outcome.error else ''}",
                file=sys.stderr,
            )
    text = section(outcomes, command, parent_mb)
    if args.write:
        replace_section(args.write, text)
        print(f"wrote the section to {args.write}", file=sys.stderr)
    else:
        print(text, end="")
    return 0 if all(o.met for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
