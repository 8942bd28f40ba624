"""Mine recurring clauses of the Party congress reports and the 政府工作报告 that no lexicon
entry protects yet: candidates for fixed political formulations (issue #9).

    python scripts/mine_formulations.py CORPUS_DIR [--min-docs 3] [--min 6] [--max 20]
                                                   [--all] [--keep-generic]

CORPUS_DIR is the folder of official texts (cpc_congress_report_16.txt … _20.txt,
gwr_2010.txt … gwr_2025.txt); the script reads nothing else unless told. A clause is a run of
Han characters between two punctuation marks (or a line end); one of MIN to MAX characters
found in MIN_DOCS or more of the documents is a candidate. A candidate is covered when it is,
whole or in part, a string of some loaded lexicon entry (a protected correct form, an item of
an enumeration, a definition's subject …), or holds such a string making 60% of it.

The uncovered candidates are printed, most widespread first, with the documents holding them,
for a person to judge. Rules applied when choosing what to add (only the first is automatic;
``--keep-generic`` turns it off):

1. A clause opening on a framing word (我们, 过去一年, 今年, 各位, 在, 把 …) frames a report;
   it is dropped.
2. Keep only what names something fixed: a principle, system, strategy, policy or goal
   (坚持和完善民族区域自治制度, 加快发展多层次资本市场), not report framing (主要做了以下工作),
   figures (国内生产总值增长, 城镇调查失业率) or a generic verb and object (加强职业技能培训).
3. Leave out a clause holding a shorter form another entry protects (…爱国统一战线): the two
   entries would compete for one typo.
4. Leave out a form whose wording changed over time or has accepted variants (基础性作用 and
   决定性作用; 的 dropped or a word swapped in real text): after adding, scan real text and drop
   every form that adds a finding there.

Recency mode (``--news XWLB.txt.gz --since 2024``) looks for the newest formulations instead:
the documents become the 政府工作报告 of SINCE-1 onward plus each day of the 新闻联播
transcripts (``<doc id="xwlb-YYYYMMDD">``) from SINCE on, and a clause counts the days and
reports holding it; ``--min-docs`` then means days (news recurrence is the sign of a fixed
formulation: the newest plenum and planning wording is quoted word for word for months).
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

from corpus_text import dated_docs, entry_strings, read_text

_KEYS = ("correct", "items", "subject", "predicate", "claims", "terms", "wrong")
_CLAUSE = re.compile(r"[\u4e00-\u9fff]+")
# openings of clauses that frame a report rather than name a formulation
_FRAMING = (
    "我们",
    "我国",
    "过去",
    "今年",
    "一年来",
    "五年来",
    "各位",
    "同志们",
    "这是",
    "这些",
    "必须",
    "要",
    "主要",
    "回顾",
    "我代表",
    "在",
    "对",
    "为",
    "把",
    "同时",
    "目前",
    "当前",
    "进一步",
)


def official_texts(corpus: Path) -> dict[str, str]:
    """The 16th-20th Congress reports and the 政府工作报告 of 2010-2025 found in CORPUS."""
    names = [f"cpc_congress_report_{n}.txt" for n in range(16, 21)]
    names += [f"gwr_{year}.txt" for year in range(2010, 2026)]
    return {n: (corpus / n).read_text(encoding="utf-8") for n in names if (corpus / n).exists()}


def recent_texts(corpus: Path, news: Path, since: int) -> dict[str, str]:
    """The 政府工作报告 of SINCE-1 onward in CORPUS and each 新闻联播 day of SINCE onward."""
    texts = {
        f"gwr_{year}": (corpus / f"gwr_{year}.txt").read_text(encoding="utf-8")
        for year in range(since - 1, 2100)
        if (corpus / f"gwr_{year}.txt").exists()
    }
    for index, (date, body) in enumerate(dated_docs(read_text(news))):
        if date and int(date[:4]) >= since:
            texts[f"day{index}"] = body
    return texts


def inner_share(clause: str, strings: list[str]) -> float:
    """Share of CLAUSE taken by the longest lexicon string inside it (already protected)."""
    for string in strings:
        if len(string) <= len(clause) and string in clause:
            return len(string) / len(clause)
    return 0.0


def clauses(text: str, low: int, high: int) -> set[str]:
    return {m.group(0) for m in _CLAUSE.finditer(text) if low <= len(m.group(0)) <= high}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of the official texts")
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--min", type=int, default=6, help="shortest clause (Han characters)")
    parser.add_argument("--max", type=int, default=20, help="longest clause")
    parser.add_argument("--all", action="store_true", help="print covered candidates too")
    parser.add_argument("--keep-generic", action="store_true", help="keep framing clauses")
    parser.add_argument("--news", type=Path, help="新闻联播 transcripts (recency mode)")
    parser.add_argument("--since", type=int, default=2024, help="first news year (recency)")
    args = parser.parse_args()
    if args.news:
        texts = recent_texts(args.corpus, args.news, args.since)
    else:
        texts = official_texts(args.corpus)
    where: dict[str, set[str]] = collections.defaultdict(set)
    for name, text in texts.items():
        for clause in clauses(text, args.min, args.max):
            where[clause].add(name.removesuffix(".txt"))
    strings = sorted({s for s in entry_strings(_KEYS) if len(s) >= 4}, key=len, reverse=True)
    blob = "\n".join(strings)
    rows = []
    for clause, docs in where.items():
        if len(docs) < args.min_docs:
            continue
        if not args.keep_generic and clause.startswith(_FRAMING):
            continue
        covered = clause in blob or inner_share(clause, strings) >= 0.6
        if covered and not args.all:
            continue
        rows.append((covered, -len(docs), clause, docs))
    rows.sort()
    total = sum(len(d) >= args.min_docs for d in where.values())
    print(f"{len(texts)} documents, {total} recurring clauses, {len(rows)} printed")
    try:
        for covered, count, clause, docs in rows:
            mark = "covered" if covered else "MISSING"
            shown = sorted(d for d in docs if not d.startswith("day"))
            print(f"{mark}\t{-count}\t{clause}\t{','.join(shown)}")
    except BrokenPipeError:  # piped into head
        pass


if __name__ == "__main__":
    main()
