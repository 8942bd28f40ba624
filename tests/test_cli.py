"""The command line: exit codes, formats, encodings, errors that name the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wording_guard.cli import main

BAD = "关于做好防汛工作的通知\n要认真布署今年防汛工作。\n"


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "notice.txt"
    path.write_text(BAD, encoding="utf-8")
    return path


def test_text_output_and_exit_codes(capsys, bad_file: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "scan", str(bad_file))
    assert code == 0  # improper only, default --fail-on serious
    assert f"{bad_file}:2:4: improper typo." in out and "→ 部署" in out
    assert "    要认真布署今年防汛工作。" in out
    code, _, _ = run(capsys, "scan", str(bad_file), "--fail-on", "improper")
    assert code == 1
    code, _, _ = run(capsys, "scan", str(bad_file), "--fail-on", "never")
    assert code == 0


def test_json_jsonl_sarif(capsys, bad_file: Path) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = run(capsys, "scan", str(bad_file), "--format", "json")
    doc = json.loads(out)
    [finding] = doc["files"][0]["findings"]
    assert finding["text"] == "布署" and finding["suggestions"] == ["部署"]
    assert BAD[finding["start"] : finding["end"]] == "布署"
    _, out, _ = run(capsys, "scan", str(bad_file), "--format", "jsonl")
    assert json.loads(out.splitlines()[0])["path"] == str(bad_file)
    _, out, _ = run(capsys, "scan", str(bad_file), "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 4, 6)


def test_encodings(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, data in {
        "bom.txt": b"\xef\xbb\xbf" + BAD.encode("utf-8"),
        "gbk.txt": BAD.encode("gbk"),
        "gb18030.txt": BAD.encode("gb18030"),
    }.items():
        (tmp_path / name).write_bytes(data)
    code, out, err = run(capsys, "scan", str(tmp_path), "--format", "jsonl")
    assert code == 0 and err == ""
    rows = [json.loads(x) for x in out.splitlines()]
    assert sorted(Path(r["path"]).name for r in rows) == ["bom.txt", "gb18030.txt", "gbk.txt"]
    assert {(r["start"], r["text"]) for r in rows} == {(BAD.index("布署"), "布署")}


def test_binary_file_is_one_error_line_and_others_still_scanned(  # type: ignore[no-untyped-def]
    capsys, tmp_path: Path, bad_file: Path
) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02")
    broken = tmp_path / "broken.txt"
    broken.write_bytes("正文".encode() + b"\xff")
    code, out, err = run(
        capsys, "scan", str(binary), str(broken), str(bad_file), "--format", "jsonl"
    )
    assert code == 2
    assert len(err.strip().splitlines()) == 2
    assert str(binary) in err and "binary" in err
    assert str(bad_file) in out


def test_missing_file_and_stdin(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "scan", "/definitely/not/here.txt")
    assert code == 2 and "no such file" in err
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode("gbk"))))
    code, out, _ = run(capsys, "scan", "-", "--format", "jsonl")
    assert json.loads(out)["path"] == "<stdin>"


def test_usage_errors_exit_2(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as info:
        main(["scan"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["scan", "x.txt", "--date", "2024-13-01"])
    assert info.value.code == 2
    code, _, err = run(capsys, "scan", "-", "--disable", "no.such_rule")
    assert code == 2 and "unknown rule" in err


def test_allow_and_disable(capsys, tmp_path: Path, bad_file: Path) -> None:  # type: ignore[no-untyped-def]
    allow = tmp_path / "allow.txt"
    allow.write_text("# our house style\n布署\n", encoding="utf-8")
    _, out, _ = run(capsys, "scan", str(bad_file), "--allow", str(allow), "--format", "jsonl")
    assert out == ""
    rule = json.loads(run(capsys, "scan", str(bad_file), "--format", "jsonl")[1])["rule_id"]
    # the listed error hides the tentative guesses at the same place (the character model
    # finds 布署 too, as a notice, and so does the homophone kind): with the list disabled,
    # only those guesses are left
    guesses = {"typo.statistical", "typo.word_homophones"}
    _, out, _ = run(capsys, "scan", str(bad_file), "--disable", rule, "--format", "jsonl")
    assert {json.loads(line)["rule_id"] for line in out.splitlines()} <= guesses
    every = [arg for guess in (rule, *sorted(guesses)) for arg in ("--disable", guess)]
    _, out, _ = run(capsys, "scan", str(bad_file), *every, "--format", "jsonl")
    assert out == ""


def test_rules_and_explain(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "rules")
    assert code == 0
    rule_id = out.split()[0]
    code, out, _ = run(capsys, "explain", rule_id)
    assert code == 0 and "source:" in out and "✗" in out and "✓" in out
    code, _, err = run(capsys, "explain", "typo.no_such_rule")
    assert code == 2 and "unknown rule" in err


def test_console_script_runs() -> None:
    out = subprocess.run(["wording-guard", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("wording-guard ")


# -- every input is scanned or named as not scanned (issue #11, defect 6) ------------------


def pdf_with_text(pages: list[str]) -> bytes:
    """A PDF whose pages show ``pages``: one simple font whose ToUnicode map gives each
    byte code one of the characters (enough for text extraction)."""
    chars = sorted({c for page in pages for c in page})
    code = {c: i + 1 for i, c in enumerate(chars)}
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /T def "
        "1 begincodespacerange <00> <FF> endcodespacerange "
        f"{len(chars)} beginbfchar "
        + " ".join(f"<{code[c]:02X}> <{ord(c):04X}>" for c in chars)
        + " endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    kids = " ".join(f"{5 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 4 0 R >>",
        f"<< /Length {len(cmap)} >>\nstream\n{cmap}\nendstream",
    ]
    for i, page in enumerate(pages):
        shown = "".join(f"{code[c]:02X}" for c in page)
        content = f"BT /F1 12 Tf 72 720 Td <{shown}> Tj ET"
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * i} 0 R >>"
        )
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("ascii")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    size = len(objects) + 1
    out += f"trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def write_docx(path: Path, paragraphs: list[str], cell: str = "") -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if cell:
        document.add_table(rows=2, cols=2).cell(1, 1).text = cell
    document.save(str(path))


def write_xlsx(path: Path, sheet: str, cells: dict[str, str]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = sheet
    for where, value in cells.items():
        book.active[where] = value
    book.save(path)


def no_traceback(err: str) -> bool:
    return "Traceback" not in err


def test_attachments_are_scanned_unit_by_unit(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "site"
    folder.mkdir()
    write_docx(
        folder / "report.docx", ["关于做好防汛工作的通知", "要认真布署今年防汛工作。"], "扫黑险恶"
    )
    write_xlsx(folder / "list.xlsx", "名单&附表", {"B2": "要认真布署工作"})
    (folder / "notice.pdf").write_bytes(pdf_with_text(["第一页", "要认真布署今年的工作"]))
    write_docx(folder / "clean.docx", ["要认真部署今年的工作。"])
    code, out, err = run(capsys, "scan", str(folder))
    assert code == 1 and err == "", err  # 扫黑险恶 is serious
    assert f"{folder}/report.docx#paragraph=2:1:4: improper typo." in out
    assert f"{folder}/report.docx#table=1&row=2&column=2:1:1: serious political_phrase." in out
    assert f"{folder}/list.xlsx#sheet=名单%26附表&cell=B2:1:4: improper typo." in out
    assert f"{folder}/notice.pdf#page=2:1:4: improper typo." in out
    assert "    要认真布署今年防汛工作。" in out  # the excerpt is the unit's text
    assert "4 file(s), 4 finding(s): 1 serious, 3 improper" in out

    _, out, _ = run(capsys, "scan", str(folder), "--format", "json")
    doc = json.loads(out)
    entries = {e["path"].removeprefix(f"{folder}/"): e for e in doc["files"]}
    assert entries["clean.docx"] == {"path": f"{folder}/clean.docx", "findings": []}
    unit = entries["list.xlsx#sheet=名单%26附表&cell=B2"]
    assert unit["file"] == f"{folder}/list.xlsx"
    assert unit["unit"] == {"sheet": "名单&附表", "cell": "B2"}
    [finding] = unit["findings"]
    assert (finding["start"], finding["text"], finding["line"]) == (3, "布署", 1)
    assert entries["notice.pdf#page=2"]["unit"] == {"page": 2}
    assert doc["summary"]["files"] == 4 and doc["not_scanned"] == [] and doc["skipped"] == {}

    _, out, _ = run(capsys, "scan", str(folder / "notice.pdf"), "--format", "sarif")
    run_ = json.loads(out)["runs"][0]
    [result] = run_["results"]
    [location] = result["locations"]
    # the unit's line and column are no place in the PDF file: not a region of it
    assert location["physicalLocation"] == {"artifactLocation": {"uri": f"{folder}/notice.pdf"}}
    assert location["logicalLocations"][0]["name"] == "page=2"
    assert result["properties"]["unitRegion"]["startColumn"] == 4 and "fixes" not in result
    assert run_["invocations"] == [{"executionSuccessful": True}]


def test_unreadable_attachment_named_or_swept_is_not_scanned(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    code, out, err = run(capsys, "scan", str(broken))
    assert code == 2 and no_traceback(err)
    assert f"wording-guard: {broken}: not scanned: cannot read .pdf file" in err
    assert "0 file(s) checked, no findings; 1 not scanned." in out

    good = tmp_path / "good.txt"
    good.write_text(BAD, encoding="utf-8")
    code, out, _ = run(capsys, "scan", str(tmp_path), "--format", "json", "--fail-on", "never")
    doc = json.loads(out)
    assert code == 2  # even when the findings alone would pass
    [entry] = doc["not_scanned"]
    assert entry["path"] == str(broken) and entry["reason"].startswith("cannot read .pdf file")
    assert [f["path"] for f in doc["files"]] == [str(good)]
    assert doc["summary"]["not_scanned"] == 1

    code, out, _ = run(capsys, "scan", str(tmp_path), "--format", "sarif")
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    assert code == 2 and invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("not scanned: ")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == str(broken)


def test_other_types_skipped_in_folders_by_suffix_refused_by_name(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name in ("a.png", "b.png", "c.exe", "README"):
        (tmp_path / name).write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "ok.txt").write_text("要认真部署今年的工作。\n", encoding="utf-8")
    code, out, err = run(capsys, "scan", str(tmp_path))
    assert code == 0 and "1 file(s) checked, no findings." in out
    assert "skipped 2 .png, 1 .exe, 1 without suffix in the given folders" in err
    code, out, _ = run(capsys, "scan", str(tmp_path), "--format", "json")
    assert json.loads(out)["skipped"] == {"": 1, ".exe": 1, ".png": 2}
    # asked for by name: read as text if it is text, else named as not scanned
    (tmp_path / "image.txt").write_bytes(b"GIF89a\x00\x00")
    code, _, err = run(capsys, "scan", str(tmp_path / "a.png"), str(tmp_path / "image.txt"))
    assert code == 2
    assert f"{tmp_path}/a.png: not scanned: binary file (contains NUL bytes); .png is " in err
    assert f"{tmp_path}/image.txt: not scanned: binary file (contains NUL bytes)\n" in err


def test_broken_and_looping_links_are_named_and_do_not_hang(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "site"
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "a.txt").write_text(BAD, encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "self").symlink_to(folder / "self")  # a link to itself
    (folder / "news" / "up").symlink_to(folder)  # a link back up the tree
    code, out, err = run(capsys, "scan", str(folder), "--format", "jsonl")
    assert code == 2 and no_traceback(err)
    assert f"{folder}/gone.txt: not scanned: broken symbolic link" in err
    assert f"{folder}/self: not scanned: symbolic link loop" in err
    assert [json.loads(x)["path"] for x in out.splitlines()] == [f"{folder}/news/a.txt"]
    code, _, err = run(capsys, "scan", str(folder / "gone.txt"))
    assert code == 2 and "not scanned: broken symbolic link" in err


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root reads folders whatever their permissions: nothing to test"
)
def test_folder_that_cannot_be_entered(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    locked = tmp_path / "locked"
    locked.mkdir()
    inside = locked / "x.txt"
    inside.write_text(BAD, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(BAD, encoding="utf-8")
    locked.chmod(0)
    try:
        code, out, err = run(capsys, "scan", str(tmp_path), str(inside), "--format", "json")
    finally:
        locked.chmod(0o755)
    assert code == 2 and no_traceback(err)
    assert f"{locked}: not scanned: cannot open folder: Permission denied" in err
    assert f"{inside}: not scanned: cannot read: Permission denied" in err
    doc = json.loads(out)
    assert [n["path"] for n in doc["not_scanned"]] == [str(locked), str(inside)]
    assert [f["path"] for f in doc["files"]] == [str(tmp_path / "ok.txt")]


def test_clean_run_says_so_unless_quiet(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    clean = tmp_path / "clean.txt"
    clean.write_text("要认真部署今年的工作。\n", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\x00")
    code, out, err = run(capsys, "scan", str(clean))
    assert (code, out, err) == (0, "1 file(s) checked, no findings.\n", "")
    code, out, err = run(capsys, "scan", str(tmp_path), "-q")
    assert (code, out, err) == (0, "", "")
    code, out, _ = run(capsys, "scan", str(tmp_path), "--quiet", "--fail-on", "improper")
    assert code == 0 and out == ""
    for fmt in ("json", "jsonl", "sarif"):
        _, out, _ = run(capsys, "scan", str(clean), "--format", fmt)
        assert "checked" not in out, fmt  # stdout stays machine-readable
        if out:
            json.loads(out)


# -- one stray suppression marker does not stop a sweep (issue #11, defect 7) --------------


def test_unknown_suppression_is_an_error_of_that_file_only(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    log = tmp_path / "a_log.txt"
    log.write_text("扫描日志\nwording-guard: report written\n" + BAD, encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(BAD, encoding="utf-8")
    for jobs in ("1", "2"):
        code, out, err = run(capsys, "scan", str(tmp_path), "-j", jobs)
        assert code == 2 and no_traceback(err), jobs
        assert f"{log}:2: unknown suppression 'wording-guard: report'" in err
        # the rest of the sweep goes on, and the file itself is checked without the marker
        assert f"{other}:2:4: improper typo." in out and f"{log}:4:4: improper typo." in out
        assert "; 1 error(s) in checked files" in out
    code, out, _ = run(capsys, "scan", str(tmp_path), "--format", "json")
    doc = json.loads(out)
    assert doc["errors"] == [
        {
            "path": str(log),
            "line": 2,
            "message": "unknown suppression 'wording-guard: report'; write 'wording-guard: "
            "disable RULE' or 'wording-guard: enable RULE' (ignored: checked without it)",
        }
    ]
    assert sum(len(f["findings"]) for f in doc["files"]) == 2
    _, out, _ = run(capsys, "scan", str(log), "--format", "sarif")
    invocation = json.loads(out)["runs"][0]["invocations"][0]
    [note] = invocation["toolExecutionNotifications"]
    assert invocation["executionSuccessful"] is False
    assert note["locations"][0]["physicalLocation"]["region"] == {"startLine": 2}


def test_bad_suppression_in_html_names_the_line_of_the_page(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text(
        "<html>\n<body>\n<p>正文</p>\n<!-- wording-guard: disabel typo.x -->\n"
        "<p>要认真布署今年的工作</p>\n</body></html>\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "scan", str(page))
    assert code == 2
    assert f"{page}:4: unknown suppression 'wording-guard: disabel'" in err
    assert f"{page}:5:7: improper typo." in out


def test_the_library_still_raises_on_a_bad_suppression() -> None:
    import wording_guard
    from wording_guard import ConfigError, SuppressionError

    with pytest.raises(SuppressionError) as info:
        wording_guard.scan("正文\n\n# wording-guard: disable typo.nope\n")
    assert info.value.line == 3 and isinstance(info.value, ConfigError)
    assert str(info.value) == "line 3: unknown rule id 'typo.nope' in suppression"


# -- --baseline: only new findings fail a run (issue #12) ---------------------------------


def test_baseline_reports_and_fails_on_new_findings_only(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    site.mkdir()
    page = site / "a.txt"
    page.write_text("要认真学习党的２０大精神。\n联系人：刘某，联系电话：13800001111。\n", "utf-8")
    (site / "b.txt").write_text("扫黑险恶专项斗争。\n", encoding="utf-8")
    code, out, _ = run(capsys, "scan", str(site), "--format", "json")
    assert code == 1
    baseline = tmp_path / "baseline.json"
    baseline.write_text(out, encoding="utf-8")
    # nothing new: exit 0, nothing shown, the count on stderr
    code, out, err = run(capsys, "scan", str(site), "--baseline", str(baseline))
    assert code == 0 and "serious" not in out
    assert "3 finding(s) in the baseline" in err
    # lines moved and one more error: only that one is new
    page.write_text("新增一段。\n" + page.read_text("utf-8") + "坚持党的２０大精神。\n", "utf-8")
    code, out, _ = run(capsys, "scan", str(site), "--baseline", str(baseline), "--format", "json")
    assert code == 1
    files = json.loads(out)["files"]
    new = [(Path(entry["path"]).name, f["line"]) for entry in files for f in entry["findings"]]
    assert new == [("a.txt", 4)]
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    code, _, err = run(capsys, "scan", str(site), "--baseline", str(bad))
    assert code == 2 and "not a baseline" in err


def test_sweep_help_and_an_unknown_engine(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["sweep", "--help"]) == 0
    assert "sweep --engine spark" in capsys.readouterr().out
    assert main(["sweep", "--engine", "dask", "x"]) == 2
    assert "the only engine: spark" in capsys.readouterr().err
