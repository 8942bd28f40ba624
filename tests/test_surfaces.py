"""Config files, inline suppressions, GitHub annotations, SARIF schema, HTML reports, -j."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wording_guard
from wording_guard import ConfigError
from wording_guard.cli import main
from wording_guard.config import find_config, load_config

BAD = "要认真布署今年的工作。\n"
ID_NUMBER = "110105198503071230"


def _typo_rule() -> str:
    [f] = [f for f in wording_guard.scan(BAD) if f.rule_id.startswith("typo.")]
    return f.rule_id


def test_inline_suppression() -> None:
    rule = _typo_rule()
    text = (
        f"{BAD}<!-- wording-guard: disable {rule} -->\n{BAD}# wording-guard: enable {rule}\n{BAD}"
    )
    found = [f.line for f in wording_guard.scan(text) if f.rule_id == rule]
    assert found == [1, 5]
    with pytest.raises(ConfigError, match=r"unknown rule id 'typo\.nope'"):
        wording_guard.scan("<!-- wording-guard: disable typo.nope -->")
    with pytest.raises(ConfigError, match="unknown suppression"):
        wording_guard.scan("<!-- wording-guard: disabel typo.x -->")


def test_config_file(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rule = _typo_rule()
    (tmp_path / "allow.txt").write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.wording-guard]\nallow = ["allow.txt"]\nfail-on = "improper"\n'
        f'[tool.wording-guard.severity]\n"{rule}" = "serious"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert find_config() == tmp_path / "pyproject.toml"
    assert main(["scan", "a.txt", "--format", "jsonl"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["severity"] == "serious"
    (tmp_path / ".wording-guard.toml").write_text('disable = ["nope.rule"]\n', encoding="utf-8")
    assert main(["scan", "a.txt"]) == 2
    assert "unknown rule" in capsys.readouterr().err
    (tmp_path / ".wording-guard.toml").write_text('colour = "red"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[colour\]"):
        load_config(tmp_path / ".wording-guard.toml")
    assert main(["scan", "a.txt", "--no-config"]) == 0


def test_pii_masked_in_every_output(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "list.txt"
    path.write_text(f"低保申请人张某，身份证号{ID_NUMBER}，予以公示。\n", encoding="utf-8")
    for fmt in ("text", "json", "jsonl", "sarif", "github"):
        main(["scan", str(path), "--format", fmt, "--report", str(tmp_path / "r.html")])
        out = capsys.readouterr().out
        assert "110105" in out and ID_NUMBER not in out, fmt
        assert ID_NUMBER not in (tmp_path / "r.html").read_text(encoding="utf-8")
    main(["scan", str(path), "--format", "jsonl", "--show-pii"])
    assert ID_NUMBER in capsys.readouterr().out


def test_github_annotations(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    main(["scan", str(path), "--format", "github"])
    line = capsys.readouterr().out.strip()
    assert line.startswith("::warning file=") and ",line=1,col=4,endColumn=6,title=typo." in line


def test_sarif_structure(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # The official SARIF 2.1.0 JSON schema is not available from the package registries this
    # project may use, so this checks the properties the schema requires of what we emit.
    path = tmp_path / "a.txt"
    path.write_text(BAD + f"身份证号{ID_NUMBER}\n", encoding="utf-8")
    main(["scan", str(path), "--format", "sarif"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "wording-guard"
    ids = [r["id"] for r in driver["rules"]]
    levels = {"none", "note", "warning", "error"}
    for result in run["results"]:
        assert result["message"]["text"]
        assert ids[result["ruleIndex"]] == result["ruleId"] and result["level"] in levels
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (
            region["endColumn"] > region["startColumn"] or region["endLine"] > region["startLine"]
        )
        for fix in result.get("fixes", []):
            replacement = fix["artifactChanges"][0]["replacements"][0]
            assert replacement["deletedRegion"]["charLength"] >= 1


def test_findings_json_schema_is_published_and_current(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import jsonschema

    from wording_guard.output import JSON_SCHEMA_VERSION, json_schema

    schema_dir = Path(wording_guard.__file__).parent / "schema"
    published = json.loads(
        (schema_dir / f"findings-v{JSON_SCHEMA_VERSION}.json").read_text(encoding="utf-8")
    )
    assert published == json_schema()
    path = tmp_path / "a.txt"
    path.write_text(BAD, encoding="utf-8")
    main(["scan", str(path), "--format", "json"])
    jsonschema.validate(json.loads(capsys.readouterr().out), published)


def test_parallel_sweep_and_report(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    report = tmp_path / "report.html"
    tmp_path = tmp_path / "archive"
    for site in ("site_a/news", "site_b/notice"):
        folder = tmp_path / site
        folder.mkdir(parents=True)
        for i in range(6):
            (folder / f"{i}.txt").write_text(BAD * (i + 1), encoding="utf-8")
        (folder / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "site_a" / "page.html").write_text(f"<p>{BAD}</p>", encoding="utf-8")
    code = main(["scan", str(tmp_path), "-j", "2", "--format", "jsonl", "--report", str(report)])
    captured = capsys.readouterr()
    rows = [json.loads(x) for x in captured.out.splitlines()]
    assert code == 0 and len(rows) == 2 * (1 + 2 + 3 + 4 + 5 + 6) + 1
    assert "skipped 2 .png in the given folders" in captured.err
    html_row = next(r for r in rows if r["path"].endswith("page.html"))
    source = (tmp_path / "site_a" / "page.html").read_text(encoding="utf-8")
    assert source[html_row["source_start"] : html_row["source_end"]] == "布署"
    assert html_row["text"] == "布署" and html_row["start"] < html_row["source_start"]
    sequential = main(["scan", str(tmp_path), "--format", "jsonl"])
    assert sequential == 0 and [json.loads(x) for x in capsys.readouterr().out.splitlines()] == rows
    page = report.read_text(encoding="utf-8")
    assert "site_a/news" in page and "site_b/notice" in page and "<svg" in page
    assert "错别字" in page and "<mark" in page
