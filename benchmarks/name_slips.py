"""How many transliterated names with one character replaced the scanner catches (issue #9).

    python benchmarks/name_slips.py CORPUS... [--seed 0] [--lexicons DIR]

Every correct form of four or more characters of the rules with a ``fuzzy_names`` net
(country_region.country_names, country_region.capital_names, leader_name.foreign_leaders;
entries without context only), at every position of a Han character, gets the character there
replaced twice, by a character drawn at random (seeded) from the transliteration table
(``_data/transliteration_chars.txt``) and by one drawn from the 1,500 most frequent Han
characters of CORPUS (clean official text: the government corpus). A variant that is a listed
name itself is skipped. Each variant stands in a neutral sentence, and counts as caught when a
finding covers it and suggests the name. Prints the catch rate by list, by position (the first
or last character, or an inner one) and by the kind of character put in.

``--lexicons``: where the names and the table are read (default: this checkout's), so that a
scanner of another version (``PYTHONPATH``) can be measured on the same variants.
"""

from __future__ import annotations

import argparse
import collections
import random
from pathlib import Path

import yaml

import wording_guard
from wording_guard.charmodel import is_han

RULES = (
    "country_region/country_names.yaml",
    "country_region/capital_names.yaml",
    "leader_name/foreign_leaders.yaml",
)
SENTENCE = "据报道，{}方面表示愿意加强合作。"
PREFIX = SENTENCE.index("{}")


def names_of(lexicons: Path) -> dict[str, str]:
    """Each name of four or more characters, with the rule file it comes from."""
    found: dict[str, str] = {}
    for rel in RULES:
        data = yaml.safe_load((lexicons / rel).read_text(encoding="utf-8"))
        for entry in data["entries"]:
            if entry.get("when") is not None:
                continue
            correct = entry["correct"]
            for name in [correct] if isinstance(correct, str) else correct:
                if len(name) >= 4:
                    found.setdefault(name, Path(rel).stem)
    return found


def frequent_chars(paths: list[Path], top: int = 1500) -> list[str]:
    counts: collections.Counter[str] = collections.Counter()
    for path in paths:
        counts.update(c for c in path.read_text(encoding="utf-8") if is_han(c))
    return [c for c, _ in counts.most_common(top)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--misses", type=Path, help="write the variants missed here")
    parser.add_argument(
        "--lexicons", type=Path, default=Path(__file__).resolve().parents[1] / "lexicons"
    )
    args = parser.parse_args()
    names = names_of(args.lexicons)
    table_lines = (args.lexicons / "_data" / "transliteration_chars.txt").read_text("utf-8")
    table = sorted(
        line.split("#")[0].strip() for line in table_lines.splitlines() if line[:1] != "#"
    )
    frequent = frequent_chars(args.corpus)
    rng = random.Random(args.seed)
    # variant, name, list, where, the part of the name, drawn
    variants: list[tuple[str, str, str, str, str, str]] = []
    for name, source in sorted(names.items()):
        for at, old in enumerate(name):
            if not is_han(old):
                continue
            where = "edge" if at in (0, len(name) - 1) else "inner"
            # a character of the name's transliteration, or of a state-form word (共和国)
            part = "transliteration" if old in table else "state form"
            for drawn, pool in (("transliteration", table), ("frequent", frequent)):
                new = rng.choice(pool)
                while new == old:
                    new = rng.choice(pool)
                variant = name[:at] + new + name[at + 1 :]
                if variant not in names:
                    variants.append((variant, name, source, where, part, drawn))
    text = "\n".join(SENTENCE.format(v[0]) for v in variants)
    starts, pos = [], 0
    for v in variants:
        starts.append(pos + PREFIX)
        pos += len(SENTENCE.format(v[0])) + 1
    caught_at = set()
    for finding in wording_guard.scan(text):
        caught_at.add((finding.start, tuple(finding.suggestions)))
    totals: collections.Counter[tuple[str, str]] = collections.Counter()
    caught: collections.Counter[tuple[str, str]] = collections.Counter()
    missed = []
    for (variant, name, source, where, part, drawn), start in zip(variants, starts, strict=True):
        hit = any(s == start and name in sugg for s, sugg in caught_at)
        if not hit:
            missed.append(f"{variant}\t{name}\t{where}\t{part}\t{drawn}")
        keys = [(source, "all"), ("position", where), ("drawn", drawn), ("all", "all")]
        keys += [("part", part), (part, where), (part, drawn)]
        for key in keys:
            totals[key] += 1
            caught[key] += hit
    if args.misses is not None:
        args.misses.write_text("\n".join(missed) + "\n", encoding="utf-8")
    print(f"{len(names)} names, {len(variants)} variants (seed {args.seed})")
    print("| group | caught | of | rate |\n|---|---:|---:|---:|")
    for key in sorted(totals):
        n, k = totals[key], caught[key]
        print(f"| {' '.join(key)} | {k} | {n} | {k / n:.1%} |")


if __name__ == "__main__":
    main()
