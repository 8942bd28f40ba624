"""A self-contained HTML report of a sweep: counts by site and column (or folder), category
and severity, a bar chart, and every finding in its context, listed by site › column → page.
A sweep with a state adds what changed since the previous sweep (new findings marked, fixed
ones listed) and a trend chart over all its sweeps. Personal numbers are masked unless
``reveal_pii``."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from . import __version__
from .models import Finding, Severity, category_label
from .results import Coverage, FileResult, masked_results

if TYPE_CHECKING:
    from .sweepstate import SweepSummary

_CONTEXT = 30  # characters shown on each side of a span (≤ results.EXCERPT_REACH)
_SEVERITY_COLOUR = {"serious": "#c62828", "improper": "#ef6c00", "notice": "#1565c0"}
_CSS = """
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
margin:2em;color:#222}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:2px solid #ddd}h3{margin:1.2em 0 .4em}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:.25em .6em}
th{background:#f4f4f4}td.n{text-align:right}.serious{color:#c62828}.improper{color:#ef6c00}
.notice{color:#1565c0}mark{padding:0 .1em}mark.serious{background:#ffcdd2}
mark.improper{background:#ffe0b2}mark.notice{background:#bbdefb}
.f{margin:.3em 0 .6em 1em}.ctx{font-size:.95em;background:#fafafa;padding:.2em .4em}
.meta{color:#666;font-size:.9em}.new{background:#c62828;color:#fff;font-size:.8em;
padding:0 .3em;border-radius:.2em}h4.page{font-weight:normal;margin:.8em 0 .2em}
"""


def _group(r: FileResult, root: str) -> str:
    """Where a result is listed: its site and column when the page names them (a sweep of
    pages), else its folder."""
    if r.site:
        return f"{r.site} › {r.column}" if r.column else r.site
    return _folder(r.path, root)


def _folder(path: str, root: str) -> str:
    parent = str(PurePath(path).parent)
    if root and parent.startswith(root):
        parent = parent[len(root) :].lstrip("/\\") or "."
    return parent or "."


def _chart(by_category: dict[str, Counter[str]]) -> str:
    """A horizontal stacked bar per category (inline SVG, no scripts)."""
    if not by_category:
        return ""
    rows = sorted(by_category.items(), key=lambda kv: -sum(kv[1].values()))
    top = max(sum(c.values()) for _, c in rows)
    width, bar_h, label_w = 520, 22, 190
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + width + 60}" '
        f'height="{len(rows) * (bar_h + 6) + 10}" role="img" aria-label="按类别统计">'
    ]
    for i, (category, counts) in enumerate(rows):
        y = 5 + i * (bar_h + 6)
        label = category_label(category)
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{escape(label)}</text>')
        x = label_w
        for severity in ("serious", "improper", "notice"):
            n = counts.get(severity, 0)
            if n:
                w = max(2, round(width * n / top))
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{w}" height="{bar_h}" '
                    f'fill="{_SEVERITY_COLOUR[severity]}"><title>{severity}: {n}'
                    f"</title></rect>"
                )
                x += w
        parts.append(f'<text x="{x + 6}" y="{y + 16}" font-size="13">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _trend(history: Sequence[dict[str, object]]) -> str:
    """Findings by severity over the sweeps of a state, a stacked bar per sweep (inline SVG),
    with the new and fixed counts under each."""
    if not history:
        return ""
    top = max(int(str(h["findings"] or 0)) for h in history) or 1
    bar_w, gap, height = 28, 14, 160
    shown = history[-40:]  # the last sweeps: a bar each stays readable
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{len(shown) * (bar_w + gap) + 20}" '
        f'height="{height + 50}" role="img" aria-label="历次检查趋势">'
    ]
    for i, h in enumerate(shown):
        x, y = 10 + i * (bar_w + gap), height
        for severity in ("notice", "improper", "serious"):
            n = int(str(h[severity] or 0))
            if n:
                bar = max(1, round(height * n / top))
                y -= bar
                parts.append(
                    f'<rect x="{x}" y="{y}" width="{bar_w}" height="{bar}" '
                    f'fill="{_SEVERITY_COLOUR[severity]}"><title>第 {h["id"]} 次 {severity}: '
                    f"{n}</title></rect>"
                )
        parts.append(
            f'<text x="{x}" y="{height + 14}" font-size="11">#{h["id"]}</text>'
            f'<text x="{x}" y="{height + 28}" font-size="10">+{h["new"]}</text>'
            f'<text x="{x}" y="{height + 42}" font-size="10">−{h["fixed"]}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _sweep_html(sweep: SweepSummary) -> list[str]:
    if sweep.compared_with:
        since = f"与 {sweep.compared_with} 相比"
    else:
        since = "首次检查" if sweep.previous is None else f"与第 {sweep.previous} 次相比"
    out = [
        f"<h2>本次（第 {sweep.sweep} 次）检查的变化（{since}）</h2>",
        "<table><tr><th>新增</th><th>仍存在</th><th>已修正</th><th>本次检查页面</th>"
        "<th>重新扫描</th><th>未变化（沿用上次结果）</th></tr>",
        f'<tr><td class="n serious">{sweep.new}</td><td class="n">{sweep.open}</td>'
        f'<td class="n">{len(sweep.fixed)}</td><td class="n">{sweep.pages}</td>'
        f'<td class="n">{sweep.rescanned}</td><td class="n">{sweep.reused}</td></tr></table>',
        "<h3>历次检查趋势（柱高：问题数；+新增 −已修正）</h3>",
        _trend(sweep.history),
    ]
    if sweep.fixed:
        out.append("<h3>已修正的问题</h3><table><tr><th>页面</th><th>规则</th><th>原文</th></tr>")
        out.extend(
            f"<tr><td><code>{escape(f.path)}</code></td><td><code>{escape(f.rule_id)}</code>"
            f"</td><td>{escape(f.text)}</td></tr>"
            for f in sweep.fixed
        )
        out.append("</table>")
    return out


def render_html_report(
    results: Sequence[FileResult],
    reveal_pii: bool = False,
    title: str = "错敏信息检查报告",
    coverage: Coverage | None = None,
    sweep: SweepSummary | None = None,
) -> str:
    """The report; ``coverage`` lists what was not (fully) checked, at the top: a sweep's
    report must not read as an all-clear for files it never read. ``sweep``: what changed
    since the previous sweep of its state."""
    results = masked_results(results, reveal_pii)
    status = {
        (i, j): mark
        for i, marks in enumerate(sweep.statuses if sweep is not None else ())
        for j, mark in enumerate(marks)
    }
    coverage = (coverage or Coverage()).shown(reveal_pii)
    paths = [r.path for r in results]
    root = os.path.commonpath([str(PurePath(p).parent) for p in paths]) if paths else ""
    severities = Counter[str]()
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    by_folder: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        for f in r.findings:
            severities[f.severity.value] += 1
            by_category[f.category.value][f.severity.value] += 1
            by_folder[_group(r, root)][f.severity.value] += 1
    total = sum(severities.values())
    out = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">wording-guard {__version__} · {dt.datetime.now():%Y-%m-%d %H:%M} · '
        f"扫描文件 {len(results)} 个 · 发现问题 {total} 处 · 根目录 {escape(root or '.')}</p>",
        *_coverage_html(coverage),
        *(_sweep_html(sweep) if sweep is not None else ()),
        "<h2>总体统计</h2><table><tr><th>严重表述错误</th><th>不规范表述</th><th>提示</th>"
        "<th>合计</th></tr>",
        f'<tr><td class="n serious">{severities["serious"]}</td>'
        f'<td class="n improper">{severities["improper"]}</td>'
        f'<td class="n notice">{severities["notice"]}</td><td class="n">{total}</td></tr></table>',
        "<h2>按类别</h2>",
        _chart(by_category),
        "<table><tr><th>类别</th><th>严重</th><th>不规范</th><th>提示</th></tr>",
    ]
    for category, counts in sorted(by_category.items(), key=lambda kv: -sum(kv[1].values())):
        label = category_label(category)
        out.append(
            f"<tr><td>{escape(label)}（{escape(category)}）</td>"
            + "".join(
                f'<td class="n {s}">{counts.get(s, 0)}</td>'
                for s in ("serious", "improper", "notice")
            )
            + "</tr>"
        )
    out.append(
        "</table><h2>按站点栏目（或目录）</h2><table><tr><th>站点 › 栏目 / 目录</th><th>严重</th>"
        "<th>不规范</th><th>提示</th></tr>"
    )
    for folder, counts in sorted(
        by_folder.items(), key=lambda kv: (-kv[1]["serious"], -sum(kv[1].values()))
    ):
        out.append(
            f"<tr><td>{escape(folder)}</td>"
            + "".join(
                f'<td class="n {s}">{counts.get(s, 0)}</td>'
                for s in ("serious", "improper", "notice")
            )
            + "</tr>"
        )
    out.append("</table><h2>问题明细</h2>")
    # site › column (or folder) → page (an attachment's units under the attachment)
    grouped: dict[str, dict[str, list[tuple[FileResult, Finding, bool]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for i, r in enumerate(results):
        for j, f in enumerate(r.findings):
            page = getattr(r, "file", "") or r.path  # a unit's attachment
            grouped[_group(r, root)][page].append((r, f, status.get((i, j)) == "new"))
    order = {s.value: s.rank for s in Severity}
    for folder in sorted(grouped):
        out.append(f"<h3>📁 {escape(folder)}</h3>")
        for page, items in sorted(grouped[folder].items()):
            out.append(f'<h4 class="page">📄 <code>{escape(page)}</code>（{len(items)}）</h4>')
            items.sort(
                key=lambda item: (-order[item[1].severity.value], item[0].path, item[1].start)
            )
            for r, f, new in items:
                out.append(_finding_html(r, f, reveal_pii, new))
    out.append("</body></html>")
    return "\n".join(out)


_NEW = '<span class="new">新</span> '


def _finding_html(r: FileResult, f: Finding, reveal_pii: bool, new: bool = False) -> str:
    where = r.region(f)
    lo, hi = max(0, f.start - _CONTEXT), min(r.text_length, f.end + _CONTEXT)
    before = r.shown(lo, f.start, reveal_pii).replace("\n", " ")
    span = r.shown(f.start, f.end, reveal_pii)
    after = r.shown(f.end, hi, reveal_pii).replace("\n", " ")
    fix = f" → <b>{escape(' / '.join(f.suggestions))}</b>" if f.suggestions else ""
    sev = f.severity.value
    return (
        f'<div class="f">{_NEW if new else ""}'
        f'<span class="{sev}">[{escape(f.severity.label_zh)}]</span> '
        f"<code>{escape(r.path)}:{where.line}:{where.column}</code> "
        f"<code>{escape(f.rule_id)}</code> "
        f'{escape(f.message)}{fix}<div class="ctx">…{escape(before)}'
        f'<mark class="{sev}">{escape(span)}</mark>{escape(after)}…</div></div>'
    )


def _coverage_html(coverage: Coverage) -> list[str]:
    if coverage.complete:
        return []
    out = [
        f'<h2 class="serious">未检查或未完整检查的输入（{len(coverage.not_scanned)} 个未检查，'
        f"{len(coverage.errors)} 处文件内错误）</h2><table><tr><th>输入</th><th>原因</th></tr>"
    ]
    for n in coverage.not_scanned:
        out.append(f"<tr><td><code>{escape(n.path)}</code></td><td>{escape(n.reason)}</td></tr>")
    for e in coverage.errors:
        out.append(
            f"<tr><td><code>{escape(e.path)}:{e.line}</code></td><td>{escape(e.message)}</td></tr>"
        )
    out.append("</table>")
    return out


def write_html_report(
    results: Sequence[FileResult],
    path: Path,
    reveal_pii: bool = False,
    coverage: Coverage | None = None,
    sweep: SweepSummary | None = None,
) -> None:
    path.write_text(
        render_html_report(results, reveal_pii, coverage=coverage, sweep=sweep), encoding="utf-8"
    )
