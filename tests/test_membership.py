"""The country groups' data (lexicons/country_region/country_groups.yaml) against the
project's country list: a member written in its full name is still that member."""

from __future__ import annotations

from pathlib import Path

from wording_guard.kinds.membership import MembershipRule
from wording_guard.lexicon import load_rule_file

LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"


def _country_names() -> list[str]:
    lines = (LEXICONS / "_data" / "country_names.txt").read_text(encoding="utf-8").splitlines()
    return [w for w in (line.split("#", 1)[0].strip() for line in lines) if w]


def test_members_carry_their_full_names() -> None:
    names = _country_names()
    rule = load_rule_file(LEXICONS / "country_region" / "country_groups.yaml").rule
    assert isinstance(rule, MembershipRule)
    missing = []
    for entry in rule.entries:
        for member in entry.members:
            short = member.names[0]
            for name in names:
                if not name.startswith(short) or name == short:
                    continue
                # 印度尼西亚共和国 starts with 印度 but names another country
                if any(o != short and name.startswith(o) and len(o) > len(short) for o in names):
                    continue
                if name not in member.names:
                    missing.append((short, name))
    assert not missing
