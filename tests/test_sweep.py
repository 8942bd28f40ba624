"""Archive sweeps (issue #12): the same findings in one process and in worker processes, and
incremental sweeps that keep their state in SQLite (rescan only what changed, report new,
open and fixed findings)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import wording_guard
from sweep_pages import INJECTED, corpus_pages, write_pages
from wording_guard import batch
from wording_guard.cli import main

PAGES = 2000


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sweep") / "site"
    write_pages(root, corpus_pages(PAGES))
    return root


def run(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_pages_are_real_pages_with_meta_tags(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == PAGES
    head = pages[0].read_text("utf-8")
    for name in ("SiteName", "SiteDomain", "ColumnName", "ArticleTitle", "PubDate"):
        assert f'<meta name="{name}"' in head


def test_one_process_and_two_workers_give_byte_identical_findings(  # type: ignore[no-untyped-def]
    capsys, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(site)
    outputs = {}
    for jobs in ("1", "2"):
        code, out, err = run(capsys, "scan", ".", "-j", jobs, "--format", "jsonl", "-q")
        assert code == 1, err  # the injected errors include serious ones
        outputs[jobs] = out
    assert outputs["1"] == outputs["2"]
    found = [json.loads(line) for line in outputs["1"].splitlines()]
    # every injected sentence is found, on the page it was put on
    injected = {
        p.id for p in corpus_pages(PAGES) if any(sentence in p.html for sentence in INJECTED)
    }
    assert len(injected) == PAGES // 97
    assert injected <= {f["path"] for f in found}
    # old pages are judged by their own date (PubDate), not today's
    json_out = run(capsys, "scan", ".", "--format", "json", "-q")[1]
    dates = {e["date"]["source"] for e in json.loads(json_out)["files"]}
    assert dates == {"meta PubDate"}


def sweep(capsys, root: Path, state: Path, *extra: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    code, out, err = run(
        capsys, "scan", str(root), "--state", str(state), "--format", "json", *extra
    )
    assert code in (0, 1), err
    return json.loads(out)  # type: ignore[no-any-return]


def key(path: str, f: dict) -> tuple[str, str, str]:  # type: ignore[type-arg]
    return (path, f["rule_id"], f["text"])


def test_second_sweep_rescans_only_the_changed_pages(  # type: ignore[no-untyped-def]
    capsys, site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "site"
    shutil.copytree(site, root)
    state = tmp_path / "sweep.db"
    first = sweep(capsys, root, state)
    assert first["sweep"]["rescanned"] == PAGES and first["sweep"]["previous"] is None
    assert first["sweep"]["new"] == first["summary"]["findings"] > 0
    before = {key(e["path"], f) for e in first["files"] for f in e["findings"]}

    pages = sorted(root.rglob("*.html"))
    with_error = [p for p in pages if any(s in p.read_text("utf-8") for s in INJECTED)]
    clean = [p for p in pages if p not in with_error]
    fixed_pages, broken_pages, edited_pages = with_error[:3], clean[:4], clean[100:103]
    for page in fixed_pages:  # the injected sentence removed: its finding is fixed
        text = page.read_text("utf-8")
        for sentence in INJECTED:
            text = text.replace(sentence, "")
        page.write_text(text, "utf-8")
    for page in broken_pages:  # an error added: a new finding
        page.write_text(page.read_text("utf-8").replace("</p>", "台湾总统</p>", 1), "utf-8")
    for page in edited_pages:  # changed, but nothing new to find
        page.write_text(page.read_text("utf-8").replace("</p>", "另有说明。</p>", 1), "utf-8")
    changed = {str(p) for p in [*fixed_pages, *broken_pages, *edited_pages]}
    assert len(changed) == 10

    checked: list[str] = []
    check_file = batch.check_file

    def counting(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        checked.append(str(path))
        return check_file(path, *args, **kwargs)

    monkeypatch.setattr(batch, "check_file", counting)
    second = sweep(capsys, root, state)
    assert sorted(checked) == sorted(changed)
    changes = second["sweep"]
    assert (changes["rescanned"], changes["unchanged"]) == (10, PAGES - 10)
    assert changes["previous"] == first["sweep"]["sweep"]

    after = {key(e["path"], f) for e in second["files"] for f in e["findings"]}
    new = {
        key(e["path"], f) for e in second["files"] for f in e["findings"] if f["status"] == "new"
    }
    fixed = {(f["path"], f["rule_id"], f["text"]) for f in changes["fixed_findings"]}
    assert new == after - before
    assert fixed == before - after
    assert {path for path, _, _ in new} == {str(p) for p in broken_pages}
    assert {rule for _, rule, _ in new} == {"country_region.taiwan_statehood"}
    assert {path for path, _, _ in fixed} == {str(p) for p in fixed_pages}
    assert changes["new"] == len(new) and changes["fixed"] == len(fixed)
    still = [
        key(e["path"], f) for e in second["files"] for f in e["findings"] if f["status"] == "open"
    ]
    assert set(still) == after & before and changes["open"] == len(still)

    # a third sweep with nothing changed scans nothing and has nothing new or fixed
    checked.clear()
    third = sweep(capsys, root, state)
    assert checked == []
    assert (third["sweep"]["new"], third["sweep"]["fixed"]) == (0, 0)
    assert [h["id"] for h in third["sweep"]["history"]] == [1, 2, 3]

    # other options (a rule disabled) are another fingerprint: every page is checked again
    fourth = sweep(capsys, root, state, "--disable", "country_region.taiwan_statehood")
    assert fourth["sweep"]["rescanned"] == PAGES
    gone = {f["rule_id"] for f in fourth["sweep"]["fixed_findings"]}
    assert gone == {"country_region.taiwan_statehood"}


def test_text_output_marks_new_findings_and_report_shows_changes(  # type: ignore[no-untyped-def]
    capsys, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "a.txt").write_text("要认真布署今年的工作。\n", "utf-8")
    (root / "b.txt").write_text("会议由台湾总统主持。\n", "utf-8")
    state, report = tmp_path / "s.db", tmp_path / "r.html"
    code, out, err = run(capsys, "scan", str(root), "--state", str(state))
    assert code == 1 and out.count("[new]") == 2
    assert "sweep 1" in err and "2 new, 0 open, 0 fixed (first sweep)" in err
    (root / "b.txt").write_text("会议由台湾地区领导人主持。\n", "utf-8")
    code, out, err = run(capsys, "scan", str(root), "--state", str(state), "--report", str(report))
    assert code == 0 and "[new]" not in out and "typo.official_terms" in out
    assert "0 new, 1 open, 1 fixed (since sweep 1); 1 of 2 page(s) scanned, 1 unchanged" in err
    page = report.read_text("utf-8")
    assert "已修正的问题" in page and "台湾总统" in page  # the fixed finding, listed
    assert 'aria-label="历次检查趋势"' in page and "#2" in page
    code, out, _ = run(capsys, "scan", str(root), "--state", str(state), "--format", "jsonl")
    assert [json.loads(line)["status"] for line in out.splitlines()] == ["open"]
    (root / "c.txt").write_text("会议由台湾总统主持。\n", "utf-8")
    code, out, _ = run(capsys, "scan", str(root), "--state", str(state), "--format", "sarif")
    states = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r["baselineState"]
        for r in json.loads(out)["runs"][0]["results"]
    }
    assert states == {str(root / "a.txt"): "unchanged", str(root / "c.txt"): "new"}


def test_json_with_a_sweep_matches_the_published_schema(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import jsonschema

    from wording_guard.output import JSON_SCHEMA_VERSION

    schema_dir = Path(wording_guard.__file__).parent / "schema"
    published = json.loads(
        (schema_dir / f"findings-v{JSON_SCHEMA_VERSION}.json").read_text("utf-8")
    )
    (tmp_path / "a.txt").write_text("要认真布署今年的工作。\n", "utf-8")
    for _ in range(2):
        _, out, _ = run(
            capsys,
            "scan",
            str(tmp_path / "a.txt"),
            "--state",
            str(tmp_path / "s"),
            "--format",
            "json",
        )
        jsonschema.validate(json.loads(out), published)


def test_json_lines_pages_are_remembered_by_url(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = tmp_path / "pages.jsonl"
    rows = [
        {"url": f"https://example.gov.cn/{i}.html", "text": f"第{i}条：要认真布署工作。"}
        for i in range(5)
    ]
    pages.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    state = tmp_path / "s.db"
    first = json.loads(
        run(capsys, "scan", "--pages", str(pages), "--state", str(state), "--format", "json")[1]
    )
    assert first["sweep"]["rescanned"] == 5
    rows[2]["text"] = "第2条：要认真部署工作。"
    pages.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    second = json.loads(
        run(capsys, "scan", "--pages", str(pages), "--state", str(state), "--format", "json")[1]
    )
    assert (second["sweep"]["rescanned"], second["sweep"]["unchanged"]) == (1, 4)
    assert [f["path"] for f in second["sweep"]["fixed_findings"]] == [rows[2]["url"]]


def test_a_file_that_is_no_state_is_refused_with_its_name(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("要认真布署今年的工作。\n", "utf-8")
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database, just words " * 100, "utf-8")
    code, _, err = run(capsys, "scan", str(tmp_path / "a.txt"), "--state", str(bad))
    assert code == 2 and f"{bad}: not a sweep state file" in err
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO info VALUES ('schema', '99')")
    code, _, err = run(capsys, "scan", str(tmp_path / "a.txt"), "--state", str(other))
    assert code == 2 and "another version (99)" in err


def test_state_is_readable_by_its_owner_only(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("联系电话：13800138000。\n", "utf-8")
    state = tmp_path / "s.db"
    run(capsys, "scan", str(tmp_path / "a.txt"), "--state", str(state))
    assert state.stat().st_mode & 0o077 == 0


def test_parquet_tables_of_pages(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": ["p1", "p2", "p3", "p4"],
            "html": [
                '<meta name="SiteName" content="某市人民政府"><p>要认真布署今年的工作。</p>',
                None,
                None,
                None,
            ],
            "text": [None, "坚持以习近平同志为总书记的党中央的领导。", None, "台湾总统"],
            "date": [None, dt.date(2014, 5, 1), None, dt.date(2024, 5, 1)],
            "column": ["通知公告", None, None, None],
        }
    )
    pages = tmp_path / "pages.parquet"
    pq.write_table(table, pages, row_group_size=2)
    code, out, err = run(capsys, "scan", "--pages", str(pages), "--format", "json")
    assert code == 2  # row 3 has neither text nor html: named, and the rest checked
    doc = json.loads(out)
    assert doc["errors"] == [
        {
            "path": str(pages),
            "line": 3,
            "message": 'row 3: not a page: needs "text" or "html" as a string',
        }
    ]
    by_page = {e["path"]: e for e in doc["files"]}
    assert [f["rule_id"] for f in by_page["p1"]["findings"]] == ["typo.official_terms"]
    assert (by_page["p1"]["site"], by_page["p1"]["column"]) == ("某市人民政府", "通知公告")
    assert by_page["p2"]["findings"] == []  # right for its own date, 2014
    assert by_page["p2"]["date"] == {"date": "2014-05-01", "source": "given"}
    assert [f["rule_id"] for f in by_page["p4"]["findings"]] == ["country_region.taiwan_statehood"]
    state = tmp_path / "s.db"
    run(capsys, "scan", "--pages", str(pages), "--state", str(state))
    again = json.loads(
        run(capsys, "scan", "--pages", str(pages), "--state", str(state), "--format", "json")[1]
    )
    assert (again["sweep"]["rescanned"], again["sweep"]["unchanged"]) == (0, 3)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(pages.read_bytes()[:-100])
    code, out, err = run(capsys, "scan", "--pages", str(broken))
    assert code == 2 and f"{broken}: not scanned: not a Parquet table" in err


def test_pages_in_worker_processes_come_out_as_in_one(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pages = tmp_path / "pages.jsonl"
    lines = [
        json.dumps({"url": p.id, "html": p.html}, ensure_ascii=False) for p in corpus_pages(600)
    ]
    lines[7] = "{not json"  # errors of the file keep their place among the pages
    lines[300] = json.dumps({"url": "x", "text": 3})
    pages.write_text("\n".join(lines) + "\n", "utf-8")
    state = tmp_path / "s.db"
    outputs = [
        run(capsys, "scan", "--pages", str(pages), "-j", jobs, "--format", "json", *extra)[1]
        for jobs, extra in [("1", ()), ("2", ()), ("2", ("--state", str(state)))]
    ]
    assert outputs[0] == outputs[1]
    doc = json.loads(outputs[0])
    assert [e["line"] for e in doc["errors"]] == [8, 301]
    assert len(doc["files"]) == 598
    # all remembered: given in order without a worker, the same findings
    again = json.loads(
        run(
            capsys,
            "scan",
            "--pages",
            str(pages),
            "-j",
            "2",
            "--state",
            str(state),
            "--format",
            "json",
        )[1]
    )
    assert again["sweep"]["unchanged"] == 598 and again["sweep"]["rescanned"] == 0
    assert [e["path"] for e in again["files"]] == [e["path"] for e in doc["files"]]
    assert again["summary"] == doc["summary"]


def test_a_state_another_sweep_holds_is_a_clear_error(tmp_path: Path) -> None:
    from wording_guard.errors import ConfigError
    from wording_guard.sweepstate import SweepState

    state = tmp_path / "s.db"
    SweepState(state, "f").finish([])
    holder = sqlite3.connect(state)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(ConfigError, match=r"s\.db: sweep state: database is locked \(is another"):
        SweepState(state, "f", timeout=0.05)
    holder.rollback()
    assert SweepState(state, "f").finish([]).previous == 1


def test_an_attachment_that_cannot_be_read_now_has_nothing_fixed(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    root = tmp_path / "site"
    root.mkdir()
    attachment = root / "通知.docx"
    document = docx.Document()
    document.add_paragraph("要认真布署今年的工作。")
    document.save(attachment)
    state = tmp_path / "s.db"
    first = sweep(capsys, root, state)
    assert first["sweep"]["new"] == 1
    attachment.write_bytes(b"PK\x03\x04 not a whole zip any more")  # damaged since
    code, out, err = run(capsys, "scan", str(root), "--state", str(state), "--format", "json")
    assert code == 2 and "not scanned" in err
    changes = json.loads(out)["sweep"]
    assert (changes["new"], changes["open"], changes["fixed"]) == (0, 0, 0)
