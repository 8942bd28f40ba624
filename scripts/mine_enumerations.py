"""Mine the fixed enumerations of published official text: clauses of three to eight short
members joined by 、 (稳就业、稳金融、稳外贸…; 党政同责、一岗双责、齐抓共管…) that recur verbatim in
several distinct documents of several years, for the ``clauses`` kind (issue #9).

    python scripts/mine_enumerations.py CORPUS_DIR XWLB.txt.gz [--hold-out 2025]
        [--min-docs 3] [--min-years 2] [--out lexicons/_data/enumeration_clauses.tsv]
        [--held-out-text /tmp/held_out.txt]

Text read: every ``*.txt`` of CORPUS_DIR (the Party congress reports 12-20, the 政府工作报告
1978-2025, the NPC resolutions on them), one document each, dated by the year in its name,
and each day of the 新闻联播 transcripts (``<doc id="xwlb-YYYYMMDD">``), one document a day,
except the days of the held-out year(s), which are written to ``--held-out-text`` instead
(one day a line) so that false alarms can be measured on text the mining never saw.

A list is a run of parts split by 、 inside a clause (between other punctuation). Its inner
parts are members as written; its first part may carry a verb (深化简政放权) and its last
what follows the list (优化服务改革), so each is read whole when it is a member (a part seen
between two 、 in two documents, or whole at a list's end in three, not starting with a
function character), and cut to its longest end that is a member at least as long as its
neighbour, or else to its neighbour's length where the segmenter cuts it there (深化|简政放权;
支持工会 is not cut to 持工会). Members are two to eight Han characters. A stretch of three
or more members is a candidate clause; it is kept when ``--min-docs`` documents of
``--min-years`` years hold it (at any place of a longer list too) and it is not part of a
longer kept clause found in as many documents.

Left out (a small reviewed stop list of classes, no list of clauses): clauses with a member
of two characters (政治、经济、文化: ordinary words of open lists), lists of places and
bodies (a member ending in 省, 市, 县, 区, 州, 盟, 国), clauses with two or more items of an
``enumeration`` rule or inside a protected form holding 、 (those rules judge them), and open
lists: a clause the mining text also writes with one member replaced at a place (its
variants, ``seen``: 数字化 for 高端化 in …、智能化、绿色化), or that has a kept sibling
differing from it at one place (天更蓝、山更绿、水更清 beside 天更蓝、地更绿、水更清). What
is kept is what real text never varies.

Output: ``clause<TAB>documents<TAB>years<TAB>seen`` (seen: ``position:member`` joined by
``|``), most widespread first. Source of every line: its attestation in the text above.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import re
from collections.abc import Callable
from pathlib import Path

from corpus_text import dated_docs, entry_strings, read_text

from wording_guard.segment import Segmenter

_CLAUSE = re.compile(r"[^，。；：！？,.;:!?\s“”\"'‘’（）()《》【】\[\]]+")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_MIN_MEMBER, _MAX_MEMBER = 2, 8
# a small reviewed stop list: runs that are listings of things, not formulations (numbers
# of places and bodies change with every text)
_FUNCTION_CHARS = "的地得之了着过和与及或并等在是为对把被向从将"  # no member starts so
_MIN_LISTED = 3  # the shortest member of a kept clause
_STOP_CHARS = "省市县区州盟国"


def documents(corpus: Path, news: Path, hold_out: set[int]) -> tuple[dict[str, str], list[str]]:
    """The mining documents (name -> text; the name starts with its year) and the held-out
    days' texts."""
    docs: dict[str, str] = {}
    for path in sorted(corpus.glob("*.txt")):
        docs[f"{_year(path.stem)}-{path.stem}"] = path.read_text("utf-8")
    held: list[str] = []
    for date, body in dated_docs(read_text(news)):
        if not date:
            continue
        if int(date[:4]) in hold_out:
            held.append(body.replace("\n", " "))
        else:
            docs[f"{date[:4]}-xwlb{date}"] = body
    return docs, held


_CONGRESS_YEAR = {12: 1982, 13: 1987, 14: 1992, 15: 1997, 16: 2002, 17: 2007, 18: 2012}


def _year(stem: str) -> int:
    """The year of a corpus file: in its name (gwr_2024), or that of the congress (the 12th
    in 1982, then every five years) or of the NPC session (the 8th NPC's first in 1993)."""
    if found := re.search(r"(19|20)\d\d", stem):
        return int(found.group(0))
    if found := re.fullmatch(r"cpc_congress_report_(\d+)", stem):
        return _CONGRESS_YEAR.get(int(found.group(1)), 2012 + 5 * (int(found.group(1)) - 18))
    if found := re.fullmatch(r"npc(\d+)_s(\d)_.*", stem):
        npc, session = int(found.group(1)), int(found.group(2))
        return 1993 + 5 * (npc - 8) + session - 1 if npc >= 8 else 1954 + 5 * (npc - 1) + session
    return 0


