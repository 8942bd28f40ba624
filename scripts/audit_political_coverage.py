"""Coverage audit of fixed political formulations: which named formulations and numbered
lists of the official texts no rule of the lexicons knows.

    python scripts/audit_political_coverage.py CORPUS_DIR [--all]

Reads the Congress reports (19th, 20th), the 政府工作报告 of 2021 on and the NPC resolutions
on them in CORPUS_DIR (the project's data folder of official texts: cpc_congress_report_20.txt,
gwr_2025.txt, npc14_s1_resolution_on_gwr.txt …) and extracts three kinds of candidate:

* quoted terms (“两个确立”, “六稳”);
* counted names, a number word and 个/项/大/条 with the noun after it (三个务必, 五个必由之路);
* parallel runs, three or more parts of one clause joined by 、 that share a first or last
  character (稳就业、稳金融、稳外贸…; 党史、新中国史、改革开放史…): the items of numbered lists.

A candidate is covered when a string of some entry (a protected or replaced correct form, an
enumeration's name or items, a definition's subject or predicate, a counted name) holds it;
a run is covered when all its items are. The script prints the uncovered ones, most frequent
first (``--all``: every candidate), for a person to judge: most quoted terms are colloquial
(一刀切, 菜篮子), not political formulations.
"""

from __future__ import annotations

import argparse
import collections
import re
from pathlib import Path

from corpus_text import entry_strings

_KEYS = ("correct", "items", "subject", "predicate", "claims", "terms")
_NUMBER = "两一二三四五六七八九十"
_QUOTED = re.compile(r"“([^“”]{2,40})”")
_COUNTED = re.compile(
    rf"(?<![第0-9{_NUMBER}])([{_NUMBER}]{{1,3}}(?:个|项|大|条))“?([\u4e00-\u9fff]{{2,6}})"
)
_CLAUSE = re.compile(r"[^。；！？，：\n]+")


def official_texts(corpus: Path) -> dict[str, str]:
    names = ["cpc_congress_report_19.txt", "cpc_congress_report_20.txt"]
    names += sorted(p.name for p in corpus.glob("gwr_20*.txt") if p.name >= "gwr_2021.txt")
    names += sorted(p.name for p in corpus.glob("npc1[34]_*.txt"))
    return {n: (corpus / n).read_text(encoding="utf-8") for n in names if (corpus / n).exists()}


def runs(clause: str) -> list[tuple[str, ...]]:
    """Parallel runs of a clause: 3+ parts joined by 、 sharing a first or a last character."""
    parts = tuple(p for p in clause.split("、"))
    if len(parts) < 3 or any(not 2 <= len(p) <= 12 for p in parts[1:-1]):
        return []
    if len({p[0] for p in parts[1:]}) == 1 or len({p[-1] for p in parts[:-1]}) == 1:
        return [parts]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of the official texts")
    parser.add_argument("--all", action="store_true", help="print covered candidates too")
    args = parser.parse_args()
    blob = "\n".join(entry_strings(_KEYS))
    terms: dict[str, set[str]] = collections.defaultdict(set)
    lists: dict[tuple[str, ...], set[str]] = collections.defaultdict(set)
    for name, text in official_texts(args.corpus).items():
        for m in _QUOTED.finditer(text):
            terms[m.group(1)].add(name)
        for m in _COUNTED.finditer(text):
            terms[m.group(1) + m.group(2)].add(name)
        for m in _CLAUSE.finditer(text):
            for run in runs(m.group(0)):
                lists[run].add(name)
    covered = 0
    rows = []
    for term, where in terms.items():
        ok = term in blob
        covered += ok
        rows.append((ok, len(where), "term", term, where))
    for run, where in lists.items():
        # the first part may carry the clause's verb, the last what follows the list
        inner = run[1:-1]
        ok = all(item in blob for item in inner)
        covered += ok
        rows.append((ok, len(where), "list", "、".join(run), where))
    rows.sort(key=lambda r: (r[0], -r[1], r[2], r[3]))
    print(f"{len(rows)} candidates ({len(terms)} terms, {len(lists)} lists), {covered} covered")
    for ok, count, kind, text, where in rows:
        if args.all or not ok:
            mark = "covered" if ok else "MISSING"
            print(f"{mark}\t{count}\t{kind}\t{text}\t{','.join(sorted(where))}")


if __name__ == "__main__":
    main()
