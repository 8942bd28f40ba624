"""Print the near-synonym variants (lexicons/_data/formulation_synonyms.tsv) of the shipped
protected formulations that real text holds, with a count and a context: each must be left
out of the table or listed, with its source, in lexicons/_data/nearmiss_real_phrases.txt.

    python scripts/check_formulation_synonyms.py REAL_TEXT... [--all]

REAL_TEXT: clean official text files (``.gz`` read as gzip): the government corpus and the
新闻联播 transcripts the table's header names.

``--all`` prints every variant (count 0 too): to read them for wordings that are ordinary
text nobody happened to write in the corpus.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

import ahocorasick_rs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_text import read_text

from wording_guard import nearmiss
from wording_guard.kinds.protected import ProtectedEntry
from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.lexicon.loader import load_directory
from wording_guard.normalize import Normalizer, build_fold_table
from wording_guard.segment import Segmenter


def formulations(normalizer: Normalizer) -> set[str]:
    """The correct forms whose near-misses are generated, templates expanded."""
    terms = set()
    for loaded in load_directory(shipped_lexicon_dir()):
        for entry in loaded.rule.entries:
            if isinstance(entry, ProtectedEntry) and entry.near_miss and entry.when is None:
                terms.update(filter(None, map(normalizer.term, entry.correct)))
    return terms


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", type=Path)
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args(argv)
    normalizer = Normalizer(build_fold_table())
    tables = nearmiss.Tables.load(shipped_lexicon_dir() / "_data")
    cut = Segmenter().tokens
    made: dict[str, str] = {}
    for term in sorted(formulations(normalizer)):
        for _, variant in nearmiss.word_substitutions(term, tables, cut):
            made.setdefault(variant, term)
    text = "\n".join(read_text(p) for p in args.corpus)
    variants = sorted(made)
    search = ahocorasick_rs.AhoCorasick(variants)
    counts = collections.Counter(
        variants[i] for i, _, _ in search.find_matches_as_indexes(text, overlapping=True)
    )
    for variant in variants:
        n = counts[variant]
        if n or args.all:
            at = text.find(variant)
            context = text[max(0, at - 15) : at + len(variant) + 10] if n else ""
            print(f"{n}\t{variant}\t{made[variant]}\t{context.replace(chr(10), ' ')}")
    print(f"{len(variants)} variants, {len(counts)} in real text", file=sys.stderr)


if __name__ == "__main__":
    main()
