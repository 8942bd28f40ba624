"""The README's Python examples run and print what the README says they print."""

from __future__ import annotations

import contextlib
import io
import re

from conftest import REPO


def test_readme_python_blocks_run() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, "README.md", "exec"), {})
        # every "# expected output" comment line right after a print is what it printed
        expected = [
            line[2:]
            for line in block.splitlines()
            if line.startswith("# ") and not line.startswith("# -")
        ]
        printed = out.getvalue().splitlines()
        for line in expected:
            assert line in printed, (line, printed)