def raw_runs(text: str) -> list[list[str]]:
    """The 、-joined runs of a text, as written (two or more parts)."""
    out = []
    for clause in _CLAUSE.findall(text):
        if "、" in clause:
            out.append(clause.split("、"))
    return out


def is_member(part: str) -> bool:
    return _MIN_MEMBER <= len(part) <= _MAX_MEMBER and _HAN.fullmatch(part) is not None


def trimmed(parts: list[str], members: set[str]) -> list[list[str]]:
    """The run with its first part cut to a member end, its last to a member start: each
    kept whole when it is a member, and cut to its longest proper end that is a member at
    least as long as its neighbour (统筹做好稳就业, 稳预期工作), both when both are."""
    heads = _edges(parts[0], parts[1], members, True) or [""]
    tails = _edges(parts[-1], parts[-2], members, False) or [""]
    return [[h, *parts[1:-1], t] for h in heads for t in tails]


def _edges(part: str, neighbour: str, members: set[str], first: bool) -> list[str]:
    """The members an end part of a run may stand for: itself, when it is one, and its
    longest end (start) that is a member at least as long as its neighbour, or else its end
    as long as its neighbour where the segmenter cuts the part there (深化|简政放权,
    优化服务|改革). A cut inside a word would make a member no text writes (持工会 of
    支持工会): none then."""
    out = [part] if part in members or len(part) <= len(neighbour) else []
    ends = [part[i:] if first else part[: len(part) - i] for i in range(1, len(part))]
    found = next((e for e in ends if e in members and len(e) >= len(neighbour)), None)
    if found is None and len(part) > len(neighbour):
        at = len(part) - len(neighbour) if first else len(neighbour)
        cut = part[at:] if first else part[:at]
        if (
            cut
            and at in _cuts(part)
            and cut[0] not in _FUNCTION_CHARS
            and cut[-1] not in _FUNCTION_CHARS
        ):
            found = cut  # (的山洪 of 引发的山洪 is no member)
    return out + ([found] if found is not None else [])


_SEGMENTER: list[Callable[[str], list[str]]] = []


def _cuts(text: str) -> set[int]:
    """Where the segmenter's words of ``text`` meet."""
    if not _SEGMENTER:
        _SEGMENTER.append(Segmenter().cutter())
    at, out = 0, set()
    for word in _SEGMENTER[0](text):
        at += len(word)
        out.add(at)
    return out


