"""Write lexicons/_data/nearmiss_judged.json: the real-word judgements of the shipped
protected terms' near-miss variants (see ``nearmiss.shipped_judgements``), so that a first
run need not read jieba's dictionary. Run after changing a protected term, the confusion
tables, jieba or src/wording_guard/nearmiss.py; tests/test_nearmiss_judged.py says when.

    python scripts/build_nearmiss_judged.py
"""

from __future__ import annotations

from wording_guard import nearmiss
from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.normalize import Normalizer, build_fold_table
from wording_guard.segment import Segmenter


def shipped_judgements_now() -> tuple[str, dict[str, tuple[str, list[str]]]]:
    """The key and the judgements of every shipped protected term, made afresh (each term's
    variants judged whole: the lists a lexicon directory adds are applied at use)."""
    normalizer = Normalizer(build_fold_table())
    shipped = shipped_lexicon_dir()
    key = nearmiss.judgement_key(normalizer)
    assert key is not None
    made = nearmiss.Variants(nearmiss.Tables.load_all([shipped]), Segmenter().tokens)
    terms = nearmiss.protected_terms(normalizer, [shipped])
    found = nearmiss.judge(normalizer, terms, made)
    return key, {
        term: (nearmiss.made_digest(term, made), sorted(found.get(term, ()))) for term in terms
    }


def main() -> None:
    key, judgements = shipped_judgements_now()
    path = shipped_lexicon_dir() / "_data" / nearmiss.JUDGED_FILE
    nearmiss.write_judgements(path, key, judgements)
    real = sum(len(found) for _, found in judgements.values())
    print(f"{path}: {len(judgements)} terms, {real} variants judged real text")


if __name__ == "__main__":
    main()
