"""The command line: exit codes, formats, encodings, errors that name the file."""

from __future__ import annotations

import json
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
    _, out, _ = run(capsys, "scan", str(bad_file), "--disable", rule, "--format", "jsonl")
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