def lists(parts: list[str]) -> list[tuple[str, ...]]:
    """The maximal stretches of members of a trimmed run (three or more)."""
    out: list[tuple[str, ...]] = []
    current: list[str] = []
    for part in [*parts, ""]:
        if is_member(part):
            current.append(part)
            continue
        if len(current) >= 3:
            out.append(tuple(current))
        current = []
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("news", type=Path)
    parser.add_argument("--hold-out", type=int, nargs="*", default=[2025])
    parser.add_argument("--min-docs", type=int, default=3)
    parser.add_argument("--min-years", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("lexicons/_data/enumeration_clauses.tsv"))
    parser.add_argument("--held-out-text", type=Path)
    args = parser.parse_args()
    docs, held = documents(args.corpus, args.news, set(args.hold_out))
    if args.held_out_text:
        args.held_out_text.write_text("\n".join(held) + "\n", encoding="utf-8")
    runs = {name: raw_runs(text) for name, text in docs.items()}
    inner: collections.Counter[str] = collections.Counter()
    for doc_runs in runs.values():
        inner.update({p for parts in doc_runs for p in parts[1:-1] if is_member(p)})
    whole: collections.Counter[str] = collections.Counter()
    for doc_runs in runs.values():
        whole.update({p for parts in doc_runs for p in (parts[0], parts[-1]) if is_member(p)})
    members = {m for m, n in inner.items() if n >= 2} | {
        m
        for m, n in whole.items()
        if n >= 3 and m[0] not in _FUNCTION_CHARS and m[-1] not in _FUNCTION_CHARS
    }
    doc_lists = {
        name: [lst for parts in doc_runs for cut in trimmed(parts, members) for lst in lists(cut)]
        for name, doc_runs in runs.items()
    }
    # every stretch of three or more consecutive members, by the documents holding it
    where: dict[tuple[str, ...], set[str]] = collections.defaultdict(set)
    for name, found in doc_lists.items():
        for lst in found:
            for i in range(len(lst)):
                for j in range(i + 3, min(len(lst), i + 8) + 1):
                    where[lst[i:j]].add(name)
    kept = {
        c: d
        for c, d in where.items()
        if len(d) >= args.min_docs and len({n[:4] for n in d}) >= args.min_years
    }

    # a stretch inside a longer kept clause found as often is that clause
    def inside_longer(clause: tuple[str, ...]) -> bool:
        n = len(kept[clause])
        for k in (1, 2):
            for longer in (c for c in kept if len(c) == len(clause) + k and len(kept[c]) >= n):
                if any(longer[i : i + len(clause)] == clause for i in range(k + 1)):
                    return True
        return False

    protected = [s for s in entry_strings(("correct", "items")) if len(s) >= 2]
    item_sets = set(entry_strings(("items",)))  # the enumeration rules' items
    final = {}
    for clause, names in kept.items():
        if inside_longer(clause):
            continue
        joined = "、".join(clause)
        if min(map(len, clause)) < _MIN_LISTED:
            continue  # two-character members (政治、经济、文化): ordinary words, open lists
        if any(ch in _STOP_CHARS for m in clause for ch in m[-1:]):
            continue  # a list of places or bodies (北京市、天津市、上海市)
        if sum(m in item_sets for m in clause) >= 2:
            continue  # an enumeration entry's items: that entry judges them
        if any(len(s) >= 6 and s in joined for s in protected if "、" in s):
            continue
        final[clause] = names
    # attested variants: runs with all members but one, the other as long as its own
    seen: dict[tuple[str, ...], set[str]] = collections.defaultdict(set)
    by_pair: dict[tuple[str, str], list[tuple[str, ...]]] = collections.defaultdict(list)
    for clause in final:
        for i in range(len(clause) - 1):
            by_pair[clause[i : i + 2]].append(clause)
        by_pair[(clause[0], clause[2])].append(clause)
    for doc_runs in runs.values():
        for parts in doc_runs:
            for a, b in itertools.pairwise(parts):
                for clause in by_pair.get((a, b), ()):
                    _variants(parts, clause, seen[clause])
            for a, b in zip(parts, parts[2:], strict=False):
                for clause in by_pair.get((a, b), ()):
                    _variants(parts, clause, seen[clause])
    # a fixed clause is one real text never varies: a clause with a variant of its own, or
    # with a kept sibling that differs from it at one place (天更蓝、山更绿、水更清 and
    # 天更蓝、地更绿、水更清), is an open list (进博会、广交会、服贸会 takes other fairs)
    for clause in list(final):
        for k in range(len(clause)):
            for other in final:
                if (
                    len(other) == len(clause)
                    and other != clause
                    and other[:k] == clause[:k]
                    and other[k + 1 :] == clause[k + 1 :]
                ):
                    seen[clause].add(f"{k}:{other[k]}")
    open_lists = [c for c in final if seen[c]]
    for clause in open_lists:
        del final[clause]
    lines = [
        "# mined by scripts/mine_enumerations.py (source: attestation in the corpus files of",
        "# the shared corpus folder and the 新闻联播 transcripts of corpus_lm, held-out years "
        + ",".join(map(str, args.hold_out))
        + f" excluded), --min-docs {args.min_docs} --min-years {args.min_years}",
        "# clause<TAB>documents<TAB>years<TAB>seen variants (position:member; open lists are",
        "# left out, so none is written here: the column is for lists added by other means)",
    ]
    rows = sorted(final.items(), key=lambda kv: (-len(kv[1]), "、".join(kv[0])))
    for clause, names in rows:
        years = sorted({n[:4] for n in names})
        lines.append(
            f"{'、'.join(clause)}\t{len(names)}\t{years[0]}-{years[-1]}\t"
            + "|".join(sorted(seen[clause]))
        )
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents, {len(held)} held-out days, {len(final)} clauses")


def _variants(parts: list[str], clause: tuple[str, ...], out: set[str]) -> None:
    """The odd members of the clause's one-off runs in ``parts``."""
    n = len(clause)
    for i in range(len(parts) - n + 1):
        window = list(parts[i : i + n])
        # the window's ends may carry a verb before or words after (crop them as scanned)
        window[0] = window[0][-len(clause[0]) :]
        window[-1] = window[-1][: len(clause[-1])]
        odd = [k for k in range(n) if window[k] != clause[k]]
        if len(odd) == 1 and len(window[odd[0]]) == len(clause[odd[0]]):
            out.add(f"{odd[0]}:{window[odd[0]]}")


if __name__ == "__main__":
    main()
