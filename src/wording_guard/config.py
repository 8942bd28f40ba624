"""Project configuration: ``[tool.wording-guard]`` in pyproject.toml or ``.wording-guard.toml``.

    [tool.wording-guard]
    lexicons = ["our_lexicons"]          # extra lexicon directories (relative to the file)
    allow = ["allow.txt"]                # allow-list files
    disable = ["improper_wording.xinhua_cautioned"]
    fail-on = "improper"                 # serious | improper | notice | never
    [tool.wording-guard.severity]
    "typo.common_words" = "notice"

In ``.wording-guard.toml`` the same keys stand at the top level, the severity table as
``[severity]``; a ``[tool.wording-guard]`` table there is an error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError
from .models import Severity

CONFIG_FILES = (".wording-guard.toml", "pyproject.toml")


def _toml() -> Any:
    """The TOML reader, imported when a file is read (~3 ms of a start with none to read)."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli  # pragma: no cover

    return tomli  # pragma: no cover


class Config(BaseModel):
    # defer_build: most runs read no config file (see ``default``)
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)

    @classmethod
    def default(cls) -> Config:
        """The configuration without a file: the defaults, valid by construction (no
        validator is built for them). The empty collections are given, not made by their
        factories: pydantic would first read each factory's signature (for a builtin, by
        tokenizing its text signature: ~5 ms of a start)."""
        return cls.model_construct(lexicons=[], allow=[], disable=[], severity={})

    lexicons: list[Path] = Field(default_factory=list)
    allow: list[Path] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    fail_on: Literal["serious", "improper", "notice", "never"] | None = Field(
        default=None, alias="fail-on"
    )
    path: Path | None = Field(default=None, exclude=True)


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` (default: cwd) upwards; pyproject.toml only
    counts when it has a [tool.wording-guard] table."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dotfile = folder / CONFIG_FILES[0]
        if dotfile.is_file():
            return dotfile
        pyproject = folder / CONFIG_FILES[1]
        if pyproject.is_file():
            toml = _toml()
            try:
                data = toml.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, toml.TOMLDecodeError):
                continue
            if "wording-guard" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path) -> Config:
    """Read and validate a config file; relative paths are resolved against its folder."""
    toml = _toml()
    try:
        data: dict[str, Any] = toml.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, toml.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    tool = data.get("tool")
    if path.name == "pyproject.toml":
        data = tool.get("wording-guard", {}) if isinstance(tool, dict) else {}
    elif isinstance(tool, dict) and "wording-guard" in tool:
        # the pyproject.toml form copied into a file of its own
        raise ConfigError(
            f"{path}: [tool.wording-guard] belongs in pyproject.toml; in {path.name} write "
            "its keys at the top level, and [severity] for [tool.wording-guard.severity]"
        )
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{path}: [{key}] {err['msg']}") from None
    base = path.parent
    return config.model_copy(
        update={
            "lexicons": [p if p.is_absolute() else base / p for p in config.lexicons],
            "allow": [p if p.is_absolute() else base / p for p in config.allow],
            "path": path,
        }
    )
