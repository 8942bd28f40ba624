"""Probe how well the fixed political formulations are protected: write each one with a
single change of the kinds editors make, scan it in a neutral sentence, and list the changes
no rule reports (issue #9).

    python scripts/probe_formulation_variants.py [--kind sub|swap|cross|tail] [--show 40]

The formulations are the political_phrase entries' own strings: the correct forms of the
protected rules and the item lists of the enumerations (joined by 、). The changes:

* ``sub``: one character replaced by its first look-alike of ``_data/similar_shape.tsv``
  (律己 → 律已), at most three places per form, spread over it;
* ``swap``: two neighbouring items of a list form swapped (X、Y → Y、X);
* ``cross``: in a form of two clauses of one pattern (以A为主题，以B为主线; 核心是A，…根本方法是B),
  the two slots' contents exchanged;
* ``tail``: a list form's last item with its last character replaced and the clause going
  on after it (…、共赢的发展理念), as lists are quoted inside sentences.

A form is scanned in the carrier sentence 各地要坚持{form}，推动工作落实。 dated the entry's
``valid_from`` (else undated); a change counts as caught when a political_phrase finding
overlaps it. The output lists the forms with uncaught changes, most first, and a summary
per kind of change: a measure of coverage, not a list of errors to add one by one.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.lexicon.loader import load_directory
from wording_guard.scanner import default_scanner

_CARRIER = "各地要坚持{}，推动工作落实。"
_LEAD = len("各地要坚持")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# two clauses of one pattern whose slots an editor exchanges
_CROSS = re.compile(r"^(.*?以)(.+?)(为[\u4e00-\u9fff]{1,2}，以)(.+?)(为[\u4e00-\u9fff]{1,2})$")
_DEFINE = re.compile(r"(核心是)([^，]+)(，.*根本方法是)([^，]+)$")


def look_alikes(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[1]:
            table[cols[0]] = cols[1][0]
    return table


def forms() -> Iterator[tuple[str, str, dt.date | None]]:
    """(rule id, form, valid_from) of every political formulation of the lexicons."""
    for loaded in load_directory(shipped_lexicon_dir()):
        rule = loaded.rule
        kind = getattr(rule, "kind", None)
        if rule.category != "political_phrase":
            continue
        for entry in rule.entries:
            since = getattr(entry, "valid_from", None)
            items = getattr(entry, "items", None)
            if kind == "enumeration" and isinstance(items, (list, tuple)):
                yield rule.id, "、".join(items), since
            elif kind == "protected":
                correct = getattr(entry, "correct", None)
                for form in correct if isinstance(correct, (list, tuple)) else [correct]:
                    if isinstance(form, str) and len(form) >= 4:
                        yield rule.id, form, since


def changes(form: str, alike: dict[str, str], kind: str) -> Iterator[str]:
    if kind == "sub":
        places = [i for i, ch in enumerate(form) if ch in alike and i > 0]
        for i in places[:: max(1, len(places) // 3)][:3]:
            yield form[:i] + alike[form[i]] + form[i + 1 :]
    elif kind == "swap":
        for sep in "、，":
            parts = form.split(sep)
            for i in range(len(parts) - 1):
                if parts[i] != parts[i + 1]:
                    swapped = [*parts[:i], parts[i + 1], parts[i], *parts[i + 2 :]]
                    yield sep.join(swapped)
    elif kind == "cross":
        for pattern in (_CROSS, _DEFINE):
            m = pattern.search(form)
            if m is not None and m.group(2) != m.group(4):
                a, b = m.group(2), m.group(4)
                yield form[: m.start()] + m.expand(rf"\g<1>{b}\g<3>{a}") + form[m.end(4) :]
    elif kind == "tail":
        parts = form.split("、")
        last = parts[-1]
        if len(parts) >= 3 and last[-1] in alike:
            yield "、".join([*parts[:-1], last[:-1] + alike[last[-1]]]) + "的要求"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", choices=["sub", "swap", "cross", "tail"], action="append")
    parser.add_argument("--show", type=int, default=40, help="forms to list")
    args = parser.parse_args()
    kinds = args.kind or ["sub", "swap", "cross", "tail"]
    alike = look_alikes(shipped_lexicon_dir() / "_data" / "similar_shape.tsv")
    scanner = default_scanner()
    tried: collections.Counter[str] = collections.Counter()
    caught: collections.Counter[str] = collections.Counter()
    missed: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    seen: set[str] = set()
    for rule_id, form, since in forms():
        if form in seen or not _HAN.search(form):
            continue
        seen.add(form)
        for kind in kinds:
            for variant in changes(form, alike, kind):
                if variant == form:
                    continue
                text = _CARRIER.format(variant)
                found = scanner.scan(text, date=since)
                end = _LEAD + len(variant)
                hit = any(
                    f.category == "political_phrase" and f.start < end and f.end > _LEAD
                    for f in found
                )
                tried[kind] += 1
                if hit:
                    caught[kind] += 1
                else:
                    missed[(rule_id, form)].append(f"{kind}:{variant}")
    for kind in kinds:
        print(f"{kind:6} caught {caught[kind]}/{tried[kind]}")
    ranked = sorted(missed.items(), key=lambda kv: -len(kv[1]))
    for (rule_id, form), variants in ranked[: args.show]:
        print(f"{len(variants)}\t{rule_id}\t{form}\t{' | '.join(variants[:3])}")


if __name__ == "__main__":
    main()
