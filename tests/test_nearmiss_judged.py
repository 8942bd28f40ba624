"""The shipped near-miss judgements (lexicons/_data/nearmiss_judged.json): current for the
shipped lexicons, and the same real words with them as without, a user's lexicon folder
included."""

from __future__ import annotations

from pathlib import Path

import pytest

from wording_guard import nearmiss
from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.normalize import Normalizer, build_fold_table
from wording_guard.segment import Segmenter

SHIPPED = shipped_lexicon_dir()
REBUILD = "run: python scripts/build_nearmiss_judged.py"


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(build_fold_table())


@pytest.fixture(scope="module")
def cut() -> object:
    return Segmenter().tokens


def test_shipped_judgements_match_the_lexicons(normalizer: Normalizer, cut: object) -> None:
    shipped = nearmiss.shipped_judgements(normalizer)
    assert shipped, f"the shipped judgements were made under another key; {REBUILD}"
    made = nearmiss.Variants(nearmiss.Tables.load_all([SHIPPED]), cut)  # type: ignore[arg-type]
    terms = nearmiss.protected_terms(normalizer, [SHIPPED])
    assert shipped.keys() == terms, f"the shipped protected terms changed; {REBUILD}"
    stale = [term for term in terms if shipped[term][0] != nearmiss.made_digest(term, made)]
    assert not stale, f"variants of {stale[:5]} changed; {REBUILD}"
    found = nearmiss.judge(normalizer, terms, made)  # afresh, from jieba's dictionary
    assert {term: sorted(found.get(term, ())) for term in terms} == {
        term: row[1] for term, row in shipped.items()
    }


RULES = """\
id: user.names
category: country_region
severity: serious
kind: protected
message: 名称错误
source: test fixture
entries:
  - correct: [{terms}]
    examples:
      bad: 推进[[全面从严冶党]]。
      good: 推进全面从严治党。
"""


def _user_folder(root: Path, *, confusables: bool) -> Path:
    """A user's lexicon folder: terms of its own beside shipped ones, a list of real words,
    and (``confusables``) a confusion table of its own, which changes shipped terms'
    variants."""
    folder = root / "mine"
    (folder / "names").mkdir(parents=True)
    terms = "全面从严治党, 西班牙王国, 伊拉克共和国, 翠湖新区管理委员会, 青山绿水共建行动"
    (folder / "names" / "names.yaml").write_text(RULES.format(terms=terms), encoding="utf-8")
    (folder / "_data").mkdir()
    (folder / "_data" / "nearmiss_mine.txt").write_text("翠湖新区管理委员会\n", encoding="utf-8")
    if confusables:
        (folder / "_data" / "homophones.tsv").write_text("严\t鑫\t\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("confusables", [False, True])
def test_same_real_words_with_and_without_judgements(
    tmp_path: Path,
    normalizer: Normalizer,
    cut: object,
    monkeypatch: pytest.MonkeyPatch,
    confusables: bool,
) -> None:
    user = _user_folder(tmp_path, confusables=confusables)
    dirs = [SHIPPED, user]
    judged_now: list[set[str]] = []
    judge = nearmiss.judge

    def recording(*args: object, **kwargs: object) -> dict[str, set[str]]:
        judged_now.append(set(args[1]))  # type: ignore[call-overload]
        return judge(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(nearmiss, "judge", recording)

    def real(judged: dict[str, tuple[str, list[str]]] | None) -> set[str]:
        tables = nearmiss.Tables.load_all(dirs)
        return nearmiss.real_words(normalizer, dirs, tables, cut, judged=judged)  # type: ignore[arg-type]

    with_shipped = real(None)
    assert with_shipped == real({})
    assert {"西班牙国王", "伊拉克和国"} <= with_shipped  # the seam rule, either way
    # only the user's own terms, and the shipped ones whose variants its table changes, were
    # judged from the dictionary
    fresh = judged_now[0]
    assert {"翠湖新区管理委员会", "青山绿水共建行动"} <= fresh
    assert "西班牙王国" not in fresh
    assert ("全面从严治党" in fresh) == confusables
