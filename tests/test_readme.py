"""The README's Python examples run and print what the README says they print; its config
blocks load as the files they name."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

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


def test_readme_config_blocks_load_as_the_files_they_name(tmp_path: Path) -> None:
    # each ```toml block names its file in its first line (# pyproject.toml); copied into
    # that file, it loads, and both forms say the same
    from wording_guard.config import find_config, load_config

    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n# (\S+)\n(.*?)```", text, flags=re.S)
    assert sorted(name for name, _ in blocks) == [".wording-guard.toml", "pyproject.toml"]
    loaded = []
    for name, block in blocks:
        folder = tmp_path / name.strip(".")
        folder.mkdir()
        (folder / name).write_text(block, encoding="utf-8")
        assert find_config(folder) == folder / name
        config = load_config(folder / name)
        assert config.fail_on == "improper" and config.severity
        assert config.lexicons == [folder / "our_lexicons"]
        loaded.append(config.model_dump(exclude={"lexicons", "allow"}))
    assert loaded[0] == loaded[1]


def test_pyproject_table_in_the_dotfile_is_a_clear_error(tmp_path: Path) -> None:
    # the mistake the README once invited: its pyproject.toml block copied as it is
    from wording_guard import ConfigError
    from wording_guard.config import load_config

    text = (REPO / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```toml\n# pyproject.toml\n(.*?)```", text, flags=re.S)
    dotfile = tmp_path / ".wording-guard.toml"
    dotfile.write_text(block, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(dotfile)
    assert str(info.value).startswith(
        f"{dotfile}: [tool.wording-guard] belongs in pyproject.toml; in .wording-guard.toml "
        "write its keys at the top level"
    )
