"""Write the kinds section of docs/lexicon-format.md from the kinds' own docs.

python scripts/kind_docs.py          # rewrite the section
python scripts/kind_docs.py --check  # exit 1 when the file is stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wording_guard.kinds import reference

DOC = Path(__file__).resolve().parent.parent / "docs" / "lexicon-format.md"
BEGIN = "<!-- kinds:begin -->"
END = "<!-- kinds:end -->"


def render(current: str) -> str:
    head, rest = current.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{reference()}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when stale")
    args = parser.parse_args(argv)
    current = DOC.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if wanted != current:
            print(f"{DOC} is stale: run python scripts/kind_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
